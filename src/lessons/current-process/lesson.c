/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "current-process" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_current_process = {
  .id = "current-process",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("The current process"),
  .explanation = N_("current_process() tells a process who it is: “MainProcess” in the first "
                    "one, and the name it was given in a child. The main process starts a "
                    "process named SubProcess and does not wait for it: “MainProcess End” "
                    "comes first, and “SubProcess End” five seconds later. Python still waits "
                    "for the child before the program ends."),
  .seed = N_("Seed 004, section 2: process spawning"),
  .c_files = { "current-process.c" },
  .python_file = "current-process.py",
  .program = "current-process",
  .same_output = TRUE,
};
