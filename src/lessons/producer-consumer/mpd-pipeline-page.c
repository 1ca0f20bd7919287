/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-page.c: the "Producer / Consumer" demo page: what runs where, live. */

/*
 * The page shows the pipeline four ways: a diagram of its parts and their states, the figures
 * (rate, latency, losses), a plot of the last minute, and a log of the last messages. Below
 * the diagram, it says in words what just happened, and why.
 *
 * None of them is updated once per message: a flood brings a million messages a second, and
 * a screen shows sixty frames. Each batch of messages is only counted (MpdStats), put aside
 * (MpdMessageLog) and noted by the diagram; then, once per frame, the frame clock calls
 * mpd_pipeline_page_tick_cb(), which shows what changed. When nothing has happened for a
 * while, the page stops asking for frames, so an idle window costs nothing.
 */

#define G_LOG_DOMAIN "mpd-pipeline-page"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gi18n.h>

#include "mpd-code-view.h"
#include "mpd-explanations.h"
#include "mpd-lesson.h"
#include "mpd-log-view.h"
#include "mpd-pipeline-diagram.h"
#include "mpd-pipeline-page-private.h"
#include "mpd-plot.h"
#include "mpd-stats-view.h"
#include "mpd-wrap.h"

enum {
  PROP_0,
  PROP_PIPELINE,
  PROP_VIEW,
  PROP_PRODUCER_PAUSED,
  PROP_SLOW_CONSUMER,
  PROP_SLOW_CONSUMER_MS,
  PROP_FLOOD,
  PROP_N_PRODUCERS,
  N_PROPS,
  PROP_RUNNING = N_PROPS,
};

static void mpd_pipeline_page_lesson_view_init (MpdLessonViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MpdPipelinePage, mpd_pipeline_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (MPD_TYPE_LESSON_VIEW,
                                                      mpd_pipeline_page_lesson_view_init))

static GParamSpec *properties[N_PROPS];

/* Puts @text at the top of "What just happened": what the teacher did, or what happened to a
 * process. */
static void
mpd_pipeline_page_explain (MpdPipelinePage *self,
                           const char      *text)
{
  mpd_explanations_add (self->explanations, text);
}

/**
 * mpd_pipeline_page_get_explanation:
 * @self: a page
 *
 * Returns: (nullable): the newest explanation, or %NULL before the first
 */
const char *
mpd_pipeline_page_get_explanation (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return mpd_explanations_get_newest (self->explanations);
}

/**
 * mpd_pipeline_page_dup_stderr_text:
 * @self: a page
 *
 * Returns: (transfer full): what the producers wrote to their stderr, as the page shows it
 */
char *
mpd_pipeline_page_dup_stderr_text (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return mpd_output_view_dup_text (self->stderr_view);
}

MpdExplanations *
mpd_pipeline_page_get_explanations (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->explanations;
}

static void
mpd_pipeline_page_check_pipe (MpdPipelinePage *self)
{
  gboolean running = self->pipeline != NULL && mpd_pipeline_get_running (self->pipeline);
  gboolean full = running && mpd_pipeline_diagram_get_pipe_full (self->diagram);

  gint64 now_us = g_get_monotonic_time ();

  /* (The diagram's last look at the pipe may be from before the run ended.) */
  if (full == self->pipe_was_full)
    return;

  /* It fills and empties by itself, again and again during a flood: the live line says so,
   * and the teacher's last action stays in view. Each text stays at least LIVE_MIN_US: a line
   * that changes four times a second cannot be read, and each change lays the page out again
   * (3 ms, which made frames late during a flood: bench/gui-flood). */
  if (running && self->live_changed_us > 0 && now_us - self->live_changed_us < LIVE_MIN_US)
    return;
  self->live_changed_us = now_us;
  self->pipe_was_full = full;
  if (full)
    mpd_explanations_set_live (self->explanations,
                               _("The pipe is full. The producers are blocked in write() until "
                                 "the consumer thread reads: they are slowed down to the pace "
                                 "of the slowest part, and nothing is lost."));
  else if (running)
    mpd_explanations_set_live (self->explanations,
                               _("The pipe has room again: the producers write again."));
  else
    mpd_explanations_set_live (self->explanations, NULL);
}

static void mpd_pipeline_page_wake_for (MpdPipelinePage *self,
                                        gint64           stay_us);

static gboolean
mpd_pipeline_page_step_cb (gpointer data)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (data);

  self->step_id = 0;
  mpd_pipeline_page_wake_for (self, 0);

  return G_SOURCE_REMOVE;
}

/* Whether @widget can be seen in the page's scrolled window now. On a 1024×768 screen, the
 * plot and the log lie below the controls, out of sight until the teacher scrolls. */
static gboolean
mpd_pipeline_page_shows (MpdPipelinePage *self,
                         GtkWidget       *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) ||
      !gtk_widget_compute_bounds (widget, self->scrolled_window, &bounds))
    return FALSE;

  return bounds.origin.y < gtk_widget_get_height (self->scrolled_window) &&
         bounds.origin.y + bounds.size.height > 0;
}

