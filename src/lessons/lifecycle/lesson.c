/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "lifecycle" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_lifecycle = {
  .id = "lifecycle",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("Alive, killed, joined: is_alive()"),
  .explanation = N_("is_alive() is False before start() and True after it. kill() sends "
                    "SIGKILL and returns at once: the kernel ends the child a moment later. "
                    "So is_alive() just after kill() is a race: True if the kernel has not "
                    "finished yet (as in the seed, and most of the time), False if it has. "
                    "An ended child stays a zombie until its parent collects its exit status "
                    "with waitpid(): join() does that, and then is_alive() is False and "
                    "exitcode is -9, minus the number of the signal that ended it."),
  .seed = N_("Seed 004, section 3: checking and ending a child process"),
  .c_files = { "lifecycle.c" },
  .python_file = "lifecycle.py",
  .program = "lifecycle",
  .same_output = TRUE,
  .racy_lines = "^Status after kill\\(\\): (True|False)$",
};
