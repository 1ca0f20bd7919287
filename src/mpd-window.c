/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-window.c: the main window: a list of demos, the current demo, and the status bar. */

/*
 * The window is the seed's MyWindow. It owns the pipeline (producer process, queue, consumer
 * thread), starts it when it opens, and shows each batch of messages in the status bar: the
 * newest timestamp, formatted as Python's str(datetime.now()) would.
 *
 * Closing the window does not simply destroy it: the window hides, stops the pipeline, and
 * is destroyed only once the producer has been reaped and the consumer thread joined. The
 * application quits when its last window is gone, so nothing is left running behind it.
 */

#define G_LOG_DOMAIN "mpd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-pipeline-page.h"
#include "mpd-window.h"

struct _MpdWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *sidebar;
  MpdPipelinePage      *pipeline_page;
  MpdStatusBar         *status_bar;

  /* Owned */
  MpdPipeline          *pipeline;

  guint64               max_messages;
  guint                 slow_consumer_ms;    /* 0: off */
  guint                 interval_before_flood;
  guint                 closing : 1;
  guint                 stopping : 1;
  guint                 start_after_stop : 1;
  guint                 producer_ended : 1;  /* the status bar says how, keep it there */
  guint                 first_shown : 1;     /* a timestamp has been on screen */
};

enum {
  PROP_0,
  PROP_PIPELINE,
  PROP_MAX_MESSAGES,
  PROP_PRODUCER_PAUSED,
  PROP_SLOW_CONSUMER,
  PROP_FLOOD,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MpdWindow, mpd_window, GTK_TYPE_APPLICATION_WINDOW)

/* How long the slow consumer takes for each batch. */
#define SLOW_CONSUMER_MS 100

static GParamSpec *properties[N_PROPS];

/* Says (with G_MESSAGES_DEBUG=mpd-window) when the first timestamp has been painted: the
 * startup benchmark (bench/run.py) measures the time from launch to that line. */
static void
mpd_window_first_paint_cb (GdkFrameClock *frame_clock,
                           MpdWindow     *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, mpd_window_first_paint_cb, self);
  g_debug ("The first timestamp is on screen");
}

static void
mpd_window_messages_received_cb (MpdWindow   *self,
                                 GArray      *messages,
                                 MpdPipeline *pipeline)
{
  const MpdMessage *newest = &g_array_index (messages, MpdMessage, messages->len - 1);
  g_autofree char *time = mpd_message_format_wall_time (newest);
  guint64 n_messages = mpd_pipeline_get_n_messages (pipeline);

  /* However many messages came in this batch, the bar shows the newest: one update per
   * batch keeps the window responsive during a flood. Messages still in the pipe when the
   * producer died arrive after the news of its death, which must stay in view. */
  if (!self->producer_ended)
    mpd_status_bar_set_text (self->status_bar, time);

  if (!self->first_shown && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    {
      self->first_shown = TRUE;
      g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                               G_CALLBACK (mpd_window_first_paint_cb), self, 0);
    }
  mpd_status_bar_set_n_messages (self->status_bar, n_messages);

  if (self->max_messages > 0 && n_messages >= self->max_messages)
    gtk_window_close (GTK_WINDOW (self));

  /* The slow consumer: the main loop takes this long for each batch, on purpose, as a
   * handler that does too much would. Batches then wait for the main loop, the consumer
   * thread stops reading once enough are waiting, the pipe fills, and the producer blocks
   * in write(2). Nothing is lost: everyone waits for the slowest. */
  if (self->slow_consumer_ms > 0 && !self->closing)
    g_usleep (self->slow_consumer_ms * 1000);
}

static void
mpd_window_producer_exited_cb (MpdWindow   *self,
                               int          wait_status,
                               gboolean     requested,
                               MpdPipeline *pipeline)
{
  g_autofree char *text = NULL;

  if (requested)
    return;

  text = mpd_producer_explain_exit (wait_status);
  mpd_status_bar_set_text (self->status_bar, text);
  self->producer_ended = TRUE;
}

static void
mpd_window_stream_closed_cb (MpdWindow    *self,
                             const GError *error,
                             MpdPipeline  *pipeline)
{
  if (error != NULL)
    mpd_status_bar_set_text (self->status_bar, error->message);
}

