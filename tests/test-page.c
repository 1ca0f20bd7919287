/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-page.c: the Producer / Consumer page in a real window (Xvfb): every control, through
 * its action, and what the diagram, the explanations, the figures, the log and the plot show. */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <gtk/gtk.h>

#include "mpd-page-fixture.h"
#include "mpd-ui-test-utils.h"

#define TEST_APP_ID(name) "org.example.MpDemo.PageTest." name

/* Lets the main loop run until the diagram's box shows @expected (a part of its text). The
 * diagram reads the states from the frame clock; under Xvfb, frames come as on a screen. */
static void
wait_for_box (Fixture        *fixture,
              MpdDiagramPart  part,
              guint           index,
              const char     *expected)
{
  for (;;)
    {
      g_autofree char *text = mpd_pipeline_diagram_dup_text (fixture->diagram, part, index);

      if (text != NULL && strstr (text, expected) != NULL)
        return;
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_for_figure (Fixture        *fixture,
                 MpdStatsFigure  figure,
                 const char     *expected)
{
  while (g_strcmp0 (mpd_stats_view_get_figure (fixture->stats_view, figure), expected) != 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Start, Pause, Resume, Kill and Stop: each shows in the diagram, as the kernel reports the
 * process (SIGSTOP, SIGKILL), and is explained in words. */
static void
test_diagram_follows_the_controls (void)
{
  Fixture fixture = { 0 };
  g_autofree char *pipe = NULL;
  g_autofree char *pid_text = NULL;
  int pid;

  fixture_open (&fixture, TEST_APP_ID ("Controls"), 20);
  pid = mpd_pipeline_get_producer_pid (fixture.pipeline);
  pid_text = g_strdup_printf ("pid %d", pid);

  /* Running: one producer box with its pid, the pipe's size, the thread. */
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, "running");
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, pid_text);
  g_assert_cmpuint (mpd_pipeline_diagram_get_n_producer_boxes (fixture.diagram), ==, 1);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PIPE, 0, "of 65536 bytes");
  wait_for_box (&fixture, MPD_DIAGRAM_PART_CONSUMER, 0, "thread ");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "A producer process started, pid "));

  /* Pause: the kernel has stopped it, and the diagram says so. */
  activate (&fixture, "pipeline.pause");
  mpd_test_wait_for_stopped (pid, TRUE);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, "paused (SIGSTOP)");
  wait_for_box (&fixture, MPD_DIAGRAM_PART_CONSUMER, 0, "asleep in poll()");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "The producers were paused with SIGSTOP."));

  /* Resume. */
  activate (&fixture, "pipeline.pause");
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, "running");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "SIGCONT: the producers go on"));

  /* Kill: the box says how it ended; the thread read end-of-file and stopped. */
  activate (&fixture, "pipeline.kill");
  wait_until_stopped (&fixture);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, "killed by SIGKILL (signal 9)");
  wait_for_box (&fixture, MPD_DIAGRAM_PART_CONSUMER, 0, "not running");
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PIPE, 0, "closed");
  pipe = mpd_pipeline_diagram_dup_text (fixture.diagram, MPD_DIAGRAM_PART_PIPE, 0);
  g_assert_cmpstr (pipe, ==, "closed");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "The producer was killed with SIGKILL"));

  /* Start again, then Stop: SIGTERM, reaped, the thread joined. */
  activate (&fixture, "pipeline.restart");
  g_assert_true (mpd_pipeline_get_running (fixture.pipeline));
  pid = mpd_pipeline_get_producer_pid (fixture.pipeline);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, "running");
  activate (&fixture, "pipeline.stop");
  wait_until_stopped (&fixture);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, "killed by SIGTERM (signal 15)");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "Stopped: the producers got SIGTERM and were reaped"));
  g_assert_true (mpd_test_pid_is_gone (pid));

  fixture_close (&fixture);
}

/* The classroom's hardest case: 8 producers flood one pipe, and the main loop is slow on
 * purpose. The pipe fills, all eight wait in write(2), the thread waits for the main loop;
 * the window keeps drawing, nothing is lost, and the log and the plot stay within bounds. */