static gboolean
mpd_pipeline_page_tick_cb (GtkWidget     *widget,
                           GdkFrameClock *frame_clock,
                           gpointer       user_data)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (widget);
  gint64 now_us = g_get_monotonic_time ();
  gboolean moving;

  self->ticked_us = now_us;

  mpd_pipeline_page_show_newest (self);
  mpd_stats_advance (self->stats, now_us);

  /* The log, at most four times a second: during a flood every row changes each time, and
   * the list makes new widgets for them; nobody reads a table that changes faster. */
  if (now_us - self->log_flushed_us >= FIGURES_US)
    {
      self->log_flushed_us = now_us;
      mpd_message_log_flush (self->log);
    }
  else if (mpd_message_log_get_n_pending (self->log) > 0)
    {
      mpd_pipeline_page_wake_for (self, FIGURES_US);
    }
  if (mpd_message_log_refresh (self->log, LOG_ROWS_PER_FRAME))
    mpd_pipeline_page_wake_for (self, 0);
  /* What cannot be seen is not drawn: the log lets go of its rows, the plot waits. Scrolling
   * wakes the page (mpd_pipeline_page_scrolled_cb). */
  mpd_log_view_set_live (self->log_view, mpd_pipeline_page_shows (self, GTK_WIDGET (self->log_view)));

  moving = mpd_pipeline_diagram_update (self->diagram, now_us);

  if (now_us - self->figures_us >= FIGURES_US)
    {
      self->figures_us = now_us;
      mpd_stats_view_update (self->stats_view);
      if (mpd_pipeline_page_shows (self, GTK_WIDGET (self->plot)))
        mpd_plot_update (self->plot);
      mpd_pipeline_page_check_pipe (self);
    }

  if (now_us < self->awake_until_us)
    return G_SOURCE_CONTINUE;

  /* The dots move a step at a time (MPD_PIPELINE_DIAGRAM_STEP_US): no need for every frame
   * in between. */
  if (moving && self->step_id == 0)
    self->step_id = g_timeout_add_full (GDK_PRIORITY_REDRAW, MPD_PIPELINE_DIAGRAM_STEP_US / 1000,
                                        mpd_pipeline_page_step_cb, self, NULL);
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Something happened: show it at the next frame, and keep looking for @stay_us more. A frame
 * is asked for only when there is something to show: an idle page costs nothing. */
static void
mpd_pipeline_page_wake_for (MpdPipelinePage *self,
                            gint64           stay_us)
{
  self->awake_until_us = MAX (self->awake_until_us, g_get_monotonic_time () + stay_us);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), mpd_pipeline_page_tick_cb,
                                                  NULL, NULL);
}

/* The page scrolled, or its size changed: the log or the plot may have come into sight. */
static void
mpd_pipeline_page_scrolled_cb (MpdPipelinePage *self)
{
  mpd_pipeline_page_wake_for (self, 0);
}

/* A control was used, or the run changed: show it now, figures too, and watch the processes
 * for a moment, as they take it in. */
static void
mpd_pipeline_page_wake (MpdPipelinePage *self)
{
  self->figures_us = 0;
  mpd_pipeline_page_wake_for (self, STAY_AWAKE_US);
}

/* Once a second, when no message came to show: the rate falls to 0 and the plot moves on.
 * At one message a second, the message's frame has done it already: a frame of its own
 * would cost as much again. */
static gboolean
mpd_pipeline_page_clock_cb (gpointer data)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (data);

  if (g_get_monotonic_time () - self->ticked_us >= G_USEC_PER_SEC - 50 * 1000)
    mpd_pipeline_page_wake_for (self, 0);

  return G_SOURCE_CONTINUE;
}

/* The once-a-second clock runs only while the page is on screen and a run goes: a hidden
 * page, or one with nothing running, wakes nobody up (bench/lesson-window counts it). */
static void
mpd_pipeline_page_update_clock (MpdPipelinePage *self)
{
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) && self->pipeline != NULL &&
                    mpd_pipeline_get_running (self->pipeline);

  if (wanted && self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (1, mpd_pipeline_page_clock_cb, self);
  else if (!wanted)
    g_clear_handle_id (&self->clock_id, g_source_remove);
}

static void
mpd_pipeline_page_map (GtkWidget *widget)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (widget);

  GTK_WIDGET_CLASS (mpd_pipeline_page_parent_class)->map (widget);
  mpd_pipeline_page_update_clock (self);
}

static void
mpd_pipeline_page_unmap (GtkWidget *widget)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->step_id, g_source_remove);
  GTK_WIDGET_CLASS (mpd_pipeline_page_parent_class)->unmap (widget);
}

/**
 * mpd_pipeline_page_get_clock_running:
 * @self: a page
 *
 * Returns: whether the page's once-a-second clock runs (only while it is on screen, and a
 *   run goes)
 */
gboolean
mpd_pipeline_page_get_clock_running (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), FALSE);

  return self->clock_id != 0;
}

