/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "pipe-sum" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_pipe_sum = {
  .id = "pipe-sum",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("Five subtotals through one pipe"),
  .explanation = N_("Five processes each count to 10,000,000 and send their subtotal on the "
                    "same end of one pipe; the parent receives five times and adds them up. "
                    "Every child holds a copy of that end, as the drawing shows. Each "
                    "subtotal is one small message, so two never mix. The post counts to "
                    "100,000,000; run the program in a terminal with the count as its argument "
                    "to count as the post does."),
  .seed = N_("Seed 003: design pattern 2, Pipe"),
  .c_files = { "pipe-sum.c" },
  .python_file = "pipe-sum.py",
  .program = "pipe-sum",
  .same_output = TRUE,
  .racy_lines = "^--- .* seconds.*$",
};
