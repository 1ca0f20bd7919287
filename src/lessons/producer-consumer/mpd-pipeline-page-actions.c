/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-page-actions.c: the producer-consumer lesson's controls, and its status bar. */

/*
 * This is the seed's MyWindow, the part that runs the pipeline (producer processes, queue,
 * consumer thread): it starts the pipeline when the lesson is shown, shows each batch of
 * messages in the window's status bar (the newest timestamp, formatted as Python's
 * str(datetime.now()) would), and answers the page's controls: Stop, Restart, Pause, Kill,
 * Faster, Slower, Flood, Slow Consumer, one producer more or fewer. Each is an action of the
 * group "pipeline"; the window makes them, and their keys, reach from anywhere in it.
 *
 * Stopping is never a simple kill: the producers get SIGTERM and are reaped, the thread is
 * woken and joined, and only then does the window go, when it was closing.
 */

#define G_LOG_DOMAIN "mpd-pipeline-page"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mpd-application.h"
#include "mpd-lesson.h"
#include "mpd-pipeline-page-private.h"
#include "mpd-proc.h"
#include "mpd-window.h"

/* When the first timestamp is late, python3 is asked about PyQt5 this long after the lesson is
 * shown (mpd_pipeline_page_shown()). */
#define PYTHON_CHECK_DELAY_MS 1000

/* Says (with G_MESSAGES_DEBUG=mpd-pipeline-page) when the first timestamp has been painted:
 * the startup benchmark (bench/run.py) measures the time from launch to that line. */
static void
first_paint_cb (GdkFrameClock   *frame_clock,
                MpdPipelinePage *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_paint_cb, self);
  g_debug ("The first timestamp is on screen");
  mpd_pipeline_page_check_python (self);
}

/* The window's status bar, while this lesson is the one shown; NULL when another lesson is
 * (its run's news must not cover theirs) or the window is closing. */
static MpdStatusBar *
status_bar (MpdPipelinePage *self)
{
  return self->shown && !self->closing ? self->status_bar : NULL;
}

/* Says @text in the status bar, while the lesson is shown. It replaces a message's time that
 * was still to be shown at the next frame: news came after it. */
static void
say (MpdPipelinePage *self,
     const char      *text)
{
  self->newest_pending = FALSE;
  if (status_bar (self) != NULL)
    mpd_status_bar_set_text (status_bar (self), text);
}

/* Once per frame (from the page's tick): the status bar shows the newest message and the
 * count. Not once per batch: during a flood thousands of batches come each second, and
 * formatting and laying out the bar's text for each of them took the main loop's time from
 * drawing (bench/gui-flood: 4,000 text changes a second for 60 frames). Messages still in the
 * pipe when the producer died arrive after the news of its death, which must stay in view. */
void
mpd_pipeline_page_show_newest (MpdPipelinePage *self)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *time = NULL;

  if (!self->newest_pending || status_bar (self) == NULL || self->pipeline == NULL)
    return;
  self->newest_pending = FALSE;

  if (!self->producer_ended)
    {
      time = mpd_message_format (&self->newest);
      mpd_status_bar_set_time (status_bar (self), time);
    }

  if (!self->first_shown && window != NULL && gtk_widget_get_frame_clock (window) != NULL)
    {
      self->first_shown = TRUE;
      g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                               G_CALLBACK (first_paint_cb), self, 0);
    }
  mpd_status_bar_set_n_messages (status_bar (self), mpd_pipeline_get_n_messages (self->pipeline));
}

static void
messages_received_cb (MpdPipelinePage *self,
                      GArray          *messages,
                      MpdPipeline     *pipeline)
{
  guint64 n_messages = mpd_pipeline_get_n_messages (pipeline);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (status_bar (self) == NULL)
    return;

  /* Shown at the next frame, by the page's tick (mpd_pipeline_page_messages_received_cb()
   * asks for it). */
  self->newest = g_array_index (messages, MpdMessage, messages->len - 1);
  self->newest_pending = TRUE;

  if (self->max_messages > 0 && n_messages >= self->max_messages && window != NULL)
    {
      mpd_pipeline_page_show_newest (self);
      gtk_window_close (GTK_WINDOW (window));
    }

  /* The slow consumer: the main loop takes this long for each batch, on purpose, as a
   * handler that does too much would. Batches then wait for the main loop, the consumer
   * thread stops reading once enough are waiting, the pipe fills, and the producer blocks
   * in write(2). Nothing is lost: everyone waits for the slowest. */
  if (self->slow_consumer && !self->closing)
    g_usleep (self->slow_consumer_ms * 1000);
}

