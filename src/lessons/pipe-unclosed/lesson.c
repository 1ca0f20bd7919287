/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "pipe-unclosed" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_pipe_unclosed = {
  .id = "pipe-unclosed",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("A forgotten pipe end: waiting for ever"),
  .explanation = N_("A reader gets end of file (EOFError) only when no process holds the write "
                    "end open any more: the kernel counts the open copies, not who means to "
                    "write. The parent sends three values and is done, but forgets to close "
                    "its write end, so the reader waits in recv() for ever: the drawing shows "
                    "the pipe still going from the parent to the reader. After three seconds "
                    "the parent says it is stuck and closes its end, and end of file comes at "
                    "once. The second time it closes its end as soon as it has sent. Each "
                    "process should close the ends it does not use."),
  .seed = N_("Seed 001: close the ends you do not use"),
  .c_files = { "pipe-unclosed.c", "mpd-connection.c" },
  .python_file = "pipe-unclosed.py",
  .program = "pipe-unclosed",
  .same_output = TRUE,
};
