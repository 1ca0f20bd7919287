/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-stats-view.h: the live figures, large: rate, latency, losses, per-producer counts. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-stats.h"

G_BEGIN_DECLS

typedef enum
{
  MPD_STATS_FIGURE_RATE,
  MPD_STATS_FIGURE_LATENCY_P50,
  MPD_STATS_FIGURE_LATENCY_P99,
  MPD_STATS_FIGURE_LOST,
  MPD_STATS_FIGURE_TOTAL,
  MPD_STATS_FIGURE_UPDATES,
} MpdStatsFigure;

#define MPD_STATS_N_FIGURES (MPD_STATS_FIGURE_UPDATES + 1)

#define MPD_TYPE_STATS_VIEW (mpd_stats_view_get_type ())

G_DECLARE_FINAL_TYPE (MpdStatsView, mpd_stats_view, MPD, STATS_VIEW, GtkWidget)

void        mpd_stats_view_set_stats         (MpdStatsView   *self,
                                              MpdStats       *stats);
void        mpd_stats_view_update            (MpdStatsView   *self);
const char *mpd_stats_view_get_figure        (MpdStatsView   *self,
                                              MpdStatsFigure  figure);
const char *mpd_stats_view_get_producer_text (MpdStatsView   *self,
                                              guint           index);
guint       mpd_stats_view_get_n_producers   (MpdStatsView   *self);
char       *mpd_stats_view_format_latency    (gint64          latency_us);
char       *mpd_stats_view_format_count      (guint64         n);

G_END_DECLS