static void
mpd_window_notify_producer_pid_cb (MpdWindow   *self,
                                   GParamSpec  *pspec,
                                   MpdPipeline *pipeline)
{
  mpd_status_bar_set_producer_pid (self->status_bar, mpd_pipeline_get_producer_pid (pipeline));
}

/* Restarting is possible once the run has ended: the producer is reaped, the thread joined.
 * Stopping is possible while it runs. */
static void
mpd_window_notify_running_cb (MpdWindow   *self,
                              GParamSpec  *pspec,
                              MpdPipeline *pipeline)
{
  gboolean running = mpd_pipeline_get_running (pipeline);
  gboolean can_act = running && !self->stopping && !self->closing;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.restart",
                                 !running && !self->closing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.stop", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.pause", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.kill", can_act);
}

static void
mpd_window_notify_paused_cb (MpdWindow   *self,
                             GParamSpec  *pspec,
                             MpdPipeline *pipeline)
{
  if (mpd_pipeline_get_paused (pipeline))
    mpd_status_bar_set_text (self->status_bar,
                             _("The producer process is paused (SIGSTOP): it sends nothing, "
                               "and the consumer thread waits."));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCER_PAUSED]);
}

static void mpd_window_stop_pipeline (MpdWindow *self,
                                      gboolean   then_start);

/* A new interval, or flooding on or off: mpdemo-producer takes its interval when it starts,
 * so a running one is replaced by a new one at once. */
static void
mpd_window_notify_interval_cb (MpdWindow   *self,
                               GParamSpec  *pspec,
                               MpdPipeline *pipeline)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOOD]);

  if (mpd_pipeline_get_runs_own_producer (pipeline))
    mpd_window_stop_pipeline (self, TRUE);
}

static void
mpd_window_set_flood (MpdWindow *self,
                      gboolean   flood)
{
  guint interval = mpd_pipeline_get_interval (self->pipeline);

  if (flood == (interval == 0))
    return;

  if (flood)
    {
      self->interval_before_flood = interval;
      mpd_pipeline_set_interval (self->pipeline, 0);
    }
  else
    {
      mpd_pipeline_set_interval (self->pipeline, self->interval_before_flood > 0
                                                 ? self->interval_before_flood
                                                 : MPD_PRODUCER_DEFAULT_INTERVAL_MS);
    }
}

static void
mpd_window_kill_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  mpd_pipeline_kill_producer (MPD_WINDOW (widget)->pipeline);
}

static void
mpd_window_start_pipeline (MpdWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->producer_ended = FALSE;
  mpd_status_bar_set_n_messages (self->status_bar, 0);

  if (!mpd_pipeline_page_apply_command (self->pipeline_page, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The producer command cannot be read: %s"),
                                               error->message);

      mpd_status_bar_set_text (self->status_bar, text);
      return;
    }

  mpd_status_bar_set_text (self->status_bar, _("Waiting for the first message…"));
  if (!mpd_pipeline_start (self->pipeline, &error))
    mpd_status_bar_set_text (self->status_bar, error->message);
}

static void
mpd_window_restart_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpdWindow *self = MPD_WINDOW (widget);

  if (!mpd_pipeline_get_running (self->pipeline) && !self->closing)
    mpd_window_start_pipeline (self);
}

static void
mpd_window_stopped_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MpdWindow) self = user_data;

  mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL);
  self->stopping = FALSE;
  mpd_window_notify_running_cb (self, NULL, self->pipeline);

  if (self->closing)
    return;

  if (self->start_after_stop)
    {
      mpd_window_start_pipeline (self);
    }
  else
    {
      mpd_status_bar_set_text (self->status_bar, _("The producer process was stopped."));
      self->producer_ended = TRUE;
    }
}

/* Stops the run on the user's request, and keeps the window; then starts a new run when
 * @then_start is set. Does nothing when no run is going, or it is stopping already. */
static void
mpd_window_stop_pipeline (MpdWindow *self,
                          gboolean   then_start)
{
  if (!mpd_pipeline_get_running (self->pipeline) || self->stopping || self->closing)
    return;

  self->stopping = TRUE;
  self->start_after_stop = !!then_start;
  mpd_window_notify_running_cb (self, NULL, self->pipeline);
  mpd_pipeline_stop_async (self->pipeline, NULL, mpd_window_stopped_cb, g_object_ref (self));
}

