/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "daemon" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_daemon = {
  .id = "daemon",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("What daemon=True really does"),
  .explanation = N_("When the main process's program ends normally, Python sends SIGTERM to "
                    "its daemon children (terminate()) and waits for the others (join()): the "
                    "worker finishes, the daemon is ended before it can. Seed 001 says that a "
                    "daemon process stays in the background after the main process ends: it "
                    "does not. When the main process is killed with SIGKILL, none of its code "
                    "runs: nobody ends the daemon, nobody waits for the worker. Both become "
                    "orphans, the kernel gives them a new parent (MpDemo's supervisor here, "
                    "init in a terminal), and both finish their work."),
  .seed = N_("Seed 001: daemon processes, and seed 004, section 2: join and daemon"),
  .c_files = { "daemon.c" },
  .python_file = "daemon.py",
  .program = "daemon",
  .same_output = TRUE,
};
