/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-page-truths.c: what the Producer / Consumer page says is true, whatever the producer
 * does (issue 13, item 8): a producer that holds the pipe through a child, one that closes
 * the pipe and stays, one that sends bad data and exits, a command that cannot start, a
 * producer command that does not take MpDemo's interval, and figures as large as 2^64. */

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "mpd-page-fixture.h"
#include "mpd-proc.h"
#include "mpd-ui-test-utils.h"

#define TEST_APP_ID(name) "org.example.MpDemo.TruthsTest." name

static MpdStatusBar *
status_bar (Fixture *fixture)
{
  return mpd_window_get_status_bar (fixture->window);
}

/* A window whose built-in producer runs every 20 ms, once its first message is on screen. */
static void
open_window (Fixture    *fixture,
             const char *app_id)
{
  fixture_open (fixture, app_id, 20);
  wait_for_timestamp (status_bar (fixture));
}

/* Stops the run, types @command (a dummy producer mode, or any command when it has a space),
 * and starts a run with it, as Enter in the entry does. */
static void
run_command (Fixture    *fixture,
             const char *command)
{
  GtkEditable *entry = mpd_pipeline_page_get_command_editable (fixture->page);
  g_autofree char *text = strchr (command, ' ') ? g_strdup (command)
                                                : mpd_test_dummy_command (command);

  if (mpd_pipeline_get_running (fixture->pipeline))
    {
      activate (fixture, "pipeline.stop");
      wait_until_stopped (fixture);
    }
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
}

/* Kill, while a child of the producer holds the pipe's write end: the run still ends (the
 * supervisor ends every process of the run), and the page says how. */
static void
test_kill_with_held_pipe (void)
{
  Fixture fixture = { 0 };
  g_autofree char *script = g_strdup_printf ("sleep 300 & exec %s --interval=50",
                                             mpd_test_program ("MPD_PRODUCER_PROGRAM"));
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *command = g_strdup_printf ("sh -c %s", quoted);
  MpdProcStat stat;
  int sleep_pid;

  open_window (&fixture, TEST_APP_ID ("Kill"));
  run_command (&fixture, command);
  g_assert_true (mpd_pipeline_get_running (fixture.pipeline));
  while (mpd_pipeline_get_n_messages (fixture.pipeline) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mpd_proc_read_stat (mpd_pipeline_get_producer_pid (fixture.pipeline), &stat));
  sleep_pid = mpd_test_find_descendant (stat.parent_pid, "sleep");
  g_assert_cmpint (sleep_pid, >, 0);

  activate (&fixture, "pipeline.kill");
  wait_until_stopped (&fixture);
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "The producer was killed with SIGKILL"));
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar (&fixture)), ==,
                   "The producer process has ended: killed by SIGKILL (signal 9).");
  g_assert_true (mpd_test_pid_is_gone (sleep_pid));

  /* The diagram's status bar says so too, instead of the last time as if more could come
   * (issue 14, item 8). */
  for (;;)
    {
      g_autofree char *box = mpd_pipeline_diagram_dup_text (fixture.diagram,
                                                            MPD_DIAGRAM_PART_STATUS_BAR, 0);

      if (g_strcmp0 (box, "the run has ended") == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  fixture_close (&fixture);
}

/* A producer that closes the pipe and stays: the page says so, with its pid, instead of
 * waiting silently; the run goes on until Stop. */
static void
test_closed_pipe_still_running (void)
{
  Fixture fixture = { 0 };
  g_autofree char *pid_text = NULL;
  int pid;

  open_window (&fixture, TEST_APP_ID ("Closed"));
  run_command (&fixture, "close-stdout");
  pid = mpd_pipeline_get_producer_pid (fixture.pipeline);
  wait_for_explanation (&fixture, "A producer closed the pipe but is still running");

  pid_text = g_strdup_printf ("(pid %d)", pid);
  g_assert_nonnull (strstr (mpd_pipeline_page_get_explanation (fixture.page), pid_text));
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar (&fixture)), ==,
                   "The producer closed the pipe but is still running: nothing more can come. "
                   "Stop or Kill ends it.");
  g_assert_true (mpd_pipeline_get_running (fixture.pipeline));
  g_assert_true (mpd_test_process_is_running (GINT_TO_POINTER (pid)));

  activate (&fixture, "pipeline.stop");
  wait_until_stopped (&fixture);
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page), "Stopped: "));
  g_assert_true (mpd_test_pid_is_gone (pid));

  fixture_close (&fixture);
}

