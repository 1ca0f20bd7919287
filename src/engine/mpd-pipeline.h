/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline.h: a producer process, a queue and a consumer thread, started and stopped as one. */

#pragma once

#include <gio/gio.h>

#include "mpd-consumer.h"
#include "mpd-message.h"
#include "mpd-producer.h"
#include "mpd-queue.h"

G_BEGIN_DECLS

/* How many producer processes may share one pipe. */
#define MPD_PIPELINE_MAX_PRODUCERS 8

/* How long after the end of the stream a producer may take to be reaped before the pipeline
 * says that it closed the pipe but still runs (MpdPipeline::pipe-closed-while-running). */
#define MPD_PIPELINE_LINGER_MS 500

#define MPD_TYPE_PIPELINE (mpd_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (MpdPipeline, mpd_pipeline, MPD, PIPELINE, GObject)

MpdPipeline *mpd_pipeline_new                    (const char * const   *producer_argv,
                                                  guint                 interval_ms);
gboolean     mpd_pipeline_start                  (MpdPipeline          *self,
                                                  GError              **error);
void         mpd_pipeline_stop_async             (MpdPipeline          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     mpd_pipeline_stop_finish            (MpdPipeline          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean     mpd_pipeline_get_running            (MpdPipeline          *self);
gboolean     mpd_pipeline_get_paused             (MpdPipeline          *self);
void         mpd_pipeline_set_paused             (MpdPipeline          *self,
                                                  gboolean              paused);
void         mpd_pipeline_kill_producer          (MpdPipeline          *self);
int          mpd_pipeline_get_last_exited_pid    (MpdPipeline          *self);
gboolean     mpd_pipeline_signal_one             (MpdPipeline          *self,
                                                  int                   pid,
                                                  int                   signal_number);
gboolean     mpd_pipeline_stop_one               (MpdPipeline          *self,
                                                  int                   pid);
guint        mpd_pipeline_get_interval           (MpdPipeline          *self);
void         mpd_pipeline_set_interval           (MpdPipeline          *self,
                                                  guint                 interval_ms);
const char * const *
             mpd_pipeline_get_producer_argv      (MpdPipeline          *self);
void         mpd_pipeline_set_producer_argv      (MpdPipeline          *self,
                                                  const char * const   *producer_argv);
gboolean     mpd_pipeline_get_runs_own_producer  (MpdPipeline          *self);
char        *mpd_pipeline_dup_producer_name      (MpdPipeline          *self);
int          mpd_pipeline_get_producer_pid       (MpdPipeline          *self);
int          mpd_pipeline_get_consumer_thread_id (MpdPipeline          *self);
guint64      mpd_pipeline_get_n_messages         (MpdPipeline          *self);
guint        mpd_pipeline_get_n_producers        (MpdPipeline          *self);
void         mpd_pipeline_set_n_producers        (MpdPipeline          *self,
                                                  guint                 n_producers);
GPtrArray   *mpd_pipeline_get_producers          (MpdPipeline          *self);
gboolean     mpd_pipeline_get_queue_fill         (MpdPipeline          *self,
                                                  guint                *bytes_waiting,
                                                  guint                *capacity);
MpdConsumerState
             mpd_pipeline_get_consumer_state     (MpdPipeline          *self);

G_END_DECLS