/* What a producer writes to its stderr (a student's traceback, say) shows under the log, each
 * piece after the pid of who wrote it when that changes, and goes on to our own stderr too,
 * where it went before there was a window to show it. */
static void
producer_stderr_cb (MpdPipelinePage *self,
                    int              pid,
                    GBytes          *bytes,
                    MpdPipeline     *pipeline)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (fwrite (data, 1, size, stderr) == size)
    fflush (stderr);

  if (pid != self->stderr_pid)
    {
      /* Translators: a line in the producers' stderr console before what one producer wrote. */
      g_autofree char *header = g_strdup_printf (_("[producer %d]\n"), pid);
      g_autoptr(GBytes) header_bytes = g_bytes_new (header, strlen (header));

      self->stderr_pid = pid;
      mpd_output_view_append (self->stderr_view, FALSE, header_bytes);
    }
  mpd_output_view_append (self->stderr_view, TRUE, bytes);
  gtk_widget_set_visible (self->stderr_heading, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->stderr_view), TRUE);
}

/* How the run ended, when that is news (mpd-pipeline-page.c keeps both facts, which come in
 * either order): the bad data in the pipe, the producer's own end, or both. */
static void
say_end (MpdPipelinePage *self)
{
  g_autofree char *exit_text = NULL;
  g_autofree char *text = NULL;

  if (self->unrequested_exit)
    exit_text = mpd_producer_explain_exit (self->exit_status);

  if (self->stream_error != NULL && exit_text != NULL)
    say (self, (text = g_strconcat (self->stream_error, " ", exit_text, NULL)));
  else if (self->stream_error != NULL)
    say (self, self->stream_error);
  else if (exit_text != NULL)
    say (self, exit_text);
}

/* (After the page's own handlers: see mpd_pipeline_page_attach().) */
static void
producer_exited_cb (MpdPipelinePage *self,
                    int              wait_status,
                    gboolean         requested,
                    MpdPipeline     *pipeline)
{
  if (!self->unrequested_exit || status_bar (self) == NULL)
    return;

  say_end (self);
  self->producer_ended = TRUE;
}

static void
stream_closed_cb (MpdPipelinePage *self,
                  const GError    *error,
                  MpdPipeline     *pipeline)
{
  if (error != NULL)
    say_end (self);
}

static void
pipe_closed_while_running_cb (MpdPipelinePage *self,
                              MpdPipeline     *pipeline)
{
  say (self, _("The producer closed the pipe but is still running: nothing more can come. "
               "Stop or Kill ends it."));
}

static void
notify_producer_pid_cb (MpdPipelinePage *self,
                        GParamSpec      *pspec,
                        MpdPipeline     *pipeline)
{
  if (status_bar (self) != NULL)
    mpd_status_bar_set_producer_pid (status_bar (self), mpd_pipeline_get_producer_pid (pipeline));
}

static void
set_enabled (MpdPipelinePage *self,
             const char      *name,
             gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Which controls can act now. Stop, Pause and Kill act on a run; (Re)start always, but for
 * the moment a run is being stopped; the others while their setting has room to move. */
void
mpd_pipeline_page_update_actions (MpdPipelinePage *self)
{
  gboolean running, can_act, own;
  guint interval, n_producers;

  if (self->pipeline == NULL)
    return;

  running = mpd_pipeline_get_running (self->pipeline);
  can_act = running && !self->stopping && !self->closing;
  interval = mpd_pipeline_get_interval (self->pipeline);
  n_producers = mpd_pipeline_get_n_producers (self->pipeline);
  own = mpd_pipeline_get_runs_own_producer (self->pipeline);

  set_enabled (self, "restart", !self->stopping && !self->closing);
  set_enabled (self, "stop", can_act);
  set_enabled (self, "pause", can_act);
  set_enabled (self, "kill", can_act);
  /* Flooding is an interval of 0, which only MpDemo's own producer takes. */
  set_enabled (self, "flood", own);
  gtk_widget_set_tooltip_text (self->flood_button,
                               own ? _("Send messages without a pause, as fast as the pipe "
                                       "takes them (Ctrl+F)")
                                   : _("Flood works with MpDemo’s own producer only: a "
                                       "producer command chooses its own pace. Clear the "
                                       "command to use it."));
  set_enabled (self, "faster", own && interval > INTERVAL_MIN_MS);
  set_enabled (self, "slower", own && interval > 0 && interval < INTERVAL_MAX_MS);
  set_enabled (self, "more-producers", n_producers < MPD_PIPELINE_MAX_PRODUCERS);
  set_enabled (self, "fewer-producers", n_producers > 1);
}

static void
notify_running_cb (MpdPipelinePage *self,
                   GParamSpec      *pspec,
                   MpdPipeline     *pipeline)
{
  mpd_pipeline_page_update_actions (self);
  g_object_notify (G_OBJECT (self), "running");
}

static void
notify_paused_cb (MpdPipelinePage *self,
                  GParamSpec      *pspec,
                  MpdPipeline     *pipeline)
{
  gboolean paused = mpd_pipeline_get_paused (pipeline);
  GAction *pause = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "pause");

  if (paused)
    say (self, _("The producer process is paused (SIGSTOP): it sends nothing, and the "
                 "consumer thread waits."));
  g_simple_action_set_state (G_SIMPLE_ACTION (pause), g_variant_new_boolean (paused));
  g_object_notify (G_OBJECT (self), "producer-paused");
}