/* Bad data, then the producer's own exit: both facts, in the status bar and in words. */
static void
test_bad_data_then_exit (void)
{
  Fixture fixture = { 0 };
  const char *explanation;
  const char *status;

  open_window (&fixture, TEST_APP_ID ("BadExit"));
  run_command (&fixture, "bad-then-exit:3");
  wait_until_stopped (&fixture);

  explanation = mpd_pipeline_page_get_explanation (fixture.page);
  g_test_message ("explanation: %s", explanation);
  g_assert_true (g_str_has_prefix (explanation, "The consumer thread found bad data in the "
                                                "pipe: Bad data in the pipe at byte "));
  g_assert_true (g_str_has_suffix (explanation, "And the producer had ended by itself: it "
                                                "exited with status 3."));
  status = mpd_status_bar_get_text (status_bar (&fixture));
  g_assert_true (g_str_has_prefix (status, "Bad data in the pipe at byte "));
  g_assert_true (g_str_has_suffix (status, " The producer process has ended: exited with "
                                           "status 3."));

  fixture_close (&fixture);
}

static gboolean
status_bar_says_hello (gpointer data)
{
  return g_strcmp0 (mpd_status_bar_get_text (status_bar (data)), "hello from sh") == 0;
}

static gboolean
stderr_shows_oops (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *text = mpd_pipeline_page_dup_stderr_text (fixture->page);

  return strstr (text, "oops, something went wrong\n") != NULL;
}

/* A producer that prints text (issue 14, item 6): the status bar shows the line as printed,
 * and what the producer says on stderr shows under the log, after its pid. */
static void
test_text_producer_and_stderr (void)
{
  Fixture fixture = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *header = NULL;

  open_window (&fixture, TEST_APP_ID ("Text"));
  run_command (&fixture, "sh -c 'echo hello from sh; echo oops, something went wrong >&2; "
                         "exec sleep 300'");
  mpd_test_wait_until (status_bar_says_hello, &fixture, 30, "the line in the status bar");
  mpd_test_wait_until (stderr_shows_oops, &fixture, 30, "the producer's stderr on the page");

  text = mpd_pipeline_page_dup_stderr_text (fixture.page);
  header = g_strdup_printf ("[producer %d]\n", mpd_pipeline_get_producer_pid (fixture.pipeline));
  g_assert_true (g_str_has_prefix (text, header));

  fixture_close (&fixture);
}

/* A run that cannot start: the words and the figures are about it, not about the run before. */
static void
test_failed_start (void)
{
  Fixture fixture = { 0 };
  MpdStatsView *stats_view;
  GListModel *log;

  open_window (&fixture, TEST_APP_ID ("Failed"));
  stats_view = fixture.stats_view;
  log = G_LIST_MODEL (mpd_pipeline_page_get_log (fixture.page));
  while (g_list_model_get_n_items (log) == 0 ||
         g_strcmp0 (mpd_stats_view_get_figure (stats_view, MPD_STATS_FIGURE_TOTAL), "0") == 0)
    g_main_context_iteration (NULL, TRUE);

  run_command (&fixture, "/nonexistent/student-producer --fast");
  g_assert_false (mpd_pipeline_get_running (fixture.pipeline));
  g_assert_cmpstr (mpd_pipeline_page_get_explanation (fixture.page), ==,
                   "The run could not start, so the figures are empty. Could not start the "
                   "producer: Failed to execute child process “/nonexistent/student-producer” "
                   "(No such file or directory)");
  g_assert_cmpstr (mpd_stats_view_get_figure (stats_view, MPD_STATS_FIGURE_TOTAL), ==, "0");
  g_assert_cmpuint (mpd_stats_view_get_n_producers (stats_view), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 0);

  /* A command that cannot even be read is a failed start too. */
  run_command (&fixture, "python3 'unfinished");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "The run could not start, so the figures are empty. The "
                                   "producer command cannot be read: "));

  fixture_close (&fixture);
}

