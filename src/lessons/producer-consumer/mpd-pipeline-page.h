/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-page.h: the "Producer / Consumer" demo page: what runs where, live. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-code-view.h"
#include "mpd-explanations.h"
#include "mpd-lesson-view.h"
#include "mpd-message-log.h"
#include "mpd-pipeline.h"
#include "mpd-pipeline-diagram.h"
#include "mpd-plot.h"
#include "mpd-stats.h"
#include "mpd-stats-view.h"

G_BEGIN_DECLS

#define MPD_TYPE_PIPELINE_PAGE (mpd_pipeline_page_get_type ())

G_DECLARE_FINAL_TYPE (MpdPipelinePage, mpd_pipeline_page, MPD, PIPELINE_PAGE, GtkWidget)

MpdPipeline *mpd_pipeline_page_get_pipeline (MpdPipelinePage *self);
void         mpd_pipeline_page_set_pipeline (MpdPipelinePage *self,
                                             MpdPipeline     *pipeline);
gboolean     mpd_pipeline_page_apply_command (MpdPipelinePage  *self,
                                              GError          **error);
GtkEditable *mpd_pipeline_page_get_command_editable (MpdPipelinePage *self);
void         mpd_pipeline_page_set_slow_consumer_ms (MpdPipelinePage *self,
                                                     guint            milliseconds);
GtkAdjustment *
             mpd_pipeline_page_get_slow_consumer_adjustment (MpdPipelinePage *self);
const char  *mpd_pipeline_page_get_explanation (MpdPipelinePage *self);
char        *mpd_pipeline_page_dup_stderr_text (MpdPipelinePage *self);
MpdExplanations *mpd_pipeline_page_get_explanations (MpdPipelinePage *self);
gboolean     mpd_pipeline_page_get_clock_running (MpdPipelinePage *self);
gboolean     mpd_pipeline_page_get_python_known (MpdPipelinePage *self);
void         mpd_pipeline_page_set_slow_consumer (MpdPipelinePage *self,
                                                  gboolean         slow,
                                                  guint            milliseconds);
void         mpd_pipeline_page_set_flood (MpdPipelinePage *self,
                                          gboolean         flood);

/* The lesson's life in the window (mpd-pipeline-page-actions.c) */
void         mpd_pipeline_page_attach (MpdPipelinePage *self,
                                       MpdWindow       *window);
void         mpd_pipeline_page_shown  (MpdPipelinePage *self);
void         mpd_pipeline_page_hidden (MpdPipelinePage *self);
void         mpd_pipeline_page_close  (MpdPipelinePage *self);

/* What the page shows, for the tests */
MpdPipelineDiagram *mpd_pipeline_page_get_diagram      (MpdPipelinePage *self);
MpdStatsView       *mpd_pipeline_page_get_stats_view   (MpdPipelinePage *self);
MpdPlot            *mpd_pipeline_page_get_plot         (MpdPipelinePage *self);
MpdMessageLog      *mpd_pipeline_page_get_log          (MpdPipelinePage *self);
MpdStats           *mpd_pipeline_page_get_stats        (MpdPipelinePage *self);
MpdCodeView        *mpd_pipeline_page_get_code_view    (MpdPipelinePage *self);
GtkSpinButton      *mpd_pipeline_page_get_interval_spin (MpdPipelinePage *self);

G_END_DECLS