static void
test_eight_flooding_producers_and_a_slow_consumer (void)
{
  Fixture fixture = { 0 };
  GtkWidget *more;
  GtkWidget *slow;
  guint64 frames_before;
  MpdExplanations *explanations;
  guint n_blocked = 0;

  fixture_open (&fixture, TEST_APP_ID ("Eight"), 200);
  more = find_actionable (GTK_WIDGET (fixture.window), "pipeline.more-producers");
  slow = find_actionable (GTK_WIDGET (fixture.window), "pipeline.slow-consumer");
  g_assert_nonnull (more);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (slow));

  for (guint n = 2; n <= MPD_PIPELINE_MAX_PRODUCERS; n++)
    {
      g_signal_emit_by_name (more, "clicked");
      g_assert_cmpuint (mpd_pipeline_get_n_producers (fixture.pipeline), ==, n);
    }
  g_assert_false (gtk_widget_get_sensitive (more));  /* 8 is as many as there can be */

  activate (&fixture, "pipeline.flood");
  mpd_pipeline_page_set_slow_consumer (fixture.page, FALSE, 50);
  g_signal_emit_by_name (slow, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (slow)));

  /* The run with eight flooding producers. */
  while (!mpd_pipeline_get_running (fixture.pipeline) ||
         mpd_pipeline_get_producers (fixture.pipeline)->len != MPD_PIPELINE_MAX_PRODUCERS ||
         mpd_pipeline_get_interval (fixture.pipeline) != 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_MAIN_LOOP, 0, "slow: 50 ms per batch");

  /* Back-pressure, as the kernel shows it: a full pipe, every producer blocked in write(),
   * the thread waiting for the main loop. */
  wait_for_box (&fixture, MPD_DIAGRAM_PART_CONSUMER, 0, "waiting for the main loop");
  while (!mpd_pipeline_diagram_get_pipe_full (fixture.diagram) || n_blocked < 8)
    {
      g_main_context_iteration (NULL, TRUE);
      n_blocked = 0;
      for (guint i = 0; i < mpd_pipeline_diagram_get_n_producer_boxes (fixture.diagram); i++)
        {
          g_autofree char *text = mpd_pipeline_diagram_dup_text (fixture.diagram,
                                                                 MPD_DIAGRAM_PART_PRODUCER, i);

          n_blocked += strstr (text, "blocked in write()") != NULL;
        }
    }
  g_assert_cmpuint (mpd_pipeline_diagram_get_n_producer_boxes (fixture.diagram), ==, 8);
  /* The full pipe is said on the live line: what last happened to the run (its eight
   * producers started) stays the newest explanation (issue 14, item 2). */
  explanations = mpd_pipeline_page_get_explanations (fixture.page);
  while (!g_str_has_prefix (mpd_explanations_get_live (explanations) ?: "", "The pipe is full."))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "8 producer processes started"));
  g_assert_cmpuint (mpd_explanations_get_n_kept (explanations), <=, MPD_EXPLANATIONS_KEPT);

  /* The window keeps drawing: 30 more frames of the diagram, while the flood goes on. */
  frames_before = mpd_pipeline_diagram_get_n_frames (fixture.diagram);
  while (mpd_pipeline_diagram_get_n_frames (fixture.diagram) < frames_before + 30)
    g_main_context_iteration (NULL, TRUE);

  /* Every producer counted, none lost; the log full, and no longer; the plot a minute long
   * at most. */
  while (mpd_stats_view_get_n_producers (fixture.stats_view) < 8 ||
         g_list_model_get_n_items (G_LIST_MODEL (mpd_pipeline_page_get_log (fixture.page))) <
         MPD_MESSAGE_LOG_CAPACITY)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mpd_stats_get_total (mpd_pipeline_page_get_stats (fixture.page)), >,
                    MPD_MESSAGE_LOG_CAPACITY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mpd_pipeline_page_get_log (fixture.page))),
                    ==, MPD_MESSAGE_LOG_CAPACITY);
  g_assert_cmpuint (mpd_message_log_get_n_pending (mpd_pipeline_page_get_log (fixture.page)), <=,
                    MPD_MESSAGE_LOG_CAPACITY);
  g_assert_cmpuint (mpd_plot_get_n_seconds (mpd_pipeline_page_get_plot (fixture.page)), <=,
                    MPD_STATS_HISTORY_SECONDS);
  g_assert_cmpuint (mpd_stats_get_lost (mpd_pipeline_page_get_stats (fixture.page)), ==, 0);
  g_assert_cmpuint (mpd_stats_get_out_of_order (mpd_pipeline_page_get_stats (fixture.page)), ==, 0);
  g_assert_cmpstr (mpd_stats_view_get_figure (fixture.stats_view, MPD_STATS_FIGURE_LOST), ==, "0");
  for (guint i = 0; i < 8; i++)
    g_assert_true (g_str_has_suffix (mpd_stats_view_get_producer_text (fixture.stats_view, i),
                                     " received, 0 lost"));

  /* Stop: the full pipe belonged to that run, and no stale "room again" follows it. */
  activate (&fixture, "pipeline.stop");
  wait_until_stopped (&fixture);
  g_assert_null (mpd_explanations_get_live (explanations));
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (mpd_explanations_get_live (explanations));
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page), "Stopped: "));

  fixture_close (&fixture);
}