/* Flood is an interval of 0, which only MpDemo's own producer takes: for a producer command
 * it is off, and its tooltip says why. */
static void
test_flood_for_producer_command (void)
{
  Fixture fixture = { 0 };
  GtkWidget *flood;

  open_window (&fixture, TEST_APP_ID ("Flood"));
  flood = find_actionable (GTK_WIDGET (fixture.window), "pipeline.flood");
  g_assert_nonnull (flood);
  g_assert_true (gtk_widget_get_sensitive (flood));

  run_command (&fixture, "count:1");
  g_assert_false (gtk_widget_get_sensitive (flood));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (flood),
                                   "Flood works with MpDemo’s own producer only"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "pipeline.flood",
                                              NULL) && mpd_pipeline_get_interval (fixture.pipeline) == 0);
  g_assert_cmpuint (mpd_pipeline_get_interval (fixture.pipeline), ==, 20);

  /* Back to the built-in producer: Flood works again. */
  wait_until_stopped (&fixture);
  gtk_editable_set_text (mpd_pipeline_page_get_command_editable (fixture.page), "");
  activate (&fixture, "pipeline.restart");
  g_assert_true (gtk_widget_get_sensitive (flood));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (flood), "Send messages"));

  fixture_close (&fixture);
}

static int
window_min_width (Fixture *fixture)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                      NULL, NULL, NULL);
  return minimum;
}

/* Two producers that jump to sequence numbers near 2^64: the count of lost messages stops at
 * 2^64 - 1 instead of wrapping to a small number, and the long figures do not make the
 * window wider than it had to be before. */
static void
test_huge_figures (void)
{
  Fixture fixture = { 0 };
  MpdStatsView *stats_view;
  g_autofree char *lost = NULL;
  int min_width_before;

  open_window (&fixture, TEST_APP_ID ("Huge"));
  stats_view = fixture.stats_view;
  min_width_before = window_min_width (&fixture);

  activate (&fixture, "pipeline.stop");
  wait_until_stopped (&fixture);
  mpd_pipeline_set_n_producers (fixture.pipeline, 2);
  run_command (&fixture, "huge-sequence");
  wait_until_stopped (&fixture);

  lost = g_strdup_printf ("%" G_GUINT64_FORMAT, G_MAXUINT64);
  while (g_strcmp0 (mpd_stats_view_get_figure (stats_view, MPD_STATS_FIGURE_LOST), lost) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (mpd_stats_view_get_figure (stats_view, MPD_STATS_FIGURE_TOTAL), ==, "4");
  g_assert_cmpuint (mpd_stats_view_get_n_producers (stats_view), ==, 2);

  g_test_message ("minimum width: %d before, %d with the long figures", min_width_before,
                  window_min_width (&fixture));
  g_assert_cmpint (window_min_width (&fixture), <=, min_width_before);

  mpd_pipeline_set_n_producers (fixture.pipeline, 1);
  fixture_close (&fixture);
}

/* One producer at a time (issue 14, item 5): of three, one is killed, one paused and let go
 * on, each through its own action (the menu of its box in the diagram); the words say what
 * happened to which, and that the others still write, so the pipe stays open. */
static void
test_one_producer_at_a_time (void)
{
  Fixture fixture = { 0 };
  g_autofree char *killed = NULL;
  g_autofree char *paused = NULL;
  g_autofree char *resumed = NULL;
  GPtrArray *producers;
  int first, second, found = 0;

  open_window (&fixture, TEST_APP_ID ("OneByOne"));
  activate (&fixture, "pipeline.stop");
  wait_until_stopped (&fixture);
  mpd_pipeline_set_n_producers (fixture.pipeline, 3);
  activate (&fixture, "pipeline.restart");
  while (mpd_pipeline_diagram_get_n_producer_boxes (fixture.diagram) < 3 ||
         mpd_pipeline_get_n_messages (fixture.pipeline) < 6)
    g_main_context_iteration (NULL, TRUE);
  producers = mpd_pipeline_get_producers (fixture.pipeline);
  first = mpd_producer_get_pid (g_ptr_array_index (producers, 0));
  second = mpd_producer_get_pid (g_ptr_array_index (producers, 1));

  /* Each box of the diagram knows its producer, for its menu. */
  for (double y = 0; y < gtk_widget_get_height (GTK_WIDGET (fixture.diagram)) && !found; y += 2)
    found = mpd_pipeline_diagram_get_producer_at (fixture.diagram, 10, y, NULL) == first;
  g_assert_true (found);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "pipeline.kill-one",
                                             "i", first));
  killed = g_strdup_printf ("Producer %d ended: killed by SIGKILL (signal 9). 2 producers are "
                            "still writing", first);
  wait_for_explanation (&fixture, killed);
  g_assert_true (mpd_pipeline_get_running (fixture.pipeline));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "pipeline.pause-one",
                                             "i", second));
  mpd_test_wait_for_stopped (second, TRUE);
  paused = g_strdup_printf ("Producer %d: paused with SIGSTOP.", second);
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page), paused));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "pipeline.pause-one",
                                             "i", second));
  mpd_test_wait_for_stopped (second, FALSE);
  resumed = g_strdup_printf ("Producer %d: SIGCONT, it goes on", second);
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page), resumed));
  g_assert_true (mpd_pipeline_get_running (fixture.pipeline));

  mpd_pipeline_set_n_producers (fixture.pipeline, 1);
  fixture_close (&fixture);
}

