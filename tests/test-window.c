/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the real window, under a real display (Xvfb): status bar, closing, --count. */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>
#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-test-utils.h"
#include "mpd-ui-test-utils.h"
#include "mpd-pipeline-page.h"
#include "mpd-window.h"

/* Each test registers its own application: one id per test, since a registered id stays
 * taken on the bus until the process ends. */
#define TEST_APP_ID(name) "org.example.MpDemo.Test." name

/* The status bar shows a fresh timestamp, then a newer one; closing the window stops the
 * producer and the thread. */
static void
test_status_bar (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("StatusBar"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GDateTime) first_time = NULL;
  g_autoptr(GDateTime) second_time = NULL;
  g_autoptr(GDateTime) announced_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *announced = NULL;
  g_autofree char *comm = NULL;
  g_autofree char *thread_file = NULL;
  g_autofree char *thread_comm = NULL;
  gint64 started = g_get_real_time ();
  MpdStatusBar *status_bar;
  MpdPipeline *pipeline;
  MpdWindow *window;
  int producer_pid;
  int thread_id;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  pipeline = mpd_pipeline_new (NULL, 100);
  window = mpd_window_new (app, pipeline, 0);
  g_object_unref (pipeline);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));

  status_bar = mpd_window_get_status_bar (window);
  pipeline = mpd_window_get_pipeline (window);
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar), ==, "Waiting for the first message…");

  /* A real producer process and a real consumer thread run behind the window. */
  producer_pid = mpd_pipeline_get_producer_pid (pipeline);
  g_assert_cmpint (producer_pid, >, 0);
  comm = mpd_test_read_proc (producer_pid, "comm");
  g_assert_cmpstr (comm, ==, "mpdemo-producer");
  thread_id = mpd_pipeline_get_consumer_thread_id (pipeline);
  thread_file = g_strdup_printf ("task/%d/comm", thread_id);
  thread_comm = mpd_test_read_proc (getpid (), thread_file);
  g_assert_cmpstr (thread_comm, ==, "mpd-consumer");

  /* The first timestamp: sent after the test started, and not in the future. */
  wait_for_text_change (status_bar, "Waiting for the first message…");
  first = g_strdup (mpd_status_bar_get_text (status_bar));
  first_time = parse_timestamp (first);
  g_assert_nonnull (first_time);
  g_assert_cmpint (g_date_time_to_unix (first_time), >=, started / G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_to_unix (first_time), <=, g_get_real_time () / G_USEC_PER_SEC);

  /* A screen reader knows the bar as the window's status, and hears the first timestamp. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (status_bar)), ==,
                   GTK_ACCESSIBLE_ROLE_STATUS);
  announced = g_strdup (mpd_status_bar_get_last_announcement (status_bar));
  announced_time = parse_timestamp (announced);
  g_assert_nonnull (announced_time);
  g_assert_cmpint (g_date_time_compare (announced_time, first_time), <=, 0);

  /* Then it changes, to a later time, which is shown but not announced. */
  wait_for_text_change (status_bar, first);
  second_time = parse_timestamp (mpd_status_bar_get_text (status_bar));
  g_assert_nonnull (second_time);
  g_assert_cmpint (g_date_time_compare (second_time, first_time), >, 0);
  g_assert_cmpstr (mpd_status_bar_get_last_announcement (status_bar), ==, announced);

  /* Closing: the window goes once the producer is reaped and the thread joined. */
  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (mpd_test_pid_is_gone (producer_pid));
  g_assert_true (mpd_test_wait_for_thread_gone (thread_id));
}

/* Restart replaces a running producer with a new one. When the producer is killed, the
 * status bar says how it ended, and the same button, now Start, starts a new one. */
