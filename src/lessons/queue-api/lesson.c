/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "queue-api" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_queue_api = {
  .id = "queue-api",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("A full queue, an empty queue, and join()"),
  .explanation = N_("Queue(maxsize=3) holds three values at most. A fast producer puts five: "
                    "its fourth put() waits until the parent takes a value, and the drawing "
                    "shows it waiting. put(99, timeout=1) on the full queue raises Full after "
                    "a second; get_nowait() on an empty queue raises Empty at once. qsize(), "
                    "empty() and full() are only approximate between processes: another "
                    "process may change the queue the moment after they answer. A "
                    "JoinableQueue counts the values put and not yet marked done: a consumer "
                    "calls task_done() after each, and join() waits until the count is 0."),
  .seed = N_("Seed 001: the Queue's methods"),
  .c_files = { "queue-api.c", "mpd-shared-queue.c" },
  .python_file = "queue-api.py",
  .program = "queue-api",
  .same_output = TRUE,
};
