/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "join" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_join = {
  .id = "join",
  .chapter = MPD_CHAPTER_PROCESSES,
  .title = N_("Waiting for a child: join()"),
  .explanation = N_("Without join(), the main process goes on at once: its last line comes "
                    "before the child's. With join(), it waits in the kernel (waitpid()) until "
                    "the child has ended, and its last line comes after. Even without join(), "
                    "Python's main process does not leave its child behind: at the end of the "
                    "program, multiprocessing joins every child that is not a daemon. A C "
                    "program must call waitpid() itself, or its child goes on alone."),
  .seed = N_("Seed 004, section 2: join and daemon"),
  .c_files = { "join.c" },
  .python_file = "join.py",
  .program = "join",
  .same_output = TRUE,
};