/* Fewer producers, Faster and Slower: each starts new producers with the new setting. */
static void
test_producers_faster_slower (void)
{
  Fixture fixture = { 0 };
  int pid;

  fixture_open (&fixture, TEST_APP_ID ("FasterSlower"), 1000);
  pid = mpd_pipeline_get_producer_pid (fixture.pipeline);

  /* One producer: none fewer. */
  g_assert_false (gtk_widget_get_sensitive (find_actionable (GTK_WIDGET (fixture.window),
                                                             "pipeline.fewer-producers")));

  activate (&fixture, "pipeline.more-producers");
  pid = wait_for_new_producer (fixture.pipeline, pid);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 1, "running");
  g_assert_cmpuint (mpd_pipeline_diagram_get_n_producer_boxes (fixture.diagram), ==, 2);
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "2 producer processes started, pids "));
  activate (&fixture, "pipeline.fewer-producers");
  pid = wait_for_new_producer (fixture.pipeline, pid);
  g_assert_cmpuint (mpd_pipeline_get_producers (fixture.pipeline)->len, ==, 1);

  /* Faster: half the interval, a new producer started with it. Slower: back. */
  activate (&fixture, "pipeline.faster");
  g_assert_cmpuint (mpd_pipeline_get_interval (fixture.pipeline), ==, 500);
  pid = wait_for_new_producer (fixture.pipeline, pid);
  g_assert_true (process_has_argument (pid, "--interval=500"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (mpd_pipeline_page_get_interval_spin (fixture.page)),
                   ==, 500);
  activate (&fixture, "pipeline.slower");
  pid = wait_for_new_producer (fixture.pipeline, pid);
  g_assert_true (process_has_argument (pid, "--interval=1000"));

  /* The settings remember the interval and the number of producers, for the next start. */
  g_assert_cmpuint (g_settings_get_uint (mpd_application_get_settings (fixture.app), "interval"),
                    ==, 1000);
  g_assert_cmpuint (g_settings_get_uint (mpd_application_get_settings (fixture.app), "n-producers"),
                    ==, 1);

  fixture_close (&fixture);
}

/* The slow consumer's time is chosen in its spin button, and the diagram and the words say
 * what it does. */
