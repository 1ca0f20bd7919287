/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "pool-many" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

const MpdLesson mpd_lesson_pool_many = {
  .id = "pool-many",
  .chapter = MPD_CHAPTER_POOL,
  .title = N_("99 tasks on four workers, in chunks"),
  .explanation = N_("map() does not send 99 tasks one by one: each message to a worker would "
                    "cost more than the task. It cuts them into chunks, about four per worker: "
                    "99 tasks / (4 workers × 4) is 6.2, rounded up to 7 tasks a chunk, so 15 "
                    "chunks. A worker runs a whole chunk, then takes the next one; map(work, "
                    "data, chunksize=1) would send them one by one. The lines of four processes "
                    "mix in an order that changes from run to run: each worker prints when it "
                    "gets there. The values still come back in the order of the inputs. Each "
                    "task sleeps 50 ms (in the seed it only prints), so that the schedule shows "
                    "each worker running its seven tasks one after the other."),
  .seed = N_("Seed 004, section 3: Pool"),
  .c_files = { "pool-many.c" },
  .python_file = "pool-many.py",
  .program = "pool-many",
  .same_output = TRUE,
  .racy_lines = "^(\\d+ in pid |\\d worker pids did).*$",
};