static void stop_pipeline (MpdPipelinePage *self,
                           gboolean         then_start);

/* A new interval, or flooding on or off: mpdemo-producer takes its interval when it starts,
 * so a running one is replaced by a new one at once. The interval is remembered for the next
 * time the app starts (flooding is not: it is a moment's experiment). */
static void
notify_interval_cb (MpdPipelinePage *self,
                    GParamSpec      *pspec,
                    MpdPipeline     *pipeline)
{
  guint interval = mpd_pipeline_get_interval (pipeline);
  GAction *flood = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "flood");

  g_simple_action_set_state (G_SIMPLE_ACTION (flood), g_variant_new_boolean (interval == 0));
  g_object_notify (G_OBJECT (self), "flood");
  mpd_pipeline_page_update_actions (self);
  if (self->settings != NULL && interval > 0)
    g_settings_set_uint (self->settings, "interval", interval);

  if (mpd_pipeline_get_runs_own_producer (pipeline))
    stop_pipeline (self, TRUE);
}

/* Another number of producers: they are all started together, so the run starts again. */
static void
notify_n_producers_cb (MpdPipelinePage *self,
                       GParamSpec      *pspec,
                       MpdPipeline     *pipeline)
{
  g_object_notify (G_OBJECT (self), "n-producers");
  mpd_pipeline_page_update_actions (self);
  if (self->settings != NULL)
    g_settings_set_uint (self->settings, "n-producers", mpd_pipeline_get_n_producers (pipeline));

  stop_pipeline (self, TRUE);
}

static void
change_producers (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MpdPipelinePage *self = user_data;
  guint n = mpd_pipeline_get_n_producers (self->pipeline);

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "more-producers"))
    n = MIN (n + 1, MPD_PIPELINE_MAX_PRODUCERS);
  else
    n = MAX (n, 2) - 1;
  mpd_pipeline_set_n_producers (self->pipeline, n);
}

/* Faster halves the interval, Slower doubles it, within the interval field's range. */
static void
change_interval (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MpdPipelinePage *self = user_data;
  guint interval = mpd_pipeline_get_interval (self->pipeline);

  if (interval == 0)
    return;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "faster"))
    interval = MAX (interval / 2, INTERVAL_MIN_MS);
  else
    interval = MIN (interval * 2, INTERVAL_MAX_MS);
  mpd_pipeline_set_interval (self->pipeline, interval);
}

/**
 * mpd_pipeline_page_set_flood:
 * @self: a page
 * @flood: whether the producers send without a pause
 */
void
mpd_pipeline_page_set_flood (MpdPipelinePage *self,
                             gboolean         flood)
{
  guint interval;

  g_return_if_fail (MPD_IS_PIPELINE_PAGE (self));

  if (self->pipeline == NULL)
    return;

  interval = mpd_pipeline_get_interval (self->pipeline);
  if (!!flood == (interval == 0))
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
toggle_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MpdPipelinePage *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  gboolean on = !g_variant_get_boolean (state);

  if (g_str_equal (name, "pause"))
    mpd_pipeline_set_paused (self->pipeline, on);
  else if (g_str_equal (name, "flood"))
    mpd_pipeline_page_set_flood (self, on);
  else
    mpd_pipeline_page_set_slow_consumer (self, on, self->slow_consumer_ms);
}

