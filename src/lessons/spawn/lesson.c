/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "spawn" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_spawn = {
  .id = "spawn",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("Five processes"),
  .explanation = N_("The main process starts five child processes, each with a name and an "
                    "argument. Each child prints them, then its parent’s pid and its own: the "
                    "parent pid is the same for all five, and every pid is different, because "
                    "each child is a process of its own. The order of the lines may change "
                    "from one run to the next: the five run at the same time."),
  .seed = N_("Seed 000, first example; seed 001, creating a Process"),
  .c_files = { "spawn.c" },
  .python_file = "spawn.py",
  .program = "spawn",
  .same_output = TRUE,
};
