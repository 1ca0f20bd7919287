/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "args" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_args = {
  .id = "args",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("Passing arguments"),
  .explanation = N_("A child process gets its arguments through args=(\"hello\",): a tuple, "
                    "even with one value, and the child calls target(*args). The target can "
                    "be a function, or a method of an object (target=w.run): the child then "
                    "works on its own copy of the object, made when it was started. In C, the "
                    "target is a pointer to a function, and its arguments are in memory that "
                    "the child gets a copy of at fork()."),
  .seed = N_("Seed 004, section 1: passing arguments"),
  .c_files = { "args.c" },
  .python_file = "args.py",
  .program = "args",
  .same_output = TRUE,
};
