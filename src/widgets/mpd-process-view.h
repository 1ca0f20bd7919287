/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-process-view.h: a run's processes drawn as their tree, with their pipes and memory. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-process-tree.h"
#include "mpd-run-history.h"

G_BEGIN_DECLS

#define MPD_TYPE_PROCESS_VIEW (mpd_process_view_get_type ())

G_DECLARE_FINAL_TYPE (MpdProcessView, mpd_process_view, MPD, PROCESS_VIEW, GtkWidget)

GtkWidget  *mpd_process_view_new         (void);
void        mpd_process_view_set_run     (MpdProcessView *self,
                                          GListModel     *processes,
                                          MpdProcessTree *tree);
void        mpd_process_view_update      (MpdProcessView *self);
void        mpd_process_view_show_moment (MpdProcessView *self,
                                          MpdRunHistory  *history,
                                          gint64          time_us);
const char *mpd_process_view_get_summary (MpdProcessView *self);
void        mpd_process_view_set_calls   (MpdProcessView *self,
                                          GHashTable     *calls);
guint       mpd_process_view_get_n_links (MpdProcessView *self);
int         mpd_process_view_get_selected_pid (MpdProcessView *self);
void        mpd_process_view_select      (MpdProcessView *self,
                                          int             pid,
                                          gboolean        activate);
void        mpd_process_view_popup       (MpdProcessView *self,
                                          int             pid,
                                          GMenuModel     *menu);
gboolean    mpd_process_view_get_row_rect (MpdProcessView  *self,
                                          int              pid,
                                          graphene_rect_t *rect);

G_END_DECLS