static void
mpd_window_stop_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  mpd_window_stop_pipeline (MPD_WINDOW (widget), FALSE);
}

static void
mpd_window_pipeline_stopped_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(MpdWindow) self = user_data;

  mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Start with the list of demos focused, not the producer command (the first thing GTK would
 * pick): a text cursor blinking there would redraw the window twice a second, which costs
 * more than the demo itself. */
static void
mpd_window_map (GtkWidget *widget)
{
  MpdWindow *self = MPD_WINDOW (widget);

  GTK_WIDGET_CLASS (mpd_window_parent_class)->map (widget);
  gtk_widget_child_focus (self->sidebar, GTK_DIR_TAB_FORWARD);
}

static gboolean
mpd_window_close_request (GtkWindow *window)
{
  MpdWindow *self = MPD_WINDOW (window);

  if (!mpd_pipeline_get_running (self->pipeline))
    return GTK_WINDOW_CLASS (mpd_window_parent_class)->close_request (window);

  /* Keep the window (and so the application) alive until the producer is reaped and the
   * thread joined; hide it now, so that closing feels instant. */
  if (!self->closing)
    {
      self->closing = TRUE;
      mpd_window_notify_running_cb (self, NULL, self->pipeline);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      mpd_pipeline_stop_async (self->pipeline, NULL,
                               mpd_window_pipeline_stopped_cb, g_object_ref (self));
    }

  return TRUE;
}

