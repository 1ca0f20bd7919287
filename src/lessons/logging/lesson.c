/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "logging" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_logging = {
  .id = "logging",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("What multiprocessing logs: log_to_stderr()"),
  .explanation = N_("multiprocessing has a log of its own, written to stderr once "
                    "log_to_stderr() is called: each line says its level and the name of the "
                    "process that wrote it. At INFO, a child says when it starts its work and "
                    "when it shuts down and exits, with its exit code; the main process says "
                    "which children it joins when its program ends. DEBUG adds Python's "
                    "clean-up at the end of every process (the “atexit” finalizers). A child "
                    "gets a copy of the log's level when it starts."),
  .seed = N_("Seed 000: log_to_stderr(), and seed 001: logging"),
  .c_files = { "log_to_stderr.c" },
  .python_file = "log_to_stderr.py",
  .program = "log_to_stderr",
  .same_output = TRUE,
};