static void
test_restart (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("Restart"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) announced = NULL;
  MpdStatusBar *status_bar;
  MpdPipeline *pipeline;
  MpdWindow *window;
  GtkWidget *restart;
  int zeroth_pid;
  int first_pid;
  int second_pid;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  pipeline = mpd_pipeline_new (NULL, 50);
  window = mpd_window_new (app, pipeline, 0);
  g_object_unref (pipeline);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  status_bar = mpd_window_get_status_bar (window);
  pipeline = mpd_window_get_pipeline (window);
  restart = find_actionable (GTK_WIDGET (window), "pipeline.restart");
  g_assert_nonnull (restart);

  /* While the producer runs, Restart stops it and starts another. */
  wait_for_text_change (status_bar, "Waiting for the first message…");
  g_assert_true (gtk_widget_get_sensitive (restart));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (restart)), ==, "Restart");
  zeroth_pid = mpd_pipeline_get_producer_pid (pipeline);
  g_signal_emit_by_name (restart, "clicked");
  g_assert_false (gtk_widget_get_sensitive (restart));  /* while the old one is stopped */
  first_pid = wait_for_new_producer (pipeline, zeroth_pid);
  g_assert_true (mpd_test_pid_is_gone (zeroth_pid));
  g_assert_true (gtk_widget_get_sensitive (restart));

  wait_for_text_change (status_bar, "Waiting for the first message…");
  g_assert_cmpint (kill (first_pid, SIGKILL), ==, 0);
  while (mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (mpd_status_bar_get_text (status_bar), ==,
                   "The producer process has ended: killed by SIGKILL (signal 9).");
  g_assert_cmpstr (mpd_status_bar_get_last_announcement (status_bar), ==,
                   "The producer process has ended: killed by SIGKILL (signal 9).");
  g_assert_true (mpd_test_pid_is_gone (first_pid));

  g_assert_true (gtk_widget_get_sensitive (restart));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (restart)), ==, "Start");
  g_signal_emit_by_name (restart, "clicked");
  g_assert_true (mpd_pipeline_get_running (pipeline));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (restart)), ==, "Restart");
  second_pid = mpd_pipeline_get_producer_pid (pipeline);
  g_assert_cmpint (second_pid, >, 0);
  g_assert_cmpint (second_pid, !=, first_pid);

  wait_for_text_change (status_bar, "Waiting for the first message…");
  time = parse_timestamp (mpd_status_bar_get_text (status_bar));
  g_assert_nonnull (time);
  /* After the news, a timestamp of the new producer is announced again. */
  announced = parse_timestamp (mpd_status_bar_get_last_announcement (status_bar));
  g_assert_nonnull (announced);

  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mpd_test_pid_is_gone (second_pid));
}

/* A fault the window must survive and explain: a producer command, and what the status bar
 * must say once the run has ended. */
typedef struct
{
  const char *name;
  const char *app_id;
  char       *command;
  char       *expected;
} Fault;

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->command);
  g_free (fault->expected);
  g_free (fault);
}

static Fault *
fault_new_dummy (const char *name,
                 const char *app_id,
                 const char *mode,
                 char       *expected)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->name = name;
  fault->app_id = app_id;
  fault->command = mpd_test_dummy_command (mode);
  fault->expected = expected;
  return fault;
}

/* The producer command typed in the window fails in some way: the status bar says exactly
 * how, the window stays, and the user can go back to the built-in producer with Restart,
 * then stop it with Stop. */
static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autoptr(MpdApplication) app = mpd_application_new (fault->app_id, G_APPLICATION_NON_UNIQUE);
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 50);
  MpdPipelinePage *page;
  MpdStatusBar *status_bar;
  MpdWindow *window;
  GtkWidget *restart;
  GtkWidget *stop;
  int pid;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_test_message ("producer command: %s", fault->command);

  /* The user types the command, and presses Enter. */
  window = mpd_window_new (app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  status_bar = mpd_window_get_status_bar (window);
  page = MPD_PIPELINE_PAGE (mpd_window_get_lesson_view (window, "producer-consumer"));
  restart = find_actionable (GTK_WIDGET (window), "pipeline.restart");
  stop = find_actionable (GTK_WIDGET (window), "pipeline.stop");
  g_assert_nonnull (stop);

  wait_for_timestamp (status_bar);
  /* python3, asked once the first timestamp is on screen whether it has PyQt5, is a child of
   * ours until it answers: below, the children counted are the run's alone. */
  while (!mpd_pipeline_page_get_python_known (page))
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (stop, "clicked");
  while (mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);
  /* The run has ended, so no timestamp comes any more; the news comes when the stop (a task
   * of its own) is over, which may be an iteration later. */
  for (;;)
    {
      g_autoptr(GDateTime) time = parse_timestamp (mpd_status_bar_get_text (status_bar));

      if (time == NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar), ==, "The producer process was stopped.");

  gtk_editable_set_text (mpd_pipeline_page_get_command_editable (page), fault->command);
  g_signal_emit_by_name (mpd_pipeline_page_get_command_editable (page), "activate");
  while (mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);

  /* The reason, as soon as the run has ended; the window is still there, and can restart. */
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar), ==, fault->expected);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_sensitive (restart));
  g_assert_false (gtk_widget_get_sensitive (stop));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);

  /* Back to the built-in producer: it runs, and its messages arrive. */
  gtk_editable_set_text (mpd_pipeline_page_get_command_editable (page), "");
  g_signal_emit_by_name (restart, "clicked");
  g_assert_true (mpd_pipeline_get_running (pipeline));
  pid = mpd_pipeline_get_producer_pid (pipeline);
  wait_for_timestamp (status_bar);
  g_assert_true (gtk_widget_get_sensitive (stop));

  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mpd_test_pid_is_gone (pid));
}