static void
mpd_pipeline_page_update (MpdPipelinePage *self)
{
  g_autofree char *interval = NULL;
  g_autofree char *n_producers = NULL;
  gboolean running = self->pipeline != NULL && mpd_pipeline_get_running (self->pipeline);

  if (self->pipeline != NULL && !mpd_pipeline_get_runs_own_producer (self->pipeline))
    {
      interval = g_strdup (_("chosen by the producer command"));
    }
  else if (self->pipeline != NULL && mpd_pipeline_get_interval (self->pipeline) == 0)
    {
      interval = g_strdup (_("no pause: as fast as the pipe takes them"));
    }
  else if (self->pipeline != NULL)
    {
      guint interval_ms = mpd_pipeline_get_interval (self->pipeline);

      interval = g_strdup_printf (ngettext ("%u millisecond between two messages",
                                            "%u milliseconds between two messages",
                                            interval_ms),
                                  interval_ms);
    }
  gtk_label_set_label (self->interval_label, interval ? interval : "");

  /* The spin button sets mpdemo-producer's interval; a producer command sets its own, and
   * flooding has none. */
  if (self->pipeline != NULL && mpd_pipeline_get_interval (self->pipeline) > 0)
    gtk_spin_button_set_value (self->interval_spin, mpd_pipeline_get_interval (self->pipeline));
  gtk_widget_set_visible (GTK_WIDGET (self->interval_spin),
                          self->pipeline != NULL &&
                          mpd_pipeline_get_runs_own_producer (self->pipeline) &&
                          mpd_pipeline_get_interval (self->pipeline) > 0);

  n_producers = g_strdup_printf ("%u", self->pipeline ? mpd_pipeline_get_n_producers (self->pipeline)
                                                      : 1);
  gtk_label_set_label (self->n_producers_label, n_producers);

  gtk_button_set_label (self->restart_button, running ? _("Restart") : _("Start"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->restart_button),
                               running ? _("Stop the producer processes and the consumer "
                                           "thread, then start new ones (Ctrl+R)")
                                       : _("Start the producer processes and the consumer "
                                           "thread (Ctrl+R)"));

  mpd_pipeline_page_wake (self);
}

static void
mpd_pipeline_page_interval_changed_cb (MpdPipelinePage *self,
                                       GtkSpinButton   *spin)
{
  guint interval_ms = (guint) gtk_spin_button_get_value_as_int (spin);

  if (self->pipeline != NULL && mpd_pipeline_get_interval (self->pipeline) > 0 &&
      mpd_pipeline_get_interval (self->pipeline) != interval_ms)
    mpd_pipeline_set_interval (self->pipeline, interval_ms);
}

static void
mpd_pipeline_page_messages_received_cb (MpdPipelinePage *self,
                                        GArray          *messages,
                                        MpdPipeline     *pipeline)
{
  const MpdMessage *data = (const MpdMessage *) messages->data;
  gint64 now_us = g_get_monotonic_time ();

  mpd_stats_add_batch (self->stats, data, messages->len, now_us);
  mpd_message_log_append (self->log, data, messages->len, now_us);
  mpd_pipeline_diagram_note_messages (self->diagram, data, messages->len, now_us);
  mpd_pipeline_page_wake_for (self, 0);
}

static char *mpd_pipeline_page_dup_pids (MpdPipelinePage *self,
                                         gboolean         live_only,
                                         GArray          *pids,
                                         guint           *n_pids);

static void
mpd_pipeline_page_producer_exited_cb (MpdPipelinePage *self,
                                      int              wait_status,
                                      gboolean         requested,
                                      MpdPipeline     *pipeline)
{
  g_autofree char *pids = NULL;
  guint n_live;

  if (!requested)
    {
      self->unrequested_exit = TRUE;
      self->exit_status = wait_status;
    }

  /* One of several ended, and the others still write: the pipe stays open (issue 14,
   * item 5). The end of the last one is said when the run ends. */
  pids = mpd_pipeline_page_dup_pids (self, TRUE, NULL, &n_live);
  if (!requested && n_live > 0)
    {
      g_autofree char *how = mpd_producer_describe_exit (wait_status);
      g_autofree char *text = NULL;
      int pid = mpd_pipeline_get_last_exited_pid (pipeline);

      text = g_strdup_printf (ngettext ("Producer %d ended: %s. %u producer is still writing "
                                        "(pid %s), so the pipe is still open for writing, and "
                                        "the consumer thread reads on.",
                                        "Producer %d ended: %s. %u producers are still writing "
                                        "(pids %s), so the pipe is still open for writing, and "
                                        "the consumer thread reads on.",
                                        n_live),
                              pid, how, n_live, pids);
      mpd_pipeline_page_explain (self, text);
    }
  mpd_pipeline_page_wake (self);
}

/**
 * mpd_pipeline_page_explain_one_paused:
 * @self: a page
 * @pid: the producer paused or let go on
 * @paused: whether it was paused (SIGSTOP) or let go on (SIGCONT)
 */
void
mpd_pipeline_page_explain_one_paused (MpdPipelinePage *self,
                                      int              pid,
                                      gboolean         paused)
{
  g_autofree char *text = NULL;

  if (paused)
    text = g_strdup_printf (_("Producer %d: paused with SIGSTOP. The others go on writing "
                              "into the pipe."), pid);
  else
    text = g_strdup_printf (_("Producer %d: SIGCONT, it goes on where it stopped."), pid);
  mpd_pipeline_page_explain (self, text);
  mpd_pipeline_page_wake (self);
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             int         pid)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int32 (pid));
  g_menu_append_item (menu, item);
}

