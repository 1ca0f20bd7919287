/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "subclass" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_subclass = {
  .id = "subclass",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("A Process subclass"),
  .explanation = N_("The same five workers, written as a class: Worker is a subclass of "
                    "Process that overrides run(). start() creates the child process, and the "
                    "child, not the parent, calls run(). C has no classes: there a process is "
                    "a record with a pointer to the function to run, and the start function "
                    "calls it in the child."),
  .seed = N_("Seed 000, second example; seed 001, overriding run()"),
  .c_files = { "subclass.c" },
  .python_file = "subclass.py",
  .program = "subclass",
  .same_output = TRUE,
};
