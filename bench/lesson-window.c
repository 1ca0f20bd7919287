/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lesson-window.c: what a lesson page costs while its processes sleep, and what sampling 20
 * processes costs the window's frames. */

/*
 * lesson-window SECONDS: opens MpDemo's window (under xvfb-run) on the page of the lesson
 * "join", and measures, each for SECONDS:
 *
 *   idle    the page shown, nothing running: CPU of this process, frames painted;
 *   join    the lesson running, its processes asleep in sleep() and waitpid(), drawing and
 *           timeline shown: CPU of this process and of every process below it (MpDemo's
 *           supervisor, the lesson's processes), from /proc/PID/task/TID/schedstat, over
 *           the 3.2 s in which they sleep between their lines of output;
 *   sample  20 sleeping processes (sh and its 20 sleeps) sampled, drawn and put on the
 *           timeline ten times a second, in a window that paints a frame at every tick of
 *           its clock: the frames' intervals (p99, max), beside the same window with no run;
 *           and how long one sample of the 21 processes takes, timed by calling it; then the
 *           same sample of 101 processes (sh and 100 sleeps): the cost per process;
 *   pages   every lesson's page shown in turn (but producer-consumer's, which starts its run
 *           when shown), nothing running: the wake-ups of this process's threads (voluntary
 *           context switches, getrusage()) and its CPU over a second on each page, after three
 *           seconds to settle, with the threads that woke and the main loop's timers due in
 *           that second (BENCH_VERBOSE=1 prints every page's); then the first page again, for
 *           5 s after 21 s more, once GTK's one-shot timers of every page have passed.
 *
 * Prints one line of "name value" pairs.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <gtk/gtk.h>

#include "bench-window.h"
#include "mpd-lesson.h"
#include "mpd-lesson-page.h"
#include "mpd-process-view.h"
#include "mpd-runner.h"
#include "mpd-timeline.h"

/* CPU time of @pid, its threads and all its descendants, in seconds (as bench/run.py). */
static double
cpu_seconds (int pid)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  double total = 0;

  g_array_append_val (pids, pid);
  while (pids->len > 0)
    {
      int current = g_array_index (pids, int, pids->len - 1);
      g_autofree char *task_path = g_strdup_printf ("/proc/%d/task", current);
      g_autoptr(GDir) tasks = g_dir_open (task_path, 0, NULL);
      const char *task;

      g_array_set_size (pids, pids->len - 1);
      while (tasks != NULL && (task = g_dir_read_name (tasks)) != NULL)
        {
          g_autofree char *stat_path = g_strdup_printf ("%s/%s/schedstat", task_path, task);
          g_autofree char *children_path = g_strdup_printf ("%s/%s/children", task_path, task);
          g_autofree char *stat = NULL, *children = NULL;
          g_auto(GStrv) child_pids = NULL;

          if (g_file_get_contents (stat_path, &stat, NULL, NULL))
            total += g_ascii_strtod (stat, NULL) / 1e9;
          if (!g_file_get_contents (children_path, &children, NULL, NULL))
            continue;
          child_pids = g_strsplit_set (g_strstrip (children), " ", -1);
          for (guint i = 0; child_pids[i] != NULL; i++)
            if (atoi (child_pids[i]) > 0)
              {
                int child = atoi (child_pids[i]);

                g_array_append_val (pids, child);
              }
        }
    }
  return total;
}

typedef struct
{
  gboolean measuring;
  guint    n_frames;
  GArray  *intervals;  /* of double, ms between two frames */
  gint64   last_us;
} Frames;

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->measuring)
    {
      double interval = (now - frames->last_us) / 1000.0;

      frames->n_frames++;
      if (frames->intervals != NULL && frames->last_us > 0)
        g_array_append_val (frames->intervals, interval);
    }
  frames->last_us = now;
}

/* CPU of this process and its descendants over @seconds, as a share of one core, in %. */
/* The wake-ups of every thread of this process, those that ended too, and its CPU time in
 * seconds. A wake-up is a voluntary context switch: the thread slept, in poll(2) say, and
 * something woke it. (An involuntary one is a thread that was running and had to give way to
 * another program: the bench's own main thread is sometimes, as it reads the clock. It counted
 * as a wake-up of the page until issue 18's last stop.) */
static guint64
wakeups (double *cpu)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  *cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  return (guint64) usage.ru_nvcsw;
}

/* The wake-ups (voluntary context switches) of each thread alive now, by its name
 * (/proc/self/task/TID/comm): name -> count. */