static void
kill_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MpdPipelinePage *self = user_data;

  mpd_pipeline_kill_producer (self->pipeline);
}

/* One producer's own controls, from its box in the diagram (issue 14, item 5): with several
 * producers, the others go on writing, and the reader gets end-of-file only when the last
 * writer is gone. The parameter is the producer's pid. */
static void
one_producer_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MpdPipelinePage *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  int pid = g_variant_get_int32 (parameter);
  MpdProcStat stat;

  if (g_str_equal (name, "kill-one"))
    mpd_pipeline_signal_one (self->pipeline, pid, SIGKILL);
  else if (g_str_equal (name, "stop-one"))
    mpd_pipeline_stop_one (self->pipeline, pid);
  else if (mpd_proc_read_stat (pid, &stat) &&
           mpd_pipeline_signal_one (self->pipeline, pid, stat.state == 'T' ? SIGCONT : SIGSTOP))
    mpd_pipeline_page_explain_one_paused (self, pid, stat.state != 'T');
}

static void
start_pipeline (MpdPipelinePage *self)
{
  g_autoptr(GError) error = NULL;

  self->producer_ended = FALSE;
  self->newest_pending = FALSE;
  if (status_bar (self) != NULL)
    mpd_status_bar_set_n_messages (status_bar (self), 0);

  if (!mpd_pipeline_page_apply_command (self, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The producer command cannot be read: %s"),
                                               error->message);

      say (self, text);
      mpd_pipeline_page_explain_failed_start (self, text);
      return;
    }

  say (self, _("Waiting for the first message…"));
  if (!mpd_pipeline_start (self->pipeline, &error))
    {
      say (self, error->message);
      mpd_pipeline_page_explain_failed_start (self, error->message);
    }
}

/* Starts a run; while one runs, stops it first, then starts a new one. */
static void
restart_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MpdPipelinePage *self = user_data;

  if (self->closing || self->stopping || status_bar (self) == NULL)
    return;

  if (mpd_pipeline_get_running (self->pipeline))
    stop_pipeline (self, TRUE);
  else
    start_pipeline (self);
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MpdPipelinePage) self = user_data;

  mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL);
  self->stopping = FALSE;
  mpd_pipeline_page_update_actions (self);

  if (self->closing)
    return;

  if (self->start_after_stop)
    {
      start_pipeline (self);
    }
  else
    {
      say (self, _("The producer process was stopped."));
      self->producer_ended = TRUE;
    }
}

/* Stops the run on the user's request, and keeps the window; then starts a new run when
 * @then_start is set. Does nothing when no run is going, or it is stopping already. */
static void
stop_pipeline (MpdPipelinePage *self,
               gboolean         then_start)
{
  if (!mpd_pipeline_get_running (self->pipeline) || self->stopping || self->closing)
    return;

  self->stopping = TRUE;
  self->start_after_stop = !!then_start;
  mpd_pipeline_page_update_actions (self);
  mpd_pipeline_stop_async (self->pipeline, NULL, stopped_cb, g_object_ref (self));
}

static void
stop_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  stop_pipeline (MPD_PIPELINE_PAGE (user_data), FALSE);
}

/* The seed's Python has ended: say how, in words. */
static void
python_finished_cb (MpdPipelinePage *self,
                    int              wait_status,
                    gboolean         stopped,
                    MpdRunner        *runner)
{
  g_autofree char *how = NULL;
  g_autofree char *text = NULL;

  gtk_button_set_label (self->python_button, _("Run the seed’s Python"));
  g_object_notify (G_OBJECT (self), "running");
  if (status_bar (self) == NULL)
    return;

  if (stopped)
    text = g_strdup (_("The seed’s Python program was stopped, with every process it had "
                       "started."));
  else if (wait_status >= 0)
    {
      how = mpd_producer_describe_exit (wait_status);
      text = g_strdup_printf (_("The seed’s Python program has ended: it %s."), how);
    }
  else
    text = g_strdup (_("The seed’s Python program could not start."));
  say (self, text);
}

/* Runs the seed's own PyQt program, its window beside this one: the same lesson in Python,
 * with its producer process, its queue and its consumer QThread. Pressed again, stops it. */