/* A producer command that does not even parse: the entry and the status bar say so. */
static void
test_bad_command (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("BadCommand"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 50);
  GtkEditable *entry;
  MpdWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = mpd_window_new (app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  entry = mpd_pipeline_page_get_command_editable (MPD_PIPELINE_PAGE (mpd_window_get_lesson_view (window, "producer-consumer")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "pipeline.stop", NULL));
  while (mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);

  gtk_editable_set_text (entry, "python3 'unfinished");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (mpd_pipeline_get_running (pipeline));
  g_assert_true (g_str_has_prefix (mpd_status_bar_get_text (mpd_window_get_status_bar (window)),
                                   "The producer command cannot be read: "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  /* Editing clears the mark. */
  gtk_editable_set_text (entry, "python3 finished.py");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Closing the window while the producer floods the pipe, while the main loop is a slow
 * consumer of that flood, or while the producer is paused (SIGSTOP): the window goes, and
 * takes the producer and the consumer thread with it. */
static void
test_close_in_state (gconstpointer data)
{
  const char *state = data;
  g_autofree char *app_id = g_strdup_printf (TEST_APP_ID ("Close-%s"), state);
  g_autoptr(MpdApplication) app = mpd_application_new (app_id, G_APPLICATION_NON_UNIQUE);
  const char *flood_argv[] = { mpd_test_program ("MPD_PRODUCER_PROGRAM"), "--interval=0", NULL };
  g_autoptr(MpdPipeline) pipeline = NULL;
  MpdWindow *window;
  gint64 closed_at;
  int pid;
  int thread_id;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  if (g_str_equal (state, "paused"))
    pipeline = mpd_pipeline_new (NULL, 50);
  else
    pipeline = mpd_pipeline_new (flood_argv, 0);

  window = mpd_window_new (app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  pid = mpd_pipeline_get_producer_pid (pipeline);
  thread_id = mpd_pipeline_get_consumer_thread_id (pipeline);

  if (g_str_equal (state, "flood"))
    {
      /* Enough batches that the pipe is full and the consumer busy. */
      while (mpd_pipeline_get_n_messages (pipeline) < 100000)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (g_str_equal (state, "slow-consumer"))
    {
      GtkWidget *slow = find_actionable (GTK_WIDGET (window), "pipeline.slow-consumer");
      guint64 n_before;

      /* The toggle button turns it on; then each batch takes the main loop 0.1 s, the
       * consumer thread stops reading, the pipe fills and the producer waits in write(2). */
      g_assert_true (GTK_IS_TOGGLE_BUTTON (slow));
      g_signal_emit_by_name (slow, "clicked");
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (slow)));
      n_before = mpd_pipeline_get_n_messages (pipeline);
      while (mpd_pipeline_get_n_messages (pipeline) == n_before)
        g_main_context_iteration (NULL, TRUE);
      n_before = mpd_pipeline_get_n_messages (pipeline);
      while (mpd_pipeline_get_n_messages (pipeline) == n_before)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      wait_for_timestamp (mpd_window_get_status_bar (window));
      g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
    }

  closed_at = g_get_monotonic_time ();
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("closed in %.3f s", (g_get_monotonic_time () - closed_at) / 1e6);

  g_assert_true (mpd_test_pid_is_gone (pid));
  g_assert_true (mpd_test_wait_for_thread_gone (thread_id));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

/* Pause stops the producer process for real (SIGSTOP: the kernel says so), and says so;
 * pressing it again lets the process go on, and timestamps come again. Kill kills it with
 * SIGKILL, and the status bar says so. */
static void
test_pause_and_kill (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("PauseKill"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 20);
  MpdStatusBar *status_bar;
  MpdWindow *window;
  GtkWidget *pause;
  GtkWidget *kill_button;
  int pid;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = mpd_window_new (app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  status_bar = mpd_window_get_status_bar (window);
  pause = find_actionable (GTK_WIDGET (window), "pipeline.pause");
  kill_button = find_actionable (GTK_WIDGET (window), "pipeline.kill");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (pause));
  g_assert_nonnull (kill_button);
  wait_for_timestamp (status_bar);
  pid = mpd_pipeline_get_producer_pid (pipeline);

  /* Pause: wait (without reaping) until the kernel has stopped the process. */
  g_signal_emit_by_name (pause, "clicked");
  g_assert_true (mpd_pipeline_get_paused (pipeline));
  mpd_test_wait_for_stopped (pid, TRUE);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pause)));
  g_assert_true (g_str_has_prefix (mpd_status_bar_get_text (status_bar),
                                   "The producer process is paused (SIGSTOP)"));

  /* Resume: the process runs again, and its messages come again. */
  g_signal_emit_by_name (pause, "clicked");
  g_assert_false (mpd_pipeline_get_paused (pipeline));
  mpd_test_wait_for_stopped (pid, FALSE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (pause)));
  wait_for_timestamp (status_bar);
  g_assert_cmpint (mpd_pipeline_get_producer_pid (pipeline), ==, pid);

  /* Kill, while paused: SIGKILL works on a stopped process too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "pipeline.pause", NULL));
  g_assert_true (mpd_pipeline_get_paused (pipeline));
  g_signal_emit_by_name (kill_button, "clicked");
  while (mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar), ==,
                   "The producer process has ended: killed by SIGKILL (signal 9).");
  g_assert_false (mpd_pipeline_get_paused (pipeline));
  g_assert_false (gtk_widget_get_sensitive (pause));
  g_assert_false (gtk_widget_get_sensitive (kill_button));
  g_assert_true (mpd_test_pid_is_gone (pid));

  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* A new interval in the spin button, and Flood: each starts a new producer at once, with its
 * new pace; Flood again goes back to the interval. */
static void
test_interval_and_flood (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("IntervalFlood"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 1000);
  GtkSpinButton *spin;
  GtkWidget *flood;
  MpdWindow *window;
  int pid;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = mpd_window_new (app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  spin = GTK_SPIN_BUTTON (find_widget (GTK_WIDGET (window), is_of_type,
                                       GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON)));
  flood = find_actionable (GTK_WIDGET (window), "pipeline.flood");
  g_assert_nonnull (spin);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (flood));
  wait_for_timestamp (mpd_window_get_status_bar (window));
  pid = mpd_pipeline_get_producer_pid (pipeline);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 1000);

  /* 20 ms: a new producer, started with --interval=20. */
  gtk_spin_button_set_value (spin, 20);
  g_assert_cmpuint (mpd_pipeline_get_interval (pipeline), ==, 20);
  pid = wait_for_new_producer (pipeline, pid);
  g_assert_true (process_has_argument (pid, "--interval=20"));

  /* Flood: another producer, --interval=0, and messages by the thousand. */
  g_signal_emit_by_name (flood, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (flood)));
  g_assert_cmpuint (mpd_pipeline_get_interval (pipeline), ==, 0);
  pid = wait_for_new_producer (pipeline, pid);
  g_assert_true (process_has_argument (pid, "--interval=0"));
  while (mpd_pipeline_get_n_messages (pipeline) < 10000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (spin)));

  /* Flood off: back to 20 ms. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "pipeline.flood", NULL));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (flood)));
  g_assert_cmpuint (mpd_pipeline_get_interval (pipeline), ==, 20);
  pid = wait_for_new_producer (pipeline, pid);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (spin)));

  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mpd_test_pid_is_gone (pid));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

typedef struct
{
  guint    n_timestamps;
  int      producer_pid;
  gboolean open_shortcuts;   /* open the shortcuts window at the first timestamp */
} Seen;

