/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-status-bar.h: the bar at the bottom of the window: latest message, producer, count. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_STATUS_BAR (mpd_status_bar_get_type ())

G_DECLARE_FINAL_TYPE (MpdStatusBar, mpd_status_bar, MPD, STATUS_BAR, GtkWidget)

const char *mpd_status_bar_get_text         (MpdStatusBar *self);
void        mpd_status_bar_set_text         (MpdStatusBar *self,
                                             const char   *text);
void        mpd_status_bar_set_time         (MpdStatusBar *self,
                                             const char   *time);
const char *mpd_status_bar_get_last_announcement (MpdStatusBar *self);
void        mpd_status_bar_set_producer_pid (MpdStatusBar *self,
                                             int           pid);
void        mpd_status_bar_set_n_messages   (MpdStatusBar *self,
                                             guint64       n_messages);

void          mpd_status_bar_set_counters_visible (MpdStatusBar *self,
                                                  gboolean      visible);

G_END_DECLS