/* A window destroyed without closing, in the middle of a flood: the pipeline goes with it,
 * its producers killed and reaped, and what was still on its way reaches nothing that is
 * gone (with criticals fatal). */
static void
test_destroyed_during_flood (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("Destroyed"),
                                                       G_APPLICATION_NON_UNIQUE);
  MpdPipeline *pipeline = mpd_pipeline_new (NULL, 0);
  MpdWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* The window owns the pipeline, as in mpdemo. */
  window = mpd_window_new (app, pipeline, 0);
  g_object_unref (pipeline);
  g_object_add_weak_pointer (G_OBJECT (pipeline), (gpointer *) &pipeline);
  gtk_window_present (GTK_WINDOW (window));
  while (mpd_pipeline_get_n_messages (pipeline) < 10000)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (pipeline);
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

static gboolean
page_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
page_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* A hidden page costs nothing (issue 14, item 9): its once-a-second clock stops while another
 * lesson is shown, and runs again when it is back; a page with no run wakes nobody either
 * (issue 18): the clock stops with the run, and comes back with the next. */
static void
test_hidden_page_clock (void)
{
  Fixture fixture = { 0 };

  open_window (&fixture, TEST_APP_ID ("Hidden"));
  g_assert_true (mpd_pipeline_page_get_clock_running (fixture.page));

  g_assert_true (mpd_window_show_lesson (fixture.window, "spawn"));
  mpd_test_wait_until (page_unmapped, fixture.page, 20, "the page to leave the screen");
  g_assert_false (mpd_pipeline_page_get_clock_running (fixture.page));

  g_assert_true (mpd_window_show_lesson (fixture.window, "producer-consumer"));
  mpd_test_wait_until (page_mapped, fixture.page, 20, "the page to come back");
  g_assert_true (mpd_pipeline_page_get_clock_running (fixture.page));

  activate (&fixture, "pipeline.stop");
  wait_until_stopped (&fixture);
  g_assert_false (mpd_pipeline_page_get_clock_running (fixture.page));
  activate (&fixture, "pipeline.restart");
  wait_for_timestamp (status_bar (&fixture));
  g_assert_true (mpd_pipeline_page_get_clock_running (fixture.page));

  fixture_close (&fixture);
}

/* After a flood, the plot's scale fits the newest seconds again once the flood is 10 seconds
 * old (issue 14, item 8: a 5 M scale stayed for a minute, and 1 message a second lay flat at
 * 0). Times are given, not waited for. */