static void
test_slow_consumer_time (void)
{
  Fixture fixture = { 0 };
  GtkAdjustment *adjustment;

  fixture_open (&fixture, TEST_APP_ID ("SlowTime"), 100);
  adjustment = mpd_pipeline_page_get_slow_consumer_adjustment (fixture.page);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 100);

  gtk_adjustment_set_value (adjustment, 300);
  activate (&fixture, "pipeline.slow-consumer");
  wait_for_box (&fixture, MPD_DIAGRAM_PART_MAIN_LOOP, 0, "slow: 300 ms per batch");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "Slow consumer: the main loop now takes 300 ms for each batch"));

  activate (&fixture, "pipeline.slow-consumer");
  g_assert_true (g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture.page),
                                   "The main loop is fast again"));
  while (TRUE)
    {
      g_autofree char *text = mpd_pipeline_diagram_dup_text (fixture.diagram,
                                                             MPD_DIAGRAM_PART_MAIN_LOOP, 0);

      if (strstr (text, "slow:") == NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  fixture_close (&fixture);
}

/* The log shows the newest message first, with its producer and latency; the figures count
 * what came, per producer, and the plot gets a point a second. */
static void
test_log_figures_and_plot (void)
{
  Fixture fixture = { 0 };
  GListModel *log;
  g_autoptr(MpdLogEntry) newest = NULL;
  g_autofree char *total = NULL;
  g_autofree char *producer_text = NULL;
  MpdStats *stats;
  int pid;

  fixture_open (&fixture, TEST_APP_ID ("LogFigures"), 10);
  log = G_LIST_MODEL (mpd_pipeline_page_get_log (fixture.page));
  stats = mpd_pipeline_page_get_stats (fixture.page);
  pid = mpd_pipeline_get_producer_pid (fixture.pipeline);

  while (g_list_model_get_n_items (log) < 20)
    g_main_context_iteration (NULL, TRUE);
  mpd_pipeline_set_paused (fixture.pipeline, TRUE);
  wait_for_box (&fixture, MPD_DIAGRAM_PART_PRODUCER, 0, "paused");

  /* Paused, everything has arrived: the log's newest is the last one counted. */
  while (mpd_message_log_get_n_pending (mpd_pipeline_page_get_log (fixture.page)) > 0)
    g_main_context_iteration (NULL, TRUE);
  newest = g_list_model_get_item (log, 0);
  g_assert_cmpuint (mpd_log_entry_get_sequence (newest), ==, mpd_stats_get_total (stats));
  g_assert_cmpuint (mpd_log_entry_get_sequence (newest), ==, g_list_model_get_n_items (log));
  g_assert_cmpint (mpd_log_entry_get_pid (newest), ==, pid);
  g_assert_cmpint (mpd_log_entry_get_latency_us (newest), >=, 0);

  total = g_strdup_printf ("%" G_GUINT64_FORMAT, mpd_stats_get_total (stats));
  wait_for_figure (&fixture, MPD_STATS_FIGURE_TOTAL, total);
  g_assert_cmpstr (mpd_stats_view_get_figure (fixture.stats_view, MPD_STATS_FIGURE_LOST), ==, "0");
  producer_text = g_strdup_printf ("Producer %d: %s received, 0 lost", pid, total);
  g_assert_cmpstr (mpd_stats_view_get_producer_text (fixture.stats_view, 0), ==, producer_text);

  /* Going on: after a whole second, a rate, a latency, a point on the plot. */
  mpd_pipeline_set_paused (fixture.pipeline, FALSE);
  while (mpd_plot_get_n_seconds (mpd_pipeline_page_get_plot (fixture.page)) < 2)
    g_main_context_iteration (NULL, TRUE);
  while (g_strcmp0 (mpd_stats_view_get_figure (fixture.stats_view, MPD_STATS_FIGURE_RATE), "0") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_suffix (mpd_stats_view_get_figure (fixture.stats_view,
                                                              MPD_STATS_FIGURE_LATENCY_P50), "s"));

  fixture_close (&fixture);
}

/* Whether the line of @iter, as in the file, holds Hangul. */
static gboolean
line_has_korean (const GtkTextIter *iter)
{
  GtkTextIter start = *iter, end = *iter;
  g_autofree char *text = NULL;

  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_text (&start, &end);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HANGUL)
      return TRUE;
  return FALSE;
}

/* No line of @view, as wrapped on screen, starts inside a Korean word: a Korean comment of the
 * seed's Python wraps between its words, as Korean is written. The lines are made shorter and
 * shorter (a right margin of 0 to 300 pixels), so that the Korean comment wraps at many
 * places. */
static void
assert_korean_words_whole (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  int margin = gtk_text_view_get_right_margin (view);
  guint n_korean_wrapped = 0;

  while (gtk_widget_get_width (GTK_WIDGET (view)) == 0)
    g_main_context_iteration (NULL, TRUE);

  for (int shorter = 0; shorter <= 300; shorter += 3)
    {
      GtkTextIter iter;

      gtk_text_view_set_right_margin (view, margin + shorter);
      gtk_text_buffer_get_start_iter (buffer, &iter);
      while (gtk_text_view_forward_display_line (view, &iter) && !gtk_text_iter_is_end (&iter))
        {
          GtkTextIter before = iter;

          if (gtk_text_iter_starts_line (&iter) || !line_has_korean (&iter))
            continue;
          n_korean_wrapped++;
          gtk_text_iter_backward_char (&before);
          g_assert_false (g_unichar_get_script (gtk_text_iter_get_char (&before)) ==
                            G_UNICODE_SCRIPT_HANGUL &&
                          g_unichar_get_script (gtk_text_iter_get_char (&iter)) ==
                            G_UNICODE_SCRIPT_HANGUL);
        }
    }
  gtk_text_view_set_right_margin (view, margin);
  g_test_message ("%u wraps in lines with Korean", n_korean_wrapped);
  g_assert_cmpuint (n_korean_wrapped, >, 0);
}