/* A click on a producer's box: its own Pause, Stop and Kill. */
static void
mpd_pipeline_page_diagram_pressed_cb (MpdPipelinePage *self,
                                      int              n_press,
                                      double           x,
                                      double           y,
                                      GtkGestureClick *gesture)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *pause = NULL;
  g_autofree char *stop = NULL;
  g_autofree char *kill_label = NULL;
  graphene_rect_t rect;
  int pid;

  if (self->pipeline == NULL || !mpd_pipeline_get_running (self->pipeline))
    return;
  pid = mpd_pipeline_diagram_get_producer_at (self->diagram, x, y, &rect);
  if (pid <= 0)
    return;

  pause = g_strdup_printf (_("Pause or resume producer %d"), pid);
  stop = g_strdup_printf (_("Stop producer %d"), pid);
  kill_label = g_strdup_printf (_("Kill producer %d"), pid);
  append_item (menu, pause, "pipeline.pause-one", pid);
  append_item (menu, stop, "pipeline.stop-one", pid);
  append_item (menu, kill_label, "pipeline.kill-one", pid);
  mpd_pipeline_diagram_popup_menu (self->diagram, G_MENU_MODEL (menu), &rect);
}

static void
mpd_pipeline_page_stream_closed_cb (MpdPipelinePage *self,
                                    const GError    *error,
                                    MpdPipeline     *pipeline)
{
  g_clear_pointer (&self->stream_error, g_free);
  if (error != NULL)
    self->stream_error = g_strdup (error->message);
}

/* Every producer closed its end of the pipe, and one still runs: the consumer thread has
 * stopped, nothing more can come, and the run goes on until the producer ends. */
static void
mpd_pipeline_page_pipe_closed_while_running_cb (MpdPipelinePage *self,
                                                MpdPipeline     *pipeline)
{
  g_autofree char *pids = NULL;
  g_autofree char *text = NULL;
  guint n_live;

  pids = mpd_pipeline_page_dup_pids (self, TRUE, NULL, &n_live);
  if (n_live == 0)
    return;

  if (n_live == 1)
    text = g_strdup_printf (_("A producer closed the pipe but is still running (pid %s). The "
                              "consumer thread read end-of-file and has stopped: nothing more "
                              "can come. Stop or Kill ends the producer."), pids);
  else
    text = g_strdup_printf (ngettext ("The producers closed the pipe, but %u of them is still "
                                      "running (pids %s). The consumer thread read end-of-file "
                                      "and has stopped: nothing more can come. Stop or Kill "
                                      "ends them.",
                                      "The producers closed the pipe, but %u of them are still "
                                      "running (pids %s). The consumer thread read end-of-file "
                                      "and has stopped: nothing more can come. Stop or Kill "
                                      "ends them.",
                                      n_live),
                            n_live, pids);
  mpd_pipeline_page_explain (self, text);
}

/* The pids of this run's producers (@live_only: those that still run), as "1201, 1202 and
 * 1203" would be too fussy: "1201, 1202, 1203". Each is also put into @pids, when given; how
 * many there are into @n_pids, when given. */
static char *
mpd_pipeline_page_dup_pids (MpdPipelinePage *self,
                            gboolean         live_only,
                            GArray          *pids,
                            guint           *n_pids)
{
  GPtrArray *producers = mpd_pipeline_get_producers (self->pipeline);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < producers->len; i++)
    {
      MpdProducer *producer = g_ptr_array_index (producers, i);
      int pid = mpd_producer_get_pid (producer);

      if (live_only && mpd_producer_get_wait_status (producer, NULL))
        continue;
      if (pids != NULL)
        g_array_append_val (pids, pid);
      g_string_append_printf (text, n++ > 0 ? ", %d" : "%d", pid);
    }

  if (n_pids != NULL)
    *n_pids = n;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
mpd_pipeline_page_explain_start (MpdPipelinePage *self)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *pid_list = mpd_pipeline_page_dup_pids (self, FALSE, pids, NULL);
  g_autofree char *text = NULL;

  mpd_stats_reset (self->stats, (const int *) pids->data, pids->len);
  mpd_message_log_clear (self->log);
  mpd_pipeline_diagram_forget_messages (self->diagram);

  if (pids->len == 1)
    text = g_strdup_printf (_("A producer process started, pid %s. It writes each message into "
                              "the pipe. The consumer thread sleeps in poll() until the pipe "
                              "has data, then hands the messages to the main loop."), pid_list);
  else
    text = g_strdup_printf (ngettext ("%u producer process started, pid %s. It has the pipe "
                                      "to itself.",
                                      "%u producer processes started, pids %s. They share one "
                                      "pipe: each write() holds whole messages (one at a time, "
                                      "or up to 95 in a flood), at most 4096 bytes (PIPE_BUF), "
                                      "and the kernel never mixes two writes of that size, so "
                                      "the consumer thread reads whole messages.",
                                      pids->len),
                            pids->len, pid_list);
  mpd_pipeline_page_explain (self, text);
}

