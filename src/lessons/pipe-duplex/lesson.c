/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "pipe-duplex" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_pipe_duplex = {
  .id = "pipe-duplex",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("A pipe with two ends that both talk"),
  .explanation = N_("Pipe() gives two connected ends, and each end both sends and receives. "
                    "The parent sends a list before the child even starts: the pipe keeps it. "
                    "The child receives it, prints it, and sends a list back on the same end. "
                    "Underneath, a two-way Pipe() is a pair of connected Unix sockets, which "
                    "the drawing shows as one socket between the two processes. A pipe joins "
                    "two ends only; for more processes, use a queue."),
  .seed = N_("Seed 004: 4.2, Pipe"),
  .c_files = { "pipe-duplex.c", "mpd-connection.c" },
  .python_file = "pipe-duplex.py",
  .program = "pipe-duplex",
  .same_output = TRUE,
};