static void
run_python_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MpdPipelinePage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  if (mpd_runner_get_running (self->python_runner))
    {
      mpd_runner_stop (self->python_runner);
      return;
    }

  argv = mpd_lesson_dup_argv (mpd_lesson_find ("producer-consumer"), TRUE, &error);
  if (argv == NULL || !mpd_runner_start (self->python_runner, (const char * const *) argv,
                                         &error))
    {
      say (self, error->message);
      return;
    }

  gtk_button_set_label (self->python_button, _("Stop the seed’s Python"));
  say (self, _("The seed’s Python program runs in a window of its own: a producer "
                 "process, a Queue and a QThread, as the seed wrote them."));
  g_object_notify (G_OBJECT (self), "running");
}

/* The seed's Python can run only where python3 imports PyQt5: say why not, where it cannot. */
static void
show_python (MpdPipelinePage *self,
             gboolean         can_run,
             const char      *reason)
{
  set_enabled (self, "run-python", can_run);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->python_button),
                               can_run ? _("Run the seed’s PyQt program, in a window of its "
                                           "own, beside this one")
                                       : reason);
  gtk_label_set_label (self->python_reason, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->python_reason), !can_run);
}

static void
python_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  MpdPipelinePage *self;
  gboolean can_run;

  /* Cancelled: the page is gone. */
  if (!mpd_lesson_check_python_finish (result, &can_run, &reason, &error))
    return;

  self = MPD_PIPELINE_PAGE (user_data);
  g_clear_object (&self->python_check);
  self->python_checked = TRUE;
  show_python (self, can_run, reason);
}

/**
 * mpd_pipeline_page_check_python:
 * @self: a page
 *
 * Asks python3 whether it imports PyQt5, without waiting for the answer: the page says it
 * when it comes. Does nothing when the answer is known, or on its way.
 */
void
mpd_pipeline_page_check_python (MpdPipelinePage *self)
{
  g_clear_handle_id (&self->python_check_id, g_source_remove);
  if (self->python_checked || self->python_check != NULL)
    return;

  self->python_check = g_cancellable_new ();
  mpd_lesson_check_python_async (mpd_lesson_find ("producer-consumer"), self->python_check,
                                 python_checked_cb, self);
}

static void
python_check_timeout_cb (gpointer user_data)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (user_data);

  self->python_check_id = 0;
  mpd_pipeline_page_check_python (self);
}

static const GActionEntry action_entries[] = {
  { "run-python", run_python_action },
  { "restart", restart_action },
  { "stop", stop_action },
  { "kill", kill_action },
  { "pause-one", one_producer_action, "i" },
  { "stop-one", one_producer_action, "i" },
  { "kill-one", one_producer_action, "i" },
  { "pause", toggle_action, NULL, "false" },
  { "flood", toggle_action, NULL, "false" },
  { "slow-consumer", toggle_action, NULL, "false" },
  { "faster", change_interval },
  { "slower", change_interval },
  { "more-producers", change_producers },
  { "fewer-producers", change_producers },
};

void
mpd_pipeline_page_init_actions (MpdPipelinePage *self)
{
  self->slow_consumer_ms = SLOW_CONSUMER_MS;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "pipeline", G_ACTION_GROUP (self->actions));

  self->python_runner = mpd_runner_new ();
  g_signal_connect_object (self->python_runner, "finished",
                           G_CALLBACK (python_finished_cb), self, G_CONNECT_SWAPPED);
}

/**
 * mpd_pipeline_page_attach:
 * @self: a page
 * @window: the window that shows it
 *
 * Takes the window's pipeline (the producer command and interval of the command line), its
 * status bar and the app's settings.
 */