static GHashTable *
switches_by_thread (void)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (tasks != NULL && (tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
      g_autofree char *status_path = g_strdup_printf ("/proc/self/task/%s/status", tid);
      g_autofree char *comm = NULL;
      g_autofree char *status = NULL;
      const char *line;
      guint64 n = 0;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !g_file_get_contents (status_path, &status, NULL, NULL))
        continue;
      g_strdelimit (g_strstrip (comm), " ", '_');  /* "[pango] FcInit": one word for run.py */
      line = strstr (status, "\nvoluntary_ctxt_switches:");
      if (line != NULL)
        n += g_ascii_strtoull (line + strlen ("\nvoluntary_ctxt_switches:"), NULL, 10);
      n += GPOINTER_TO_SIZE (g_hash_table_lookup (counts, comm));
      g_hash_table_insert (counts, g_steal_pointer (&comm), GSIZE_TO_POINTER (n));
    }
  return counts;
}

/* Names the threads whose switches grew from @before to @after: "name+N,name+N", or "-". */
static char *
threads_that_woke (GHashTable *before,
                   GHashTable *after)
{
  g_autoptr(GString) names = g_string_new (NULL);
  GHashTableIter iter;
  gpointer name, count;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &name, &count))
    {
      gsize grew = GPOINTER_TO_SIZE (count) - GPOINTER_TO_SIZE (g_hash_table_lookup (before, name));

      if (grew > 0)
        g_string_append_printf (names, "%s%s+%" G_GSIZE_FORMAT, names->len > 0 ? "," : "",
                                (const char *) name, grew);
    }
  return g_strdup (names->len > 0 ? names->str : "-");
}

/* The main context's sources due within @seconds from now (timeouts: those with a ready time),
 * by name, spaces made underscores: "name,name", or "-". Every source id up to the newest is
 * looked up: GLib lists no sources, but gives ids in order. */
static char *
sources_due_within (double seconds)
{
  g_autoptr(GString) names = g_string_new (NULL);
  GMainContext *context = g_main_context_default ();
  gint64 now = g_get_monotonic_time ();
  static gboolean never_set;
  guint newest = g_idle_add (bench_set_true_cb, &never_set);

  g_source_remove (newest);
  for (guint id = 1; id < newest; id++)
    {
      GSource *source = g_main_context_find_source_by_id (context, id);
      gint64 ready;

      if (source == NULL || (ready = g_source_get_ready_time (source)) < 0 ||
          ready > now + (gint64) (seconds * G_USEC_PER_SEC))
        continue;
      g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "",
                              g_source_get_name (source) != NULL ? g_source_get_name (source)
                                                                 : "(unnamed)");
    }
  g_strdelimit (names->str, " ", '_');
  return g_strdup (names->len > 0 ? names->str : "-");
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Every lesson's page in turn, nothing running: the most wake-ups in a second on one page,
 * which page, and the most CPU. */
static void
measure_pages (MpdWindow  *window,
               guint      *max_wakeups,
               const char **max_page,
               char       **max_threads,
               char       **max_sources,
               double     *max_cpu,
               guint      *n_pages)
{
  guint n_lessons;
  const MpdLesson * const *lessons = mpd_lesson_get_all (&n_lessons);
  MpdPipeline *pipeline = mpd_window_get_pipeline (window);
  gboolean stopped = FALSE;

  /* The first page's producer, which sends a message a second from the start, stopped. */
  mpd_pipeline_stop_async (pipeline, NULL, stopped_cb, &stopped);
  while (!stopped)
    g_main_context_iteration (NULL, TRUE);

  *max_wakeups = 0;
  *max_cpu = 0;
  *max_page = "";
  *max_threads = g_strdup ("-");
  *max_sources = g_strdup ("-");
  *n_pages = 0;
  for (guint i = 0; i < n_lessons; i++)
    {
      g_autoptr(GHashTable) threads_before = NULL;
      g_autoptr(GHashTable) threads_after = NULL;
      g_autofree char *woke = NULL;
      g_autofree char *due = NULL;
      guint64 before;
      double cpu_before, cpu;
      guint n_wakeups;

      if (!mpd_window_show_lesson (window, lessons[i]->id))
        continue;

      /* Showing a page wakes the window up for two seconds or so (its transition, the code view
       * highlighting the programs, the first frames of the drawing): that is not idle. */
      bench_run_for (3);
      /* The producer / consumer page starts its run when it is shown, as the seed's window
       * does: its cost is the idle figure's (bench/run.py, item 4), not nothing's. */
      if (mpd_pipeline_get_running (pipeline))
        continue;
      due = sources_due_within (1);
      threads_before = switches_by_thread ();
      before = wakeups (&cpu_before);
      bench_run_for (1);
      /* Less the one wake-up of bench_run_for()'s own timer, which ends the second. */
      n_wakeups = (guint) (wakeups (&cpu) - before - 1);
      threads_after = switches_by_thread ();
      cpu = 100 * (cpu - cpu_before);
      (*n_pages)++;
      /* Which threads woke (the main thread's count includes the timer's one). */
      woke = threads_that_woke (threads_before, threads_after);
      if (g_getenv ("BENCH_VERBOSE"))
        g_printerr ("page %s: %u wake-ups (%s; timers due: %s), %.3f%% of a core\n",
                    lessons[i]->id, n_wakeups, woke, due, cpu);
      if (n_wakeups >= *max_wakeups)
        {
          *max_wakeups = n_wakeups;
          *max_page = lessons[i]->id;
          g_free (*max_threads);
          *max_threads = g_steal_pointer (&woke);
          g_free (*max_sources);
          *max_sources = g_steal_pointer (&due);
        }
      *max_cpu = MAX (*max_cpu, cpu);
    }
}

