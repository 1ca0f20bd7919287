/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "queue-basics" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_queue_basics = {
  .id = "queue-basics",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("A queue: first in, first out"),
  .explanation = N_("Processes share no memory, so they pass values through a queue. One "
                    "process puts 1, 2 and 3 and gets them back in the order they went in. "
                    "Then two children each put a list, and the parent gets it. Underneath, a "
                    "queue is a pipe: a value crosses it as bytes (Python pickles it, the C "
                    "program serializes a GVariant), so the parent gets a copy of the child's "
                    "list, not the list itself. The drawing shows the pipe going from each "
                    "process that holds the queue to each other one."),
  .seed = N_("Seed 004: 4.1, Queue"),
  .c_files = { "queue-basics.c", "mpd-shared-queue.c" },
  .python_file = "queue-basics.py",
  .program = "queue-basics",
  .same_output = TRUE,
};
