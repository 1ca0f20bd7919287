/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-console.h: the demo without a window, one line per message on stdout. */

#pragma once

#include "mpd-lesson.h"
#include "mpd-pipeline.h"

G_BEGIN_DECLS

typedef enum
{
  MPD_CONSOLE_EVERY_MESSAGE, /* one line per message */
  MPD_CONSOLE_SUMMARY,       /* one line at the end: how many, how fast, how many lost */
} MpdConsoleOutput;

int mpd_console_run (MpdPipeline      *pipeline,
                     guint64           max_messages,
                     MpdConsoleOutput  output);

void mpd_console_set_stdout_closed (gboolean closed);

int mpd_console_run_lesson (const MpdLesson *lesson,
                            gboolean         python);

G_END_DECLS
