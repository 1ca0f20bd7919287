/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson.c: the "producer-consumer" lesson, as the lesson list shows it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-lesson.h"

/* The page's controls, bound while the page is shown (mpd-pipeline-page-actions.c). */
static const MpdLessonShortcut shortcuts[] = {
  { "pipeline.restart", "<Control>r", N_("Start, or stop and start again") },
  { "pipeline.stop", "<Control>s", N_("Stop the producers and the thread") },
  { "pipeline.pause", "<Control>p", N_("Pause the producers, or let them go on") },
  { "pipeline.kill", "<Control>k", N_("Kill the producers (SIGKILL)") },
  { "pipeline.faster", "<Control>Up", N_("Halve the interval") },
  { "pipeline.slower", "<Control>Down", N_("Double the interval") },
  { "pipeline.flood", "<Control>f", N_("Flood the pipe") },
  { "pipeline.slow-consumer", "<Control>l", N_("Slow consumer") },
  { "pipeline.more-producers", "<Control>n", N_("One producer more") },
  { "pipeline.fewer-producers", "<Control><Shift>n", N_("One producer fewer") },
  { NULL }
};

const MpdLesson mpd_lesson_producer_consumer = {
  .id = "producer-consumer",
  .chapter = MPD_CHAPTER_QUEUES,
  .title = N_("Producer / Consumer"),
  .explanation = N_("Producer processes put the current time into a queue, once every "
                    "interval. The queue is a pipe that carries the messages to this program. "
                    "Here a consumer thread waits for them and hands them to the main loop, "
                    "which shows the newest one in the status bar below."),
  .seed = N_("Seed 004, section 5: the PyQt example"),
  .c_files = { "mpdemo-producer.c", "mpd-producer.c", "mpd-message.c", "mpd-queue.c",
               "mpd-consumer.c", "mpd-pipeline.c", "mpd-pipeline-page-actions.c" },
  .python_file = "seed-004-pyqt.py",
  .program = NULL,
  .python_modules = "PyQt5",
  .same_output = FALSE,
  .page_actions = "pipeline",
  .shortcuts = shortcuts,
};
