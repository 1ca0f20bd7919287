/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-console.h: the demo without a window, one line per message on stdout. */

#pragma once

#include "mpd-pipeline.h"

G_BEGIN_DECLS

int mpd_console_run (MpdPipeline *pipeline,
                     guint64      max_messages);

G_END_DECLS
