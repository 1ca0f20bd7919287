/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-timeline.h: a run over time, one lane per process and per thread, to play it back. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-run-history.h"

G_BEGIN_DECLS

#define MPD_TYPE_TIMELINE (mpd_timeline_get_type ())

G_DECLARE_FINAL_TYPE (MpdTimeline, mpd_timeline, MPD, TIMELINE, GtkWidget)

GtkWidget  *mpd_timeline_new          (void);
void        mpd_timeline_set_history  (MpdTimeline   *self,
                                       MpdRunHistory *history);
void        mpd_timeline_update       (MpdTimeline   *self);
gint64      mpd_timeline_get_moment   (MpdTimeline   *self);
void        mpd_timeline_set_moment   (MpdTimeline   *self,
                                       gint64         time_us);
void        mpd_timeline_step         (MpdTimeline   *self,
                                       int            frames);
guint       mpd_timeline_get_n_lanes  (MpdTimeline   *self);
char       *mpd_timeline_dup_lane_text (MpdTimeline  *self,
                                       guint          lane);
gboolean    mpd_timeline_save_png     (MpdTimeline   *self,
                                       const char    *path,
                                       GError       **error);

G_END_DECLS