void
mpd_pipeline_page_attach (MpdPipelinePage *self,
                          MpdWindow       *window)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  MpdPipeline *pipeline = mpd_window_get_pipeline (window);

  /* Borrowed, and forgotten when it goes: a window destroyed without closing takes it along
   * while a batch of messages may still be on its way to us. */
  self->status_bar = mpd_window_get_status_bar (window);
  g_object_add_weak_pointer (G_OBJECT (self->status_bar), (gpointer *) &self->status_bar);
  self->max_messages = mpd_window_get_max_messages (window);
  if (application != NULL)
    g_set_object (&self->settings, mpd_application_get_settings (MPD_APPLICATION (application)));
  if (self->settings != NULL)
    g_settings_bind (self->settings, "last-view", self, "view", G_SETTINGS_BIND_DEFAULT);

  mpd_pipeline_page_set_pipeline (self, pipeline);
  g_signal_connect_object (pipeline, "messages-received",
                           G_CALLBACK (messages_received_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "producer-exited",
                           G_CALLBACK (producer_exited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "stream-closed",
                           G_CALLBACK (stream_closed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "pipe-closed-while-running",
                           G_CALLBACK (pipe_closed_while_running_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "producer-stderr",
                           G_CALLBACK (producer_stderr_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "notify::producer-pid",
                           G_CALLBACK (notify_producer_pid_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "notify::running",
                           G_CALLBACK (notify_running_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "notify::interval",
                           G_CALLBACK (notify_interval_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "notify::paused",
                           G_CALLBACK (notify_paused_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "notify::n-producers",
                           G_CALLBACK (notify_n_producers_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pipeline, "notify::producer-argv",
                           G_CALLBACK (mpd_pipeline_page_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                          "flood")),
                             g_variant_new_boolean (mpd_pipeline_get_interval (pipeline) == 0));

  /* The pipeline starts when the lesson is shown (mpd_pipeline_page_shown()). */
  mpd_pipeline_page_update_actions (self);
}

/**
 * mpd_pipeline_page_shown:
 * @self: a page
 *
 * The lesson is shown: its pipeline starts, as the seed's window starts its producer.
 */
void
mpd_pipeline_page_shown (MpdPipelinePage *self)
{
  self->shown = TRUE;
  if (status_bar (self) != NULL)
    mpd_status_bar_set_counters_visible (status_bar (self), TRUE);
  /* Asking python3 whether it has PyQt5 takes a tenth of a second or more of a CPU (importing
   * PyQt5; more where python3 is a pyenv shim): while the window starts, it would take that
   * from the window and the producer. So it is asked once the first timestamp is on screen,
   * or a second after the lesson is shown if none has come by then. */
  if (!self->python_checked && self->python_check == NULL && self->python_check_id == 0)
    self->python_check_id = g_timeout_add_once (PYTHON_CHECK_DELAY_MS, python_check_timeout_cb,
                                                self);
  if (self->pipeline != NULL && !mpd_pipeline_get_running (self->pipeline) &&
      !self->stopping && !self->closing)
    start_pipeline (self);
}

/**
 * mpd_pipeline_page_hidden:
 * @self: a page
 *
 * Another lesson was chosen: the producers and the thread are stopped.
 */
void
mpd_pipeline_page_hidden (MpdPipelinePage *self)
{
  self->shown = FALSE;
  stop_pipeline (self, FALSE);
  mpd_runner_stop (self->python_runner);
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MpdPipelinePage) self = user_data;

  mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL);
  self->stopping = FALSE;
  g_object_notify (G_OBJECT (self), "running");
}

/**
 * mpd_pipeline_page_close:
 * @self: a page
 *
 * The window closes: stop for good. "running" turns FALSE when the producers are reaped and
 * the thread joined.
 */
void
mpd_pipeline_page_close (MpdPipelinePage *self)
{
  if (self->closing || self->pipeline == NULL)
    return;

  self->closing = TRUE;
  mpd_runner_stop (self->python_runner);
  mpd_pipeline_page_update_actions (self);
  if (mpd_pipeline_get_running (self->pipeline))
    {
      self->stopping = TRUE;
      mpd_pipeline_stop_async (self->pipeline, NULL, closed_cb, g_object_ref (self));
    }
}

/**
 * mpd_pipeline_page_set_slow_consumer:
 * @self: a page
 * @slow: whether the main loop takes @milliseconds for each batch of messages, on purpose
 * @milliseconds: how long, 1 to 1000
 */
void
mpd_pipeline_page_set_slow_consumer (MpdPipelinePage *self,
                                     gboolean         slow,
                                     guint            milliseconds)
{
  GAction *action;

  g_return_if_fail (MPD_IS_PIPELINE_PAGE (self));
  g_return_if_fail (milliseconds >= 1 && milliseconds <= SLOW_CONSUMER_MAX_MS);

  slow = !!slow;
  if (self->slow_consumer == slow && self->slow_consumer_ms == milliseconds)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->slow_consumer != slow)
    {
      self->slow_consumer = slow;
      g_object_notify (G_OBJECT (self), "slow-consumer");
    }
  if (self->slow_consumer_ms != milliseconds)
    {
      self->slow_consumer_ms = milliseconds;
      g_object_notify (G_OBJECT (self), "slow-consumer-ms");
    }
  g_object_thaw_notify (G_OBJECT (self));

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "slow-consumer");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (slow));
  mpd_pipeline_page_set_slow_consumer_ms (self, slow ? milliseconds : 0);
}
