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

#include "mpd-a11y.h"
#include "mpd-pipeline-page.h"
#include "mpd-window.h"

struct _MpdWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *sidebar;
  GtkStack             *stack;
  MpdPipelinePage      *pipeline_page;
  MpdStatusBar         *status_bar;

  /* Owned */
  MpdPipeline          *pipeline;
  GSettings            *settings;            /* NULL without the installed schema */

  guint64               max_messages;
  guint                 slow_consumer_ms;    /* the chosen time, used while slow_consumer */
  guint                 slow_consumer : 1;
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
  PROP_SLOW_CONSUMER_MS,
  PROP_FLOOD,
  PROP_N_PRODUCERS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MpdWindow, mpd_window, GTK_TYPE_APPLICATION_WINDOW)

/* How long the slow consumer takes for each batch, unless the user chooses another time. */
#define SLOW_CONSUMER_MS     100
#define SLOW_CONSUMER_MAX_MS 1000

/* The interval field's range: Faster and Slower stay within it. */
#define INTERVAL_MIN_MS 1
#define INTERVAL_MAX_MS 5000

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
    mpd_status_bar_set_time (self->status_bar, time);

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
  if (self->slow_consumer && !self->closing)
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

/* Which controls can act now. Stop, Pause and Kill act on a run; (Re)start always, but for
 * the moment a run is being stopped; the others while their setting has room to move. */
static void
mpd_window_update_actions (MpdWindow *self)
{
  gboolean running = mpd_pipeline_get_running (self->pipeline);
  gboolean can_act = running && !self->stopping && !self->closing;
  guint interval = mpd_pipeline_get_interval (self->pipeline);
  guint n_producers = mpd_pipeline_get_n_producers (self->pipeline);
  gboolean own = mpd_pipeline_get_runs_own_producer (self->pipeline);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.restart",
                                 !self->stopping && !self->closing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.stop", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.pause", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.kill", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.faster",
                                 own && interval > INTERVAL_MIN_MS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.slower",
                                 own && interval > 0 && interval < INTERVAL_MAX_MS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.more-producers",
                                 n_producers < MPD_PIPELINE_MAX_PRODUCERS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pipeline.fewer-producers",
                                 n_producers > 1);
}

static void
mpd_window_notify_running_cb (MpdWindow   *self,
                              GParamSpec  *pspec,
                              MpdPipeline *pipeline)
{
  mpd_window_update_actions (self);
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
 * so a running one is replaced by a new one at once. The interval is remembered for the next
 * time the app starts (flooding is not: it is a moment's experiment). */
static void
mpd_window_notify_interval_cb (MpdWindow   *self,
                               GParamSpec  *pspec,
                               MpdPipeline *pipeline)
{
  guint interval = mpd_pipeline_get_interval (pipeline);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOOD]);
  mpd_window_update_actions (self);
  if (self->settings != NULL && interval > 0)
    g_settings_set_uint (self->settings, "interval", interval);

  if (mpd_pipeline_get_runs_own_producer (pipeline))
    mpd_window_stop_pipeline (self, TRUE);
}

/* Another number of producers: they are all started together, so the run starts again. */
static void
mpd_window_notify_n_producers_cb (MpdWindow   *self,
                                  GParamSpec  *pspec,
                                  MpdPipeline *pipeline)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PRODUCERS]);
  mpd_window_update_actions (self);
  if (self->settings != NULL)
    g_settings_set_uint (self->settings, "n-producers", mpd_pipeline_get_n_producers (pipeline));

  mpd_window_stop_pipeline (self, TRUE);
}

static void
mpd_window_change_producers (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  MpdWindow *self = MPD_WINDOW (widget);
  guint n = mpd_pipeline_get_n_producers (self->pipeline);

  if (g_str_equal (action_name, "pipeline.more-producers"))
    n = MIN (n + 1, MPD_PIPELINE_MAX_PRODUCERS);
  else
    n = MAX (n, 2) - 1;
  mpd_pipeline_set_n_producers (self->pipeline, n);
}