static double
measure_cpu (Frames *frames,
             double  seconds)
{
  double before = cpu_seconds (getpid ());
  double after;

  frames->measuring = TRUE;
  bench_run_for (seconds);
  frames->measuring = FALSE;
  after = cpu_seconds (getpid ());
  return 100 * (after - before) / seconds;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  qsort (values->data, values->len, sizeof (double), compare_doubles);
  return g_array_index (values, double, MIN ((guint) (p * values->len), values->len - 1));
}

static void
sampled_cb (MpdRunner   *runner,
            GtkWidget  **widgets)
{
  mpd_process_view_set_run (MPD_PROCESS_VIEW (widgets[0]), mpd_runner_get_processes (runner),
                            mpd_runner_get_process_tree (runner));
  mpd_timeline_update (MPD_TIMELINE (widgets[1]));
}

/* How long one sample of @runner's processes takes, in ms (the mean of 20, timed by calling
 * it); then the run is stopped, and over. */
static double
time_samples_and_stop (MpdRunner *runner)
{
  gint64 start = g_get_monotonic_time ();
  double ms;

  for (int i = 0; i < 20; i++)
    mpd_runner_sample (runner);
  ms = (g_get_monotonic_time () - start) / 1000.0 / 20;
  mpd_runner_stop (runner);
  while (mpd_runner_get_running (runner))
    g_main_context_iteration (NULL, TRUE);
  return ms;
}