static void
text_changed_cb (MpdStatusBar *status_bar,
                 GParamSpec   *pspec,
                 Seen         *seen)
{
  g_autoptr(GDateTime) time = parse_timestamp (mpd_status_bar_get_text (status_bar));
  MpdWindow *window = MPD_WINDOW (gtk_widget_get_root (GTK_WIDGET (status_bar)));

  if (time != NULL && seen->n_timestamps++ == 0 && seen->open_shortcuts)
    g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (window))),
                                    "shortcuts", NULL);
  if (seen->producer_pid == 0)
    seen->producer_pid = mpd_pipeline_get_producer_pid (mpd_window_get_pipeline (window));
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Seen           *seen)
{
  if (!MPD_IS_WINDOW (window))
    return;
  g_signal_connect (mpd_window_get_status_bar (MPD_WINDOW (window)), "notify::text",
                    G_CALLBACK (text_changed_cb), seen);
}

/* mpdemo --count 3 opens the window, shows three messages, and quits by itself with 0; also
 * with the shortcuts window open (issue 13: the app stayed, with that window). */
static void
test_count_quits (gconstpointer data)
{
  g_autoptr(MpdApplication) app = mpd_application_new (data ? TEST_APP_ID ("CountQuits2")
                                                             : TEST_APP_ID ("CountQuits"),
                                                       G_APPLICATION_NON_UNIQUE);
  char *argv[] = { (char *) "mpdemo", (char *) "--count", (char *) "3",
                   (char *) "--interval", (char *) "50", NULL };
  Seen seen = { 0, 0, GPOINTER_TO_INT (data) };

  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &seen);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);

  g_assert_cmpuint (seen.n_timestamps, >=, 1);
  g_assert_cmpint (seen.producer_pid, >, 0);
  g_assert_true (mpd_test_pid_is_gone (seen.producer_pid));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/window/status-bar", test_status_bar);
  g_test_add_func ("/mpd/window/restart", test_restart);
  g_test_add_data_func ("/mpd/window/count-quits", GINT_TO_POINTER (FALSE), test_count_quits);
  g_test_add_data_func ("/mpd/window/count-quits-with-shortcuts-open", GINT_TO_POINTER (TRUE),
                        test_count_quits);
  g_test_add_func ("/mpd/window/bad-command", test_bad_command);
  g_test_add_func ("/mpd/window/pause-and-kill", test_pause_and_kill);
  g_test_add_func ("/mpd/window/interval-and-flood", test_interval_and_flood);
  g_test_add_data_func ("/mpd/window/close/flood", "flood", test_close_in_state);
  g_test_add_data_func ("/mpd/window/close/paused", "paused", test_close_in_state);
  g_test_add_data_func ("/mpd/window/close/slow-consumer", "slow-consumer", test_close_in_state);

  /* Every fault of issue 3, each a test of its own (and an application id of its own). */
  {
    static const char * const app_ids[] = {
      TEST_APP_ID ("Fault0"), TEST_APP_ID ("Fault1"), TEST_APP_ID ("Fault2"),
      TEST_APP_ID ("Fault3"), TEST_APP_ID ("Fault4"), TEST_APP_ID ("Fault5"),
      TEST_APP_ID ("Fault6"), TEST_APP_ID ("Fault7"), TEST_APP_ID ("Fault8"),
    };
    g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (fault_free);
    Fault *missing = g_new0 (Fault, 1);

    for (guint i = 0; i < G_N_ELEMENTS (mpd_test_bad_input_modes); i++)
      {
        const char *mode = mpd_test_bad_input_modes[i];
        char *expected = mpd_test_bad_input_error (mode);

        /* half-frame exits by itself, after its half frame: both facts are news. */
        if (g_str_equal (mode, "half-frame"))
          {
            char *both = g_strconcat (expected, " The producer process has ended: exited with "
                                      "status 0.", NULL);

            g_free (expected);
            expected = both;
          }
        g_ptr_array_add (faults, fault_new_dummy (strchr (mode, ':') ? strchr (mode, ':') + 1 : mode,
                                                  app_ids[faults->len], mode, expected));
      }
    g_ptr_array_add (faults, fault_new_dummy ("segfault", app_ids[faults->len], "segfault",
                                              g_strdup ("The producer process has ended: killed by "
                                                        "SIGSEGV (signal 11).")));
    g_ptr_array_add (faults, fault_new_dummy ("exit-status", app_ids[faults->len], "exit:3",
                                              g_strdup ("The producer process has ended: exited "
                                                        "with status 3.")));
    missing->name = "missing-program";
    missing->app_id = app_ids[faults->len];
    missing->command = g_strdup ("/nonexistent/student-producer --fast");
    missing->expected = g_strdup ("Could not start the producer: Failed to execute child process "
                                  "“/nonexistent/student-producer” (No such file or directory)");
    g_ptr_array_add (faults, missing);
    g_assert_cmpuint (faults->len, <=, G_N_ELEMENTS (app_ids));

    for (guint i = 0; i < faults->len; i++)
      {
        const Fault *fault = g_ptr_array_index (faults, i);
        g_autofree char *path = g_strdup_printf ("/mpd/window/fault/%s", fault->name);

        g_test_add_data_func (path, fault, test_fault);
      }

    return g_test_run ();
  }
}