static void
mpd_pipeline_page_explain_end (MpdPipelinePage *self)
{
  g_autofree char *text = NULL;

  if (self->stream_error != NULL && self->unrequested_exit)
    {
      g_autofree char *how = mpd_producer_describe_exit (self->exit_status);

      text = g_strdup_printf (_("The consumer thread found bad data in the pipe: %s And the "
                                "producer had ended by itself: it %s."),
                              self->stream_error, how);
    }
  else if (self->stream_error != NULL)
    {
      text = g_strdup_printf (_("The consumer thread found bad data in the pipe, so the "
                                "producers were stopped: %s"), self->stream_error);
    }
  else if (self->unrequested_exit && WIFSIGNALED (self->exit_status) &&
           WTERMSIG (self->exit_status) == SIGKILL)
    {
      text = g_strdup (_("The producer was killed with SIGKILL: it could not clean up or say "
                         "goodbye. Once no process had the pipe open for writing, the consumer "
                         "thread read end-of-file from it and stopped."));
    }
  else if (self->unrequested_exit)
    {
      g_autofree char *how = mpd_producer_describe_exit (self->exit_status);

      text = g_strdup_printf (_("The producer %s. Once no process had the pipe open for "
                                "writing, the consumer thread read end-of-file from it and "
                                "stopped."), how);
    }
  else
    {
      text = g_strdup (_("Stopped: the producers got SIGTERM and were reaped, so none is left "
                         "behind as a zombie. Then the consumer thread was woken through its "
                         "GCancellable, and joined."));
    }

  mpd_pipeline_page_explain (self, text);
}

/**
 * mpd_pipeline_page_explain_failed_start:
 * @self: a page
 * @reason: why the run could not start, as the status bar says it
 *
 * A run that could not start is the news now: the figures and the log of the run before are
 * cleared, since they no longer describe what just happened.
 */
void
mpd_pipeline_page_explain_failed_start (MpdPipelinePage *self,
                                        const char      *reason)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MPD_IS_PIPELINE_PAGE (self));

  mpd_stats_reset (self->stats, NULL, 0);
  mpd_stats_view_update (self->stats_view);
  mpd_message_log_clear (self->log);
  text = g_strdup_printf (_("The run could not start, so the figures are empty. %s"), reason);
  mpd_pipeline_page_explain (self, text);
  mpd_pipeline_page_update (self);
}

static void
mpd_pipeline_page_notify_running_cb (MpdPipelinePage *self,
                                     GParamSpec      *pspec,
                                     MpdPipeline     *pipeline)
{
  /* Whether the pipe is full belongs to a run: no stale "room again" after it. */
  self->pipe_was_full = FALSE;
  self->live_changed_us = 0;
  mpd_explanations_set_live (self->explanations, NULL);
  if (mpd_pipeline_get_running (pipeline))
    {
      self->unrequested_exit = FALSE;
      g_clear_pointer (&self->stream_error, g_free);
      mpd_pipeline_page_explain_start (self);
    }
  else
    {
      mpd_pipeline_page_explain_end (self);
    }

  mpd_pipeline_page_update_clock (self);
  mpd_pipeline_page_update (self);
}

/* Whether a producer of this run still runs: a paused run that ends is not resumed. */
static gboolean
mpd_pipeline_page_producers_alive (MpdPipelinePage *self)
{
  GPtrArray *producers = mpd_pipeline_get_producers (self->pipeline);

  for (guint i = 0; i < producers->len; i++)
    if (!mpd_producer_get_wait_status (g_ptr_array_index (producers, i), NULL))
      return TRUE;

  return FALSE;
}

static void
mpd_pipeline_page_notify_paused_cb (MpdPipelinePage *self,
                                    GParamSpec      *pspec,
                                    MpdPipeline     *pipeline)
{
  gboolean paused = mpd_pipeline_get_paused (pipeline);

  /* A run that starts or ends says it is not paused: that is no news. */
  if (paused == self->paused)
    return;
  self->paused = paused;

  if (paused)
    mpd_pipeline_page_explain (self, _("The producers were paused with SIGSTOP. They keep their "
                                       "place and write nothing, so the pipe empties and the "
                                       "consumer thread sleeps in poll()."));
  else if (mpd_pipeline_page_producers_alive (self))
    mpd_pipeline_page_explain (self, _("SIGCONT: the producers go on where they stopped, and "
                                       "messages flow again."));

  mpd_pipeline_page_update (self);
}

static void
mpd_pipeline_page_notify_interval_cb (MpdPipelinePage *self,
                                      GParamSpec      *pspec,
                                      MpdPipeline     *pipeline)
{
  guint interval_ms = mpd_pipeline_get_interval (pipeline);
  g_autofree char *text = NULL;

  if (interval_ms == 0)
    text = g_strdup (_("Flood: the producers write as fast as the pipe takes them, up to 95 "
                       "messages in one write(). Watch the pipe fill and the main loop's "
                       "updates per second."));
  else
    text = g_strdup_printf (ngettext ("A new interval: %u millisecond. A producer reads its "
                                      "interval when it starts, so new producers start.",
                                      "A new interval: %u milliseconds. A producer reads its "
                                      "interval when it starts, so new producers start.",
                                      interval_ms),
                            interval_ms);
  mpd_pipeline_page_explain (self, text);
  mpd_pipeline_page_update (self);
}

