/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "thread-daemon" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_thread_daemon = {
  .id = "thread-daemon",
  .chapter = MPD_CHAPTER_THREADS,
  .title = N_("Daemon threads"),
  .explanation = N_("At the end of a program, Python waits for every thread that is not a daemon, and "
                    "then the process exits, which stops the daemon threads wherever they are: their "
                    "last lines never come, and nothing lets them clean up. Here the worker (not a "
                    "daemon) keeps the program going for 2 seconds and finishes; the three daemons, "
                    "which would work 4, are stopped. In the seed, with five daemons and no worker, "
                    "the program ends the moment its main thread does."),
  .seed = N_("Seed 004, section 1.1: daemon threads"),
  .c_files = { "thread-daemon.c" },
  .python_file = "thread-daemon.py",
  .program = "thread-daemon",
  .same_output = TRUE,
};
