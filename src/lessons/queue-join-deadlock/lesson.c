/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "queue-join-deadlock" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_queue_join_deadlock = {
  .id = "queue-join-deadlock",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("Joining before getting: a deadlock"),
  .explanation = N_("A process that put a value into a queue does not end until the value is "
                    "in the pipe, and a pipe holds 64 KiB. The child puts 1 MB, so it waits "
                    "for room, which only a reader makes; the parent waits in join() for the "
                    "child to end. Each waits for the other, for ever: the drawing shows the "
                    "child waiting to write into the pipe and the parent waiting for its "
                    "child. In Python, put() returns at once and a thread of the child writes "
                    "the value; the child waits for that thread as it ends. Here the parent "
                    "gives up after three seconds, says so, and takes the value: the child "
                    "ends. The fix, shown second: get first, then join. Python's "
                    "documentation warns of this."),
  .seed = N_("Seed 003: design pattern 1, and Python's warning"),
  .c_files = { "queue-join-deadlock.c", "mpd-child.c" },
  .python_file = "queue-join-deadlock.py",
  .program = "queue-join-deadlock",
  .same_output = TRUE,
};
