/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "thread-join" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_thread_join = {
  .id = "thread-join",
  .chapter = MPD_CHAPTER_THREADS,
  .title = N_("Waiting for a thread: join()"),
  .explanation = N_("join() waits until a thread has ended: the main thread sleeps in the kernel until the "
                    "thread it joins is gone, then goes on. Both workers end before the main thread’s "
                    "“post job”."),
  .seed = N_("Seed 004, section 1.1: fork and join"),
  .c_files = { "thread-join.c" },
  .python_file = "thread-join.py",
  .program = "thread-join",
  .same_output = TRUE,
};
