/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "process-doubler" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_process_doubler = {
  .id = "process-doubler",
  .chapter = MPD_CHAPTER_POOL,
  .title = N_("One process per number, without a pool"),
  .explanation = N_("Without a pool, each Process runs one function once, with its own "
                    "argument, and ends: five numbers, five processes, five pids, each used "
                    "once. Each adds 10 to its number. Their lines come in the order in which "
                    "the kernel ran them, which changes from run to run, and a process's two "
                    "lines may be apart. The parent joins all five. Compare with pool-map, "
                    "where three workers do ten tasks: a pool pays for starting a process once, "
                    "here each task pays for it."),
  .seed = N_("Seed 002: Process"),
  .c_files = { "process-doubler.c" },
  .python_file = "process-doubler.py",
  .program = "process-doubler",
  .same_output = TRUE,
  .racy_lines = "^the work that many processes share$|^num: \\d+, result: \\d+, pid",
};
