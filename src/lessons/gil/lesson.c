/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "gil" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_gil = {
  .id = "gil",
  .chapter = MPD_CHAPTER_POOL,
  .title = N_("The GIL, measured: threads against processes"),
  .explanation = N_("The same arithmetic, about a second of it, is done once, then N times in "
                    "N threads at once, then N times in N processes at once (N: the cores of "
                    "this machine), in C and then in Python, in one run. The table gives each "
                    "time and how much faster than one after the other it was. C has no GIL: "
                    "its threads run side by side, one per core, as its processes do. CPython's "
                    "threads take turns holding the GIL (the global interpreter lock), so only "
                    "one runs Python code at a time: in the timeline, each of their lanes is "
                    "busy about 1/N of the time, and N threads take about N times as long. "
                    "Python's processes each have their own interpreter and GIL, and run side "
                    "by side: that is why multiprocessing exists. Python 3.13 can be built "
                    "free-threaded, without a GIL; the last line of the output says which "
                    "python3 this machine has. The figures are those of this run, never "
                    "written into the code: run it again while the machine is busy and they "
                    "change."),
  .seed = N_("Seed 002: the limits of Python's threads; seed 004, section 5"),
  .c_files = { "gil.c" },
  .python_file = "gil.py",
  .program = "gil",
  .same_output = TRUE,
  .racy_lines = "^(C|Python): the work .*$",
};
