/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-flight-view.h: the values in flight in a lesson's queues, and who waits for them. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-run-history.h"

G_BEGIN_DECLS

#define MPD_TYPE_FLIGHT_VIEW (mpd_flight_view_get_type ())

G_DECLARE_FINAL_TYPE (MpdFlightView, mpd_flight_view, MPD, FLIGHT_VIEW, GtkWidget)

void  mpd_flight_view_set_history (MpdFlightView *self,
                                   MpdRunHistory *history);
void  mpd_flight_view_set_moment  (MpdFlightView *self,
                                   gint64         moment_us);
void  mpd_flight_view_update      (MpdFlightView *self);
char *mpd_flight_view_dup_text    (MpdFlightView *self);
GHashTable *mpd_flight_view_get_calls (MpdFlightView *self);

G_END_DECLS
