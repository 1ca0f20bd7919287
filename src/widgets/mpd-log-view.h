/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-log-view.h: the message log, as a table: number, producer, time put, latency. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-message-log.h"
#include "mpd-stats.h"

G_BEGIN_DECLS

#define MPD_TYPE_LOG_VIEW (mpd_log_view_get_type ())

G_DECLARE_FINAL_TYPE (MpdLogView, mpd_log_view, MPD, LOG_VIEW, GtkWidget)

void mpd_log_view_set_log   (MpdLogView    *self,
                             MpdMessageLog *log,
                             MpdStats      *stats);

void mpd_log_view_set_live  (MpdLogView    *self,
                             gboolean       live);

G_END_DECLS