/* The producer command as the user would type it: each argument quoted where it must be. */
static void
mpd_pipeline_page_show_command (MpdPipelinePage *self)
{
  const char * const *argv = NULL;
  g_autoptr(GString) command = g_string_new (NULL);

  if (self->pipeline != NULL)
    argv = mpd_pipeline_get_producer_argv (self->pipeline);

  for (guint i = 0; argv != NULL && argv[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;

      if (i > 0)
        g_string_append_c (command, ' ');
      /* Only quote what needs it, so that "python3 producer.py" reads as typed. */
      if (argv[i][0] != '\0' && strpbrk (argv[i], " \t\n'\"\\$`|&;<>()*?[]#~") == NULL)
        g_string_append (command, argv[i]);
      else
        g_string_append (command, (quoted = g_shell_quote (argv[i])));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->command_entry), command->str);
}

static void
mpd_pipeline_page_command_changed_cb (MpdPipelinePage *self,
                                      GtkEntry        *entry)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* Enter in the command entry does what the Restart button does. */
static void
mpd_pipeline_page_command_activate_cb (MpdPipelinePage *self,
                                       GtkEntry        *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pipeline.restart", NULL);
}

/**
 * mpd_pipeline_page_apply_command:
 * @self: a page
 * @error: where to put why the command cannot be read
 *
 * Reads the producer command the user typed, as a shell would split it into words (without
 * running a shell), and makes it the producer of the pipeline's next run. An empty command
 * means the built-in producer.
 *
 * Returns: %TRUE on success; %FALSE when the command cannot be read, which the entry then
 *   shows.
 */
gboolean
mpd_pipeline_page_apply_command (MpdPipelinePage  *self,
                                 GError          **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) argv = NULL;

  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), FALSE);
  g_return_val_if_fail (self->pipeline != NULL, FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->command_entry))));
  if (text[0] != '\0' && !g_shell_parse_argv (text, NULL, &argv, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->command_entry), "error");
      return FALSE;
    }

  mpd_pipeline_set_producer_argv (self->pipeline, (const char * const *) argv);
  return TRUE;
}

/**
 * mpd_pipeline_page_set_slow_consumer_ms:
 * @self: a page
 * @milliseconds: how long the main loop takes per batch on purpose, or 0 when it does not
 *
 * Says so in the diagram and in words. The window does the slowing down.
 */
void
mpd_pipeline_page_set_slow_consumer_ms (MpdPipelinePage *self,
                                        guint            milliseconds)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MPD_IS_PIPELINE_PAGE (self));

  if (self->slow_shown_ms == milliseconds)
    return;

  self->slow_shown_ms = milliseconds;
  mpd_pipeline_diagram_set_slow_consumer_ms (self->diagram, milliseconds);
  if (milliseconds > 0)
    text = g_strdup_printf (_("Slow consumer: the main loop now takes %u ms for each batch, on "
                              "purpose. Batches wait for it, the consumer thread stops reading "
                              "once enough wait, the pipe fills, and the producers wait in "
                              "write(). Nothing is lost: everyone waits for the slowest."),
                            milliseconds);
  else
    text = g_strdup (_("The main loop is fast again: it takes each batch as soon as it comes."));
  mpd_pipeline_page_explain (self, text);
  mpd_pipeline_page_wake (self);
}

GtkAdjustment *
mpd_pipeline_page_get_slow_consumer_adjustment (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return gtk_spin_button_get_adjustment (self->slow_spin);
}

/* Another producer for the next run. */
static void
mpd_pipeline_page_notify_producer_argv_cb (MpdPipelinePage *self,
                                           GParamSpec      *pspec,
                                           MpdPipeline     *pipeline)
{
  mpd_pipeline_page_update (self);
}