/* Frames of a window that paints at every tick, with 20 processes sampled, or none. */
static void
measure_sampling (double  seconds,
                  double *p99_without,
                  double *p99_with,
                  double *max_with,
                  double *sample_ms,
                  double *sample_ms_100)
{
  const char *argv[] = { "/bin/sh", "-c", "for i in $(seq 20); do sleep 30 & done; wait", NULL };
  const char *argv_100[] = { "/bin/sh", "-c", "for i in $(seq 100); do sleep 30 & done; wait",
                             NULL };
  g_autoptr(MpdRunner) runner = mpd_runner_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *widgets[2] = { mpd_process_view_new (), mpd_timeline_new () };
  Frames frames = { FALSE, 0, g_array_new (FALSE, FALSE, sizeof (double)), 0 };

  gtk_widget_set_vexpand (widgets[0], TRUE);
  gtk_box_append (GTK_BOX (box), widgets[0]);
  gtk_box_append (GTK_BOX (box), widgets[1]);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_add_tick_callback (window, bench_paint_every_frame_cb, NULL, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &frames);

  bench_run_for (1);
  frames.measuring = TRUE;
  bench_run_for (seconds);
  frames.measuring = FALSE;
  *p99_without = percentile (frames.intervals, 0.99);
  g_array_set_size (frames.intervals, 0);

  g_signal_connect (runner, "sampled", G_CALLBACK (sampled_cb), widgets);
  mpd_timeline_set_history (MPD_TIMELINE (widgets[1]), NULL);
  g_assert (mpd_runner_start (runner, argv, NULL));
  mpd_timeline_set_history (MPD_TIMELINE (widgets[1]), mpd_runner_get_history (runner));
  bench_run_for (1);
  frames.measuring = TRUE;
  bench_run_for (seconds);
  frames.measuring = FALSE;
  *p99_with = percentile (frames.intervals, 0.99);
  *max_with = percentile (frames.intervals, 1.0);

  *sample_ms = time_samples_and_stop (runner);
  g_signal_handlers_disconnect_by_data (runner, widgets);

  /* The same sample, of 101 processes. */
  g_assert (mpd_runner_start (runner, argv_100, NULL));
  while (g_list_model_get_n_items (mpd_runner_get_processes (runner)) < 101)
    {
      mpd_runner_sample (runner);
      g_main_context_iteration (NULL, FALSE);
    }
  *sample_ms_100 = time_samples_and_stop (runner);
  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (frames.intervals);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpdApplication) app = NULL;
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 1000);
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 3;
  Frames frames = { 0 };
  double idle_cpu, join_cpu, p99_without, p99_with, max_with, sample_ms, sample_ms_100;
  double pages_max_cpu;
  guint idle_frames, join_frames, pages_max_wakeups, n_pages;
  const char *pages_max_page;
  g_autofree char *pages_max_threads = NULL;
  g_autofree char *pages_max_sources = NULL;
  guint settled_wakeups;
  MpdLessonPage *page;
  MpdWindow *window;

  window = bench_open_window ("org.example.MpDemo.Bench.LessonWindow", pipeline, &app);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &frames);
  mpd_window_show_lesson (window, "join");
  page = MPD_LESSON_PAGE (mpd_window_get_lesson_view (window, "join"));
  bench_run_for (2);

  idle_cpu = measure_cpu (&frames, seconds);
  idle_frames = frames.n_frames;
  frames.n_frames = 0;

  /* join: each of its two children sleeps 2 s while the main process waits in waitpid():
   * measured from 0.3 s to 1.9 s of each, between their lines of output. */
  gtk_widget_activate_action (GTK_WIDGET (window), "lesson.run", NULL);
  bench_run_for (0.3);
  join_cpu = measure_cpu (&frames, 1.6);
  bench_run_for (0.4);
  join_cpu = (join_cpu + measure_cpu (&frames, 1.6)) / 2;
  join_frames = frames.n_frames;
  while (mpd_runner_get_running (mpd_lesson_page_get_runner (page)))
    g_main_context_iteration (NULL, TRUE);

  measure_pages (window, &pages_max_wakeups, &pages_max_page, &pages_max_threads,
                 &pages_max_sources, &pages_max_cpu, &n_pages);

  /* The first lesson's page again (the last one shown may be producer-consumer, whose run
   * starts when it is shown), after every page's one-shot timers have passed: GtkTextView
   * empties its line cache 20 s after a text view was last drawn (one timer per text view, and
   * every page has some), and those of the pages shown before fell into the seconds above. */
  mpd_window_show_lesson (window, mpd_lesson_get_all (NULL)[0]->id);
  bench_run_for (21);
  {
    double cpu_before, cpu;
    guint64 before = wakeups (&cpu_before);

    g_autoptr(GHashTable) threads_before = switches_by_thread ();
    g_autoptr(GHashTable) threads_after = NULL;
    g_autofree char *due = sources_due_within (5);
    g_autofree char *woke = NULL;

    bench_run_for (5);
    settled_wakeups = (guint) (wakeups (&cpu) - before - 1);
    threads_after = switches_by_thread ();
    woke = threads_that_woke (threads_before, threads_after);
    if (g_getenv ("BENCH_VERBOSE"))
      g_printerr ("settled: %u wake-ups in 5 s (%s; timers due: %s)\n", settled_wakeups, woke, due);
  }

  bench_close_window (app, window);
  measure_sampling (seconds, &p99_without, &p99_with, &max_with, &sample_ms, &sample_ms_100);

  printf ("idle_cpu_percent %.3f idle_frames_per_s %.2f join_cpu_percent %.3f "
          "join_frames_per_s %.2f frame_p99_ms_without %.2f frame_p99_ms_with %.2f "
          "frame_max_ms_with %.2f sample_ms %.3f sample_ms_100 %.3f pages %u "
          "pages_max_wakeups_per_s %u pages_max_cpu_percent %.3f pages_max_page %s "
          "pages_max_threads %s pages_max_timers %s settled_wakeups_in_5_s %u\n",
          idle_cpu, idle_frames / seconds, join_cpu, join_frames / 3.2,
          p99_without, p99_with, max_with, sample_ms, sample_ms_100, n_pages,
          pages_max_wakeups, pages_max_cpu, pages_max_page, pages_max_threads, pages_max_sources,
          settled_wakeups);
  return 0;
}