/* The Code view shows the C files this program was built from, line by line, beside the
 * seed's Python; and the view is remembered. */
static void
test_code_view (void)
{
  Fixture fixture = { 0 };
  MpdCodeView *code_view;
  g_autofree char *c_text = NULL;
  g_autofree char *python_text = NULL;
  g_autofree char *source_path = NULL;
  g_autofree char *source = NULL;
  g_auto(GStrv) shown_lines = NULL;
  g_auto(GStrv) source_lines = NULL;
  g_autofree char *view = NULL;

  fixture_open (&fixture, TEST_APP_ID ("Code"), 1000);
  code_view = mpd_pipeline_page_get_code_view (fixture.page);
  g_object_set (fixture.page, "view", "code", NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (code_view)));
  view = g_settings_get_string (mpd_application_get_settings (fixture.app), "last-view");
  g_assert_cmpstr (view, ==, "code");

  /* On screen, the views hold the files by themselves (they load when first shown, not
   * before): the Python view is the second text view of the page. */
  {
    GtkWidget *child = GTK_WIDGET (code_view);
    GtkTextView *text_views[2] = { NULL, NULL };
    guint n = 0;

    while (n < 2 && child != NULL)
      {
        GtkWidget *next = gtk_widget_get_first_child (child);

        if (GTK_IS_TEXT_VIEW (child))
          text_views[n++] = GTK_TEXT_VIEW (child);
        while (next == NULL && child != GTK_WIDGET (code_view))
          {
            next = gtk_widget_get_next_sibling (child);
            if (next == NULL)
              child = gtk_widget_get_parent (child);
          }
        child = next;
      }
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (text_views[0])),
                     >, 0);
    g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (text_views[1])),
                     >, 0);
    assert_korean_words_whole (text_views[1]);
  }

  python_text = mpd_code_view_dup_python_text (code_view);
  g_assert_nonnull (strstr (python_text, "class Consumer(QThread):"));
  g_assert_nonnull (strstr (python_text, "            if not self.q.empty():"));

  /* mpd-queue.c, exactly as it is in the source tree (its line numbers are in the margin). */
  g_assert_true (mpd_code_view_show_file (code_view, "mpd-queue.c"));
  g_assert_false (mpd_code_view_show_file (code_view, "no-such-file.c"));
  c_text = mpd_code_view_dup_c_text (code_view);
  source_path = g_build_filename (g_getenv ("MPD_SOURCE_DIR"), "src", "engine", "mpd-queue.c",
                                  NULL);
  g_assert_true (g_file_get_contents (source_path, &source, NULL, NULL));
  shown_lines = g_strsplit (c_text, "\n", -1);
  source_lines = g_strsplit (source, "\n", -1);
  g_assert_cmpuint (g_strv_length (shown_lines), ==, g_strv_length (source_lines));
  g_assert_cmpstr (c_text, ==, source);

  g_object_set (fixture.page, "view", "live", NULL);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/page/diagram-follows-the-controls", test_diagram_follows_the_controls);
  g_test_add_func ("/mpd/page/eight-flooding-producers-and-a-slow-consumer",
                   test_eight_flooding_producers_and_a_slow_consumer);
  g_test_add_func ("/mpd/page/producers-faster-slower", test_producers_faster_slower);
  g_test_add_func ("/mpd/page/slow-consumer-time", test_slow_consumer_time);
  g_test_add_func ("/mpd/page/log-figures-and-plot", test_log_figures_and_plot);
  g_test_add_func ("/mpd/page/code-view", test_code_view);

  return g_test_run ();
}
