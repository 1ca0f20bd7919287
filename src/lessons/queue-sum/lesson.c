/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "queue-sum" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_queue_sum = {
  .id = "queue-sum",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("Five subtotals through one queue"),
  .explanation = N_("Five processes each count to 10,000,000 and put their subtotal into one "
                    "queue. The parent joins them, puts \"exit\" after the five subtotals, and "
                    "gets values until \"exit\" comes: a queue keeps its order, so \"exit\" "
                    "comes last. The total is five times the count. The post counts to "
                    "100,000,000, about five seconds per process in Python; the lesson counts "
                    "less so that it takes about a second. To count as the post does, run "
                    "the program in a terminal with the count as its argument. Joining before "
                    "getting works here only because each value is small: see "
                    "queue-join-deadlock."),
  .seed = N_("Seed 003: design pattern 1, Queue"),
  .c_files = { "queue-sum.c" },
  .python_file = "queue-sum.py",
  .program = "queue-sum",
  .same_output = TRUE,
  .racy_lines = "^--- .* seconds.*$",
};
