/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-window.h: the main window: a list of demos, the current demo, and the status bar. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-pipeline.h"
#include "mpd-pipeline-page.h"
#include "mpd-status-bar.h"

G_BEGIN_DECLS

#define MPD_TYPE_WINDOW (mpd_window_get_type ())

G_DECLARE_FINAL_TYPE (MpdWindow, mpd_window, MPD, WINDOW, GtkApplicationWindow)

MpdWindow       *mpd_window_new               (MpdApplication *application,
                                               MpdPipeline    *pipeline,
                                               guint64         max_messages);
MpdPipeline     *mpd_window_get_pipeline      (MpdWindow      *self);
MpdPipelinePage *mpd_window_get_pipeline_page (MpdWindow      *self);
MpdStatusBar    *mpd_window_get_status_bar    (MpdWindow      *self);
void             mpd_window_set_slow_consumer (MpdWindow      *self,
                                               gboolean        slow,
                                               guint           milliseconds);

G_END_DECLS
