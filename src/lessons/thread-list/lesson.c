/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "thread-list" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_thread_list = {
  .id = "thread-list",
  .chapter = MPD_CHAPTER_THREADS,
  .title = N_("A list of threads, all joined"),
  .explanation = N_("Threads kept in a list are joined one after the other. Joining a thread that has "
                    "already ended returns at once, so the loop ends when the slowest one has ended, "
                    "in whatever order they end."),
  .seed = N_("Seed 004, section 1.1: a list of threads"),
  .c_files = { "thread-list.c" },
  .python_file = "thread-list.py",
  .program = "thread-list",
  .same_output = TRUE,
};
