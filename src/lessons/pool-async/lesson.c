/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "pool-async" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_pool_async = {
  .id = "pool-async",
  .chapter = MPD_CHAPTER_POOL,
  .title = N_("Results that come later: apply_async, get, map_async"),
  .explanation = N_("apply_async() gives one task to a worker and returns a result object at "
                    "once: the program goes on while the worker works. ready() says whether "
                    "the value has come. get(timeout=2) waits two seconds at most, then raises "
                    "TimeoutError; the task is not stopped, and a later get() still gets its "
                    "value. apply() is apply_async() and get() in one: it waits. map_async() is "
                    "map() without the wait. The Timeline shows slow_square(3) running for "
                    "three seconds on one worker while the program asks for it."),
  .seed = N_("Seed 001: the Pool's methods"),
  .c_files = { "pool-async.c" },
  .python_file = "pool-async.py",
  .program = "pool-async",
  .same_output = TRUE,
};
