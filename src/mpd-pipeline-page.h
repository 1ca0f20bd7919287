/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-page.h: the "Producer / Consumer" demo page: what runs where, live. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-pipeline.h"

G_BEGIN_DECLS

#define MPD_TYPE_PIPELINE_PAGE (mpd_pipeline_page_get_type ())

G_DECLARE_FINAL_TYPE (MpdPipelinePage, mpd_pipeline_page, MPD, PIPELINE_PAGE, GtkWidget)

MpdPipeline *mpd_pipeline_page_get_pipeline (MpdPipelinePage *self);
void         mpd_pipeline_page_set_pipeline (MpdPipelinePage *self,
                                             MpdPipeline     *pipeline);
gboolean     mpd_pipeline_page_apply_command (MpdPipelinePage  *self,
                                              GError          **error);
GtkEditable *mpd_pipeline_page_get_command_editable (MpdPipelinePage *self);

G_END_DECLS
