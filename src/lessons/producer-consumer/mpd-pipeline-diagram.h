/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-diagram.h: the live picture: producers -> pipe -> thread -> main loop -> bar. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-pipeline.h"
#include "mpd-stats.h"

G_BEGIN_DECLS

/* The boxes of the diagram, left to right. */
typedef enum
{
  MPD_DIAGRAM_PART_PRODUCER,    /* one box per producer */
  MPD_DIAGRAM_PART_PIPE,
  MPD_DIAGRAM_PART_CONSUMER,
  MPD_DIAGRAM_PART_MAIN_LOOP,
  MPD_DIAGRAM_PART_STATUS_BAR,
} MpdDiagramPart;

/* How often the dots that show messages flowing move, in µs. */
#define MPD_PIPELINE_DIAGRAM_STEP_US (66 * 1000)

#define MPD_TYPE_PIPELINE_DIAGRAM (mpd_pipeline_diagram_get_type ())

G_DECLARE_FINAL_TYPE (MpdPipelineDiagram, mpd_pipeline_diagram, MPD, PIPELINE_DIAGRAM, GtkWidget)

void     mpd_pipeline_diagram_set_pipeline      (MpdPipelineDiagram *self,
                                                 MpdPipeline        *pipeline);
void     mpd_pipeline_diagram_set_stats         (MpdPipelineDiagram *self,
                                                 MpdStats           *stats);
void     mpd_pipeline_diagram_set_slow_consumer_ms (MpdPipelineDiagram *self,
                                                 guint               milliseconds);
void     mpd_pipeline_diagram_note_messages     (MpdPipelineDiagram *self,
                                                 const MpdMessage   *messages,
                                                 guint               n_messages,
                                                 gint64              now_us);
void     mpd_pipeline_diagram_forget_messages   (MpdPipelineDiagram *self);
void     mpd_pipeline_diagram_popup_menu        (MpdPipelineDiagram    *self,
                                                 GMenuModel            *model,
                                                 const graphene_rect_t *rect);
int      mpd_pipeline_diagram_get_producer_at   (MpdPipelineDiagram *self,
                                                 double              x,
                                                 double              y,
                                                 graphene_rect_t    *rect);
gboolean mpd_pipeline_diagram_update            (MpdPipelineDiagram *self,
                                                 gint64              now_us);
char    *mpd_pipeline_diagram_dup_text          (MpdPipelineDiagram *self,
                                                 MpdDiagramPart      part,
                                                 guint               index);
guint    mpd_pipeline_diagram_get_n_producer_boxes (MpdPipelineDiagram *self);
gboolean mpd_pipeline_diagram_get_pipe_full     (MpdPipelineDiagram *self);
guint64  mpd_pipeline_diagram_get_n_frames      (MpdPipelineDiagram *self);

G_END_DECLS
