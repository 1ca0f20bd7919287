/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-plot.h: the last minute, drawn: messages per second, and latency (p50 and p99). */

#pragma once

#include <gtk/gtk.h>

#include "mpd-stats.h"

G_BEGIN_DECLS

#define MPD_TYPE_PLOT (mpd_plot_get_type ())

G_DECLARE_FINAL_TYPE (MpdPlot, mpd_plot, MPD, PLOT, GtkWidget)

void  mpd_plot_set_stats     (MpdPlot  *self,
                              MpdStats *stats);
void  mpd_plot_update        (MpdPlot  *self);
guint mpd_plot_get_n_seconds (MpdPlot  *self);
double mpd_plot_get_rate_scale (MpdPlot *self);

G_END_DECLS