void
mpd_pipeline_page_set_pipeline (MpdPipelinePage *self,
                                MpdPipeline     *pipeline)
{
  g_return_if_fail (MPD_IS_PIPELINE_PAGE (self));
  g_return_if_fail (pipeline == NULL || MPD_IS_PIPELINE (pipeline));

  if (self->pipeline == pipeline)
    return;

  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);

  g_set_object (&self->pipeline, pipeline);
  mpd_pipeline_diagram_set_pipeline (self->diagram, pipeline);

  if (pipeline != NULL)
    {
      g_signal_connect_object (pipeline, "messages-received",
                               G_CALLBACK (mpd_pipeline_page_messages_received_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::running",
                               G_CALLBACK (mpd_pipeline_page_notify_running_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "pipe-closed-while-running",
                               G_CALLBACK (mpd_pipeline_page_pipe_closed_while_running_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::producer-pid",
                               G_CALLBACK (mpd_pipeline_page_update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::paused",
                               G_CALLBACK (mpd_pipeline_page_notify_paused_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::interval",
                               G_CALLBACK (mpd_pipeline_page_notify_interval_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::n-producers",
                               G_CALLBACK (mpd_pipeline_page_update), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "notify::producer-argv",
                               G_CALLBACK (mpd_pipeline_page_notify_producer_argv_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "producer-exited",
                               G_CALLBACK (mpd_pipeline_page_producer_exited_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pipeline, "stream-closed",
                               G_CALLBACK (mpd_pipeline_page_stream_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  mpd_pipeline_page_show_command (self);
  mpd_pipeline_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

MpdPipeline *
mpd_pipeline_page_get_pipeline (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->pipeline;
}

static void
mpd_pipeline_page_notify_view_cb (MpdPipelinePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
mpd_pipeline_page_dispose (GObject *object)
{
  MpdPipelinePage *self = (MpdPipelinePage *)object;
  GtkWidget *child;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->step_id, g_source_remove);
  g_clear_handle_id (&self->python_check_id, g_source_remove);
  if (self->python_check != NULL)
    g_cancellable_cancel (self->python_check);
  g_clear_object (&self->python_check);
  mpd_pipeline_page_set_pipeline (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_PIPELINE_PAGE);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->stats);
  g_clear_object (&self->log);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  /* Disposing the runner ends the seed's Python, if it still runs. */
  if (self->python_runner != NULL)
    g_signal_handlers_disconnect_by_data (self->python_runner, self);
  g_clear_object (&self->python_runner);
  if (self->status_bar != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->status_bar), (gpointer *) &self->status_bar);
  self->status_bar = NULL;

  G_OBJECT_CLASS (mpd_pipeline_page_parent_class)->dispose (object);
}

static void
mpd_pipeline_page_finalize (GObject *object)
{
  MpdPipelinePage *self = (MpdPipelinePage *)object;

  g_clear_pointer (&self->stream_error, g_free);

  G_OBJECT_CLASS (mpd_pipeline_page_parent_class)->finalize (object);
}

static void
mpd_pipeline_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      g_value_set_object (value, self->pipeline);
      break;

    case PROP_VIEW:
      g_value_set_string (value, gtk_stack_get_visible_child_name (self->view_stack));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, (self->pipeline != NULL &&
                                   (mpd_pipeline_get_running (self->pipeline) ||
                                    self->stopping)) ||
                                  (self->python_runner != NULL &&
                                   mpd_runner_get_running (self->python_runner)));
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
mpd_pipeline_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MpdPipelinePage *self = MPD_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      mpd_pipeline_page_set_pipeline (self, g_value_get_object (value));
      break;

    case PROP_VIEW:
      /* A view that no longer exists (from old settings) leaves the page as it is. */
      if (g_value_get_string (value) != NULL &&
          gtk_stack_get_child_by_name (self->view_stack, g_value_get_string (value)) != NULL)
        gtk_stack_set_visible_child_name (self->view_stack, g_value_get_string (value));
      break;

    case PROP_PRODUCER_PAUSED:
      if (self->pipeline != NULL)
        mpd_pipeline_set_paused (self->pipeline, g_value_get_boolean (value));
      break;

    case PROP_SLOW_CONSUMER:
      mpd_pipeline_page_set_slow_consumer (self, g_value_get_boolean (value),
                                           self->slow_consumer_ms);
      break;

    case PROP_SLOW_CONSUMER_MS:
      mpd_pipeline_page_set_slow_consumer (self, self->slow_consumer, g_value_get_uint (value));
      break;

    case PROP_N_PRODUCERS:
      if (self->pipeline != NULL)
        mpd_pipeline_set_n_producers (self->pipeline, g_value_get_uint (value));
      break;

    case PROP_FLOOD:
      mpd_pipeline_page_set_flood (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_pipeline_page_view_setup (MpdLessonView *view,
                              MpdWindow     *window)
{
  mpd_pipeline_page_attach (MPD_PIPELINE_PAGE (view), window);
}

static GActionGroup *
mpd_pipeline_page_view_get_actions (MpdLessonView *view)
{
  return G_ACTION_GROUP (MPD_PIPELINE_PAGE (view)->actions);
}

static void
mpd_pipeline_page_view_shown (MpdLessonView *view)
{
  mpd_pipeline_page_shown (MPD_PIPELINE_PAGE (view));
}

static void
mpd_pipeline_page_view_hidden (MpdLessonView *view)
{
  mpd_pipeline_page_hidden (MPD_PIPELINE_PAGE (view));
}

static void
mpd_pipeline_page_view_run (MpdLessonView *view)
{
  g_action_group_activate_action (G_ACTION_GROUP (MPD_PIPELINE_PAGE (view)->actions),
                                  "restart", NULL);
}

static void
mpd_pipeline_page_view_stop (MpdLessonView *view)
{
  mpd_pipeline_page_close (MPD_PIPELINE_PAGE (view));
}

static void
mpd_pipeline_page_lesson_view_init (MpdLessonViewInterface *iface)
{
  iface->setup = mpd_pipeline_page_view_setup;
  iface->get_actions = mpd_pipeline_page_view_get_actions;
  iface->shown = mpd_pipeline_page_view_shown;
  iface->hidden = mpd_pipeline_page_view_hidden;
  iface->run = mpd_pipeline_page_view_run;
  iface->stop = mpd_pipeline_page_view_stop;
}

static void
mpd_pipeline_page_class_init (MpdPipelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_pipeline_page_dispose;
  widget_class->map = mpd_pipeline_page_map;
  widget_class->unmap = mpd_pipeline_page_unmap;
  object_class->finalize = mpd_pipeline_page_finalize;
  object_class->get_property = mpd_pipeline_page_get_property;
  object_class->set_property = mpd_pipeline_page_set_property;

  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL,
                         MPD_TYPE_PIPELINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The view shown: "live" (the diagram, figures and log) or "code". */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "live",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the producers are paused (SIGSTOP); the pipeline.pause action toggles it. */
  properties[PROP_PRODUCER_PAUSED] =
    g_param_spec_boolean ("producer-paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the main loop takes slow-consumer-ms for each batch, on purpose. */
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

  /* Whether the producers send without a pause; the pipeline.flood action toggles it. */
  properties[PROP_FLOOD] =
    g_param_spec_boolean ("flood", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_RUNNING, "running");

  g_type_ensure (MPD_TYPE_EXPLANATIONS);
  g_type_ensure (MPD_TYPE_PIPELINE_DIAGRAM);
  g_type_ensure (MPD_TYPE_STATS_VIEW);
  g_type_ensure (MPD_TYPE_PLOT);
  g_type_ensure (MPD_TYPE_LOG_VIEW);
  g_type_ensure (MPD_TYPE_OUTPUT_VIEW);
  g_type_ensure (MPD_TYPE_CODE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/lessons/producer-consumer/mpd-pipeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, diagram);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, explanations);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, restart_button);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, flood_button);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, interval_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, n_producers_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, slow_spin);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, command_entry);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, stats_view);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, plot);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, log_view);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, stderr_heading);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, stderr_view);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, code_view);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, seed_label);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, python_reason);
  gtk_widget_class_bind_template_child (widget_class, MpdPipelinePage, python_button);
  gtk_widget_class_bind_template_callback (widget_class, mpd_pipeline_page_interval_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mpd_pipeline_page_command_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mpd_pipeline_page_command_changed_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mpd_pipeline_page_init (MpdPipelinePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Producer / Consumer"),
                                  -1);

  mpd_pipeline_page_init_actions (self);
  g_object_bind_property (self, "slow-consumer-ms",
                          gtk_spin_button_get_adjustment (self->slow_spin), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  mpd_code_view_set_lesson (self->code_view, mpd_lesson_find ("producer-consumer"));
  gtk_label_set_label (self->seed_label, _(mpd_lesson_find ("producer-consumer")->seed));
  mpd_wrap_between_words (self->python_reason);
  mpd_wrap_all_between_words (GTK_WIDGET (self));

  self->stats = mpd_stats_new ();
  self->log = mpd_message_log_new ();
  mpd_pipeline_diagram_set_stats (self->diagram, self->stats);
  mpd_stats_view_set_stats (self->stats_view, self->stats);
  mpd_plot_set_stats (self->plot, self->stats);
  mpd_log_view_set_log (self->log_view, self->log, self->stats);
  {
    GtkAdjustment *scroll =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled_window));

    g_signal_connect_object (scroll, "value-changed",
                             G_CALLBACK (mpd_pipeline_page_scrolled_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (scroll, "changed",
                             G_CALLBACK (mpd_pipeline_page_scrolled_cb), self, G_CONNECT_SWAPPED);
  }

  /* A click on a producer's box: its own controls. */
  {
    GtkGesture *click = gtk_gesture_click_new ();

    g_signal_connect_object (click, "pressed",
                             G_CALLBACK (mpd_pipeline_page_diagram_pressed_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->diagram), GTK_EVENT_CONTROLLER (click));
  }
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (mpd_pipeline_page_notify_view_cb), self,
                           G_CONNECT_SWAPPED);

  mpd_pipeline_page_update (self);
}

