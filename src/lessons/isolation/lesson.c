/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "isolation" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_isolation = {
  .id = "isolation",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("Each process has its own memory"),
  .explanation = N_("A child gets a copy of its parent's memory when it starts, and from then "
                    "on the two copies are apart. Each child adds 1 to num and prints 43, but "
                    "the parent's num is still 42, and the second child starts from 42 again. "
                    "A method that sets self.name in the child changes the child's copy of the "
                    "object: the parent's still says None. A class passed as target= is "
                    "created in the child, so its __init__ runs there. To share memory, a "
                    "program must ask for it (the chapter “Shared memory and locks”)."),
  .seed = N_("Seed 004: num = 42, and section 6: multiprocessing and classes"),
  .c_files = { "isolation.c" },
  .python_file = "isolation.py",
  .program = "isolation",
  .same_output = TRUE,
};