/* Faster halves the interval, Slower doubles it, within the interval field's range. */
static void
mpd_window_change_interval (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MpdWindow *self = MPD_WINDOW (widget);
  guint interval = mpd_pipeline_get_interval (self->pipeline);

  if (interval == 0)
    return;

  if (g_str_equal (action_name, "pipeline.faster"))
    interval = MAX (interval / 2, INTERVAL_MIN_MS);
  else
    interval = MIN (interval * 2, INTERVAL_MAX_MS);
  mpd_pipeline_set_interval (self->pipeline, interval);
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

/* Starts a run; while one runs, stops it first, then starts a new one. */
static void
mpd_window_restart_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpdWindow *self = MPD_WINDOW (widget);

  if (self->closing || self->stopping)
    return;

  if (mpd_pipeline_get_running (self->pipeline))
    mpd_window_stop_pipeline (self, TRUE);
  else
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
  mpd_window_update_actions (self);

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
  mpd_window_update_actions (self);
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

/* The window's size, remembered for the next time (a maximized window keeps the size it
 * had before). */
static void
mpd_window_save_size (MpdWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
mpd_window_restore_settings (MpdWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application == NULL ||
      (self->settings = mpd_application_get_settings (MPD_APPLICATION (application))) == NULL)
    return;

  g_object_ref (self->settings);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The demo and its view, as they were left. A page that no longer exists is ignored. */
  {
    g_autofree char *page = g_settings_get_string (self->settings, "last-page");

    if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
      gtk_stack_set_visible_child_name (self->stack, page);
  }
  g_settings_bind (self->settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_SET);
  g_settings_bind (self->settings, "last-view", self->pipeline_page, "view",
                   G_SETTINGS_BIND_DEFAULT);
}

static gboolean
mpd_window_close_request (GtkWindow *window)
{
  MpdWindow *self = MPD_WINDOW (window);

  mpd_window_save_size (self);

  if (!mpd_pipeline_get_running (self->pipeline))
    return GTK_WINDOW_CLASS (mpd_window_parent_class)->close_request (window);

  /* Keep the window (and so the application) alive until the producer is reaped and the
   * thread joined; hide it now, so that closing feels instant. */
  if (!self->closing)
    {
      self->closing = TRUE;
      mpd_window_update_actions (self);
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
  g_signal_connect_object (self->pipeline, "notify::n-producers",
                           G_CALLBACK (mpd_window_notify_n_producers_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pipeline, "notify::producer-argv",
                           G_CALLBACK (mpd_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  mpd_pipeline_page_set_pipeline (self->pipeline_page, self->pipeline);
  g_object_bind_property (self, "slow-consumer-ms",
                          mpd_pipeline_page_get_slow_consumer_adjustment (self->pipeline_page),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  mpd_window_start_pipeline (self);
  mpd_window_update_actions (self);
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
  g_clear_object (&self->settings);

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
      g_value_set_boolean (value, self->slow_consumer);
      break;

    case PROP_SLOW_CONSUMER_MS:
      g_value_set_uint (value, self->slow_consumer_ms);
      break;

    case PROP_N_PRODUCERS:
      g_value_set_uint (value, self->pipeline ? mpd_pipeline_get_n_producers (self->pipeline) : 1);
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
      mpd_window_set_slow_consumer (self, g_value_get_boolean (value), self->slow_consumer_ms);
      break;

    case PROP_SLOW_CONSUMER_MS:
      mpd_window_set_slow_consumer (self, self->slow_consumer, g_value_get_uint (value));
      break;

    case PROP_N_PRODUCERS:
      mpd_pipeline_set_n_producers (self->pipeline, g_value_get_uint (value));
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

  /* Whether the main loop takes slow-consumer-ms for each batch, on purpose; the
   * pipeline.slow-consumer action toggles it. */
  properties[PROP_SLOW_CONSUMER] =
    g_param_spec_boolean ("slow-consumer", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How long the slow consumer takes for each batch, in milliseconds. */
  properties[PROP_SLOW_CONSUMER_MS] =
    g_param_spec_uint ("slow-consumer-ms", NULL, NULL,
                       1, SLOW_CONSUMER_MAX_MS, SLOW_CONSUMER_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How many producers share the pipe (MpdPipeline:n-producers); a change restarts the run. */
  properties[PROP_N_PRODUCERS] =
    g_param_spec_uint ("n-producers", NULL, NULL,
                       1, MPD_PIPELINE_MAX_PRODUCERS, 1,
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
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, pipeline_page);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, status_bar);

  /* Start a new producer and consumer; while they run, stop them first. */
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "pipeline.stop", NULL);

  /* Halve or double the interval of the built-in producer. */
  gtk_widget_class_install_action (widget_class, "pipeline.faster", NULL,
                                   mpd_window_change_interval);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK,
                                       "pipeline.faster", NULL);
  gtk_widget_class_install_action (widget_class, "pipeline.slower", NULL,
                                   mpd_window_change_interval);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK,
                                       "pipeline.slower", NULL);

  /* One producer more or fewer, 1 to 8, all writing into the one pipe. */
  gtk_widget_class_install_action (widget_class, "pipeline.more-producers", NULL,
                                   mpd_window_change_producers);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "pipeline.more-producers", NULL);
  gtk_widget_class_install_action (widget_class, "pipeline.fewer-producers", NULL,
                                   mpd_window_change_producers);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pipeline.fewer-producers", NULL);
}

static void
mpd_window_init (MpdWindow *self)
{
  self->slow_consumer_ms = SLOW_CONSUMER_MS;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Each row of the page list is read by its title, as it is shown. */
  mpd_a11y_label_parts (self->sidebar, GTK_TYPE_LIST_BOX_ROW, NULL);
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
  MpdWindow *self;

  g_return_val_if_fail (MPD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MPD_IS_PIPELINE (pipeline), NULL);

  self = g_object_new (MPD_TYPE_WINDOW,
                       "application", application,
                       "pipeline", pipeline,
                       "max-messages", max_messages,
                       NULL);
  /* (GtkWindow:application is set after constructed() has run.) */
  mpd_window_restore_settings (self);

  return self;
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
 * mpd_window_set_slow_consumer:
 * @self: a window
 * @slow: whether the main loop takes @milliseconds for each batch of messages, on purpose
 * @milliseconds: how long, 1 to 1000
 */
void
mpd_window_set_slow_consumer (MpdWindow *self,
                              gboolean   slow,
                              guint      milliseconds)
{
  g_return_if_fail (MPD_IS_WINDOW (self));
  g_return_if_fail (milliseconds >= 1 && milliseconds <= SLOW_CONSUMER_MAX_MS);

  slow = !!slow;
  if (self->slow_consumer == slow && self->slow_consumer_ms == milliseconds)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->slow_consumer != slow)
    {
      self->slow_consumer = slow;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOW_CONSUMER]);
    }
  if (self->slow_consumer_ms != milliseconds)
    {
      self->slow_consumer_ms = milliseconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOW_CONSUMER_MS]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  mpd_pipeline_page_set_slow_consumer_ms (self->pipeline_page, slow ? milliseconds : 0);
}