static void
test_plot_rescales (void)
{
  g_autoptr(MpdStats) stats = mpd_stats_new ();
  MpdPlot *plot = g_object_ref_sink (g_object_new (MPD_TYPE_PLOT, NULL));
  g_autofree MpdMessage *flood = g_new0 (MpdMessage, 100000);
  guint64 sequence = 1;
  gint64 t = 1000 * G_USEC_PER_SEC;

  mpd_plot_set_stats (plot, stats);
  for (guint second = 0; second < 5; second++, t += G_USEC_PER_SEC)
    {
      for (guint i = 0; i < 100000; i++)
        flood[i] = (MpdMessage) { .sequence = sequence++, .pid = 42, .monotonic_time_us = t };
      mpd_stats_add_batch (stats, flood, 100000, t);
    }
  mpd_stats_advance (stats, t);
  mpd_plot_update (plot);
  g_assert_cmpfloat (mpd_plot_get_rate_scale (plot), ==, 100000);

  /* A message a second, for 11 seconds: the flood is still in the minute shown, but the
   * scale is the quiet seconds'. */
  for (guint second = 0; second < 11; second++, t += G_USEC_PER_SEC)
    {
      MpdMessage one = { .sequence = sequence++, .pid = 42, .monotonic_time_us = t };

      mpd_stats_add_batch (stats, &one, 1, t);
    }
  mpd_stats_advance (stats, t);
  mpd_plot_update (plot);
  g_assert_cmpuint (mpd_plot_get_n_seconds (plot), >=, 15);
  g_assert_cmpfloat (mpd_plot_get_rate_scale (plot), ==, 1);

  g_object_unref (plot);
}

static gboolean
got_six_more (gpointer data)
{
  Fixture *fixture = data;
  guint64 *first = g_object_get_data (G_OBJECT (fixture->pipeline), "first");

  return mpd_pipeline_get_n_messages (fixture->pipeline) >= *first + 6;
}

/* A page left at a slow rate draws the diagram about once per message (issue 14, item 9):
 * the dots stand still (they move only when messages come more often than every 250 ms), so
 * a message is one frame, not five steps of dots that each drew the boxes again too. */
static void
test_quiet_page_frames (void)
{
  Fixture fixture = { 0 };
  guint64 first;
  guint64 frames_before, frames;

  /* Messages well apart, even when a sanitizer slows this process: 250 ms is the limit. */
  fixture_open (&fixture, TEST_APP_ID ("Quiet"), 800);
  wait_for_timestamp (status_bar (&fixture));
  /* Let the first message's changes settle: the page says what started, once. */
  while (mpd_pipeline_get_n_messages (fixture.pipeline) < 2)
    g_main_context_iteration (NULL, TRUE);

  first = mpd_pipeline_get_n_messages (fixture.pipeline);
  frames_before = mpd_pipeline_diagram_get_n_frames (fixture.diagram);
  g_object_set_data (G_OBJECT (fixture.pipeline), "first", &first);
  mpd_test_wait_until (got_six_more, &fixture, 30, "six more messages");
  frames = mpd_pipeline_diagram_get_n_frames (fixture.diagram) - frames_before;

  g_test_message ("%" G_GUINT64_FORMAT " drawings of the diagram for 6 messages", frames);
  g_assert_cmpuint (frames, >=, 1);
  /* One drawing per message, and a few more when a look at /proc sees a state change; five
   * or more per message when each step of the dots drew the boxes again (64 for 6). */
  g_assert_cmpuint (frames, <=, 3 * 6);

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/page-truths/kill-with-held-pipe", test_kill_with_held_pipe);
  g_test_add_func ("/mpd/page-truths/closed-pipe-still-running", test_closed_pipe_still_running);
  g_test_add_func ("/mpd/page-truths/bad-data-then-exit", test_bad_data_then_exit);
  g_test_add_func ("/mpd/page-truths/failed-start", test_failed_start);
  g_test_add_func ("/mpd/page-truths/text-producer-and-stderr", test_text_producer_and_stderr);
  g_test_add_func ("/mpd/page-truths/flood-for-producer-command",
                   test_flood_for_producer_command);
  g_test_add_func ("/mpd/page-truths/huge-figures", test_huge_figures);
  g_test_add_func ("/mpd/page-truths/plot-rescales", test_plot_rescales);
  g_test_add_func ("/mpd/page-truths/one-producer-at-a-time", test_one_producer_at_a_time);
  g_test_add_func ("/mpd/page-truths/hidden-page-clock", test_hidden_page_clock);
  g_test_add_func ("/mpd/page-truths/quiet-page-frames", test_quiet_page_frames);
  g_test_add_func ("/mpd/page-truths/destroyed-during-flood", test_destroyed_during_flood);

  return g_test_run ();
}
