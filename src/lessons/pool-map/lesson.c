/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "pool-map" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_pool_map = {
  .id = "pool-map",
  .chapter = MPD_CHAPTER_POOL,
  .title = N_("A pool of three workers maps ten tasks"),
  .explanation = N_("A pool starts its worker processes once and gives them task after task: "
                    "starting a process costs far more than sending it a number. Each worker "
                    "takes the next task as soon as it is free, so the same three pids do all "
                    "ten tasks, and map() gives the values back in the order of the inputs. "
                    "Ten tasks of one second on three workers take four seconds: three rounds "
                    "of three, then one more for the tenth. The Timeline shows each task as a "
                    "bar on the lane of the worker that ran it. Kill a worker (from the "
                    "Drawing) in the middle of a task: Python's map() then waits for ever, "
                    "because no one knows which task that worker held. MpDemo's C pool chose "
                    "the worker itself, so it knows: map() fails at once and says which task "
                    "was lost, on which worker. It does not run the task again, because a task "
                    "may have done half of its work, and only the program knows whether doing "
                    "it twice is safe."),
  .seed = N_("Seed 002: Pool"),
  .c_files = { "pool-map.c", "mpd-pool.c" },
  .python_file = "pool-map.py",
  .program = "pool-map",
  .same_output = TRUE,
  .racy_lines = "^(value \\d+ work in pid|\\d worker pids did).*$",
};