/**
 * mpd_pipeline_page_get_command_editable:
 * @self: a page
 *
 * Returns: (transfer none): where the user types the producer command
 */
GtkEditable *
mpd_pipeline_page_get_command_editable (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return GTK_EDITABLE (self->command_entry);
}

/* For the tests, which look at what the page shows. */

/**
 * mpd_pipeline_page_get_python_known:
 * @self: a page
 *
 * Returns: whether python3 has answered if the seed's Python can run here (it is asked once the
 *   first timestamp is on screen): until then, python3 may be a child process of ours
 */
gboolean
mpd_pipeline_page_get_python_known (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), FALSE);

  return self->python_checked;
}

MpdPipelineDiagram *
mpd_pipeline_page_get_diagram (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->diagram;
}

MpdStatsView *
mpd_pipeline_page_get_stats_view (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->stats_view;
}

MpdPlot *
mpd_pipeline_page_get_plot (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->plot;
}

MpdMessageLog *
mpd_pipeline_page_get_log (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->log;
}

MpdStats *
mpd_pipeline_page_get_stats (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->stats;
}

MpdCodeView *
mpd_pipeline_page_get_code_view (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->code_view;
}

GtkSpinButton *
mpd_pipeline_page_get_interval_spin (MpdPipelinePage *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_PAGE (self), NULL);

  return self->interval_spin;
}
