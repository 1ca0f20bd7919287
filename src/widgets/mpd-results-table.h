/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-results-table.h: what a lesson measured, as a table: time and speed-up. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_RESULTS_TABLE (mpd_results_table_get_type ())

G_DECLARE_FINAL_TYPE (MpdResultsTable, mpd_results_table, MPD, RESULTS_TABLE, GtkWidget)

GtkWidget *mpd_results_table_new      (void);
void       mpd_results_table_clear    (MpdResultsTable *self);
void       mpd_results_table_add      (MpdResultsTable *self,
                                       const char      *label,
                                       gint64           time_us,
                                       int              times);
guint      mpd_results_table_get_n_rows (MpdResultsTable *self);
char      *mpd_results_table_dup_row  (MpdResultsTable *self,
                                       guint            row);

G_END_DECLS
