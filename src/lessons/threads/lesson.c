/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "threads" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_threads = {
  .id = "threads",
  .chapter = MPD_CHAPTER_THREADS,
  .title = N_("Five threads in one process"),
  .explanation = N_("Threads are the parts of one process that run: they share its memory, "
                    "its files and its pid, and each has its own stack and its own name (the "
                    "drawing shows one box, with six threads). The main thread starts five "
                    "workers and ends at once: “main thread end” comes first. The program goes on "
                    "until the workers have ended: Python waits for every thread that is not a "
                    "daemon, and the C program joins them after its last line, as Python does."),
  .seed = N_("Seed 004, section 1.1: the threading module"),
  .c_files = { "threads.c" },
  .python_file = "threads.py",
  .program = "threads",
  .same_output = TRUE,
};