static void
mpd_window_constructed (GObject *object)
{
  MpdWindow *self = (MpdWindow *)object;

  G_OBJECT_CLASS (mpd_window_parent_class)->constructed (object);

  g_signal_connect_object (self->pipeline, "messages-received",
                           G_CALLBACK (mpd_window_messages_received_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pipeline, "producer-exited",
                           G_CALLBACK (mpd_window_producer_exited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pipeline, "stream-closed",
                           G_CALLBACK (mpd_window_stream_closed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pipeline, "notify::producer-pid",
                           G_CALLBACK (mpd_window_notify_producer_pid_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pipeline, "notify::running",
                           G_CALLBACK (mpd_window_notify_running_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pipeline, "notify::interval",
                           G_CALLBACK (mpd_window_notify_interval_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pipeline, "notify::paused",
                           G_CALLBACK (mpd_window_notify_paused_cb), self,
                           G_CONNECT_SWAPPED);
  mpd_pipeline_page_set_pipeline (self->pipeline_page, self->pipeline);

  mpd_window_start_pipeline (self);
  mpd_window_notify_running_cb (self, NULL, self->pipeline);
}

static void
mpd_window_dispose (GObject *object)
{
  MpdWindow *self = (MpdWindow *)object;

  /* Disposing the pipeline kills and reaps a producer that still runs, and joins the
   * thread: the window never leaves them behind, even when destroyed without closing. */
  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);
  g_clear_object (&self->pipeline);

  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_WINDOW);

  G_OBJECT_CLASS (mpd_window_parent_class)->dispose (object);
}


static void
mpd_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MpdWindow *self = MPD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      g_value_set_object (value, self->pipeline);
      break;

    case PROP_MAX_MESSAGES:
      g_value_set_uint64 (value, self->max_messages);
      break;

    case PROP_PRODUCER_PAUSED:
      g_value_set_boolean (value, self->pipeline && mpd_pipeline_get_paused (self->pipeline));
      break;

    case PROP_SLOW_CONSUMER:
      g_value_set_boolean (value, self->slow_consumer_ms > 0);
      break;

    case PROP_FLOOD:
      g_value_set_boolean (value, self->pipeline && mpd_pipeline_get_interval (self->pipeline) == 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MpdWindow *self = MPD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      self->pipeline = g_value_dup_object (value);
      break;

    case PROP_MAX_MESSAGES:
      self->max_messages = g_value_get_uint64 (value);
      break;

    case PROP_PRODUCER_PAUSED:
      mpd_pipeline_set_paused (self->pipeline, g_value_get_boolean (value));
      break;

    case PROP_SLOW_CONSUMER:
      mpd_window_set_slow_consumer_ms (self, g_value_get_boolean (value) ? SLOW_CONSUMER_MS : 0);
      break;

    case PROP_FLOOD:
      mpd_window_set_flood (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_window_class_init (MpdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mpd_window_constructed;
  object_class->dispose = mpd_window_dispose;
  object_class->get_property = mpd_window_get_property;
  object_class->set_property = mpd_window_set_property;

  widget_class->map = mpd_window_map;
  window_class->close_request = mpd_window_close_request;

  /* The pipeline the window shows and runs: it starts it when it opens, and stops it before
   * it closes. */
  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL,
                         MPD_TYPE_PIPELINE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Close the window after this many messages; 0 for never. */
  properties[PROP_MAX_MESSAGES] =
    g_param_spec_uint64 ("max-messages", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the producer is paused (SIGSTOP); the pipeline.pause action toggles it. */
  properties[PROP_PRODUCER_PAUSED] =
    g_param_spec_boolean ("producer-paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the main loop takes SLOW_CONSUMER_MS for each batch, on purpose; the
   * pipeline.slow-consumer action toggles it. */
  properties[PROP_SLOW_CONSUMER] =
    g_param_spec_boolean ("slow-consumer", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the producer sends without a pause; the pipeline.flood action toggles it. */
  properties[PROP_FLOOD] =
    g_param_spec_boolean ("flood", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MPD_TYPE_PIPELINE_PAGE);
  g_type_ensure (MPD_TYPE_STATUS_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/mpd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, pipeline_page);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, status_bar);

  /* Start a new producer and consumer after the last run has ended. */
  gtk_widget_class_install_action (widget_class, "pipeline.restart", NULL,
                                   mpd_window_restart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "pipeline.restart", NULL);

  /* Pause the producer (SIGSTOP) and let it go on (SIGCONT), as Ctrl+Z and fg do. */
  gtk_widget_class_install_property_action (widget_class, "pipeline.pause", "producer-paused");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "pipeline.pause", NULL);

  /* Flood: the producer sends without a pause, as fast as the pipe takes them. */
  gtk_widget_class_install_property_action (widget_class, "pipeline.flood", "flood");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "pipeline.flood", NULL);

  /* Make the main loop slow on purpose, to watch the pipe fill and the producer wait. */
  gtk_widget_class_install_property_action (widget_class, "pipeline.slow-consumer",
                                            "slow-consumer");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "pipeline.slow-consumer", NULL);

  /* Kill the producer with SIGKILL, as kill -9 does. */
  gtk_widget_class_install_action (widget_class, "pipeline.kill", NULL, mpd_window_kill_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "pipeline.kill", NULL);

  /* Stop the producer and the consumer thread, and keep the window open. */
  gtk_widget_class_install_action (widget_class, "pipeline.stop", NULL,
                                   mpd_window_stop_action);
}

static void
mpd_window_init (MpdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mpd_window_new:
 * @application: the application
 * @pipeline: the pipeline to show and run, not started yet
 * @max_messages: close the window after this many messages, or 0 for never
 *
 * Returns: (transfer none): a new window, whose pipeline is running
 */
MpdWindow *
mpd_window_new (MpdApplication *application,
                MpdPipeline    *pipeline,
                guint64         max_messages)
{
  g_return_val_if_fail (MPD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MPD_IS_PIPELINE (pipeline), NULL);

  return g_object_new (MPD_TYPE_WINDOW,
                       "application", application,
                       "pipeline", pipeline,
                       "max-messages", max_messages,
                       NULL);
}

MpdPipeline *
mpd_window_get_pipeline (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return self->pipeline;
}

MpdStatusBar *
mpd_window_get_status_bar (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return self->status_bar;
}

MpdPipelinePage *
mpd_window_get_pipeline_page (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return self->pipeline_page;
}

/**
 * mpd_window_set_slow_consumer_ms:
 * @self: a window
 * @milliseconds: how long the main loop takes for each batch of messages, on purpose; 0 for
 *   as fast as it can
 */
void
mpd_window_set_slow_consumer_ms (MpdWindow *self,
                                 guint      milliseconds)
{
  g_return_if_fail (MPD_IS_WINDOW (self));

  if (self->slow_consumer_ms == milliseconds)
    return;

  self->slow_consumer_ms = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOW_CONSUMER]);
}
