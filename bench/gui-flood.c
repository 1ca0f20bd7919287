/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-flood.c: the real window while the producer floods: does it stay smooth, and lose nothing? */

/*
 * gui-flood SECONDS [WIDTHxHEIGHT]: opens MpDemo's window (a display is needed: run it under
 * xvfb-run), at its default size or the one given, with a flooding producer, and makes it
 * paint a frame at every tick of its clock. First the reference: the producer paused
 * (SIGSTOP), the same window paints alone for SECONDS, and the time between two frames (its
 * GdkFrameClock's "after-paint") is what this machine gives any window. Then the flood goes
 * on, one second to settle, and for SECONDS it measures:
 *   - the time between two frames;
 *   - how many times a second the status bar's text changes;
 *   - messages received, and how many were lost (gaps in the sequence numbers);
 *   - how much the process's resident memory grew.
 * Prints "messages N lost L frames F frame_p50_ms X frame_p99_ms Y text_updates_per_s U
 * rss_growth_mb M frame_p99_ms_alone A".
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <gtk/gtk.h>

#include "bench-utils.h"
#include "bench-window.h"

typedef struct
{
  gboolean  measuring;
  guint64   next_sequence;
  guint64   n_messages;
  guint64   n_lost;
  guint     n_text_updates;
  gint64    last_paint_us;
  GArray   *frame_intervals_ms;
} Flood;

static void
messages_received_cb (MpdPipeline *pipeline,
                      GArray      *messages,
                      Flood       *flood)
{
  for (guint i = 0; i < messages->len; i++)
    {
      guint64 sequence = g_array_index (messages, MpdMessage, i).sequence;

      if (sequence > flood->next_sequence)
        flood->n_lost += sequence - flood->next_sequence;
      flood->next_sequence = MAX (flood->next_sequence, sequence + 1);
    }
  if (flood->measuring)
    flood->n_messages += messages->len;
}

static void
text_changed_cb (GObject    *status_bar,
                 GParamSpec *pspec,
                 Flood      *flood)
{
  if (flood->measuring)
    flood->n_text_updates++;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Flood         *flood)
{
  gint64 now_us = g_get_monotonic_time ();

  if (flood->measuring && flood->last_paint_us > 0)
    {
      double interval_ms = (now_us - flood->last_paint_us) / 1000.0;

      g_array_append_val (flood->frame_intervals_ms, interval_ms);
    }
  flood->last_paint_us = now_us;
}

static double
resident_mb (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%lu %lu", &size, &resident);

  return resident * (double) sysconf (_SC_PAGESIZE) / (1024 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpdApplication) app = NULL;
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 0);
  Flood flood = { .next_sequence = 1 };
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 10;
  double rss_before, rss_after, p99_alone;
  int width = 0, height = 0;
  MpdWindow *window;

  if (argc > 2 && sscanf (argv[2], "%dx%d", &width, &height) != 2)
    {
      g_printerr ("usage: gui-flood SECONDS [WIDTHxHEIGHT]\n");
      return 2;
    }

  flood.frame_intervals_ms = g_array_new (FALSE, FALSE, sizeof (double));
  window = bench_open_window ("org.example.MpDemo.Bench.GuiFlood", pipeline, &app);
  g_signal_connect (pipeline, "messages-received", G_CALLBACK (messages_received_cb), &flood);
  g_signal_connect (mpd_window_get_status_bar (window), "notify::text",
                    G_CALLBACK (text_changed_cb), &flood);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &flood);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), bench_paint_every_frame_cb, NULL, NULL);

  /* The window alone: the producer paused, nothing comes. */
  while (!mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);
  mpd_pipeline_set_paused (pipeline, TRUE);
  bench_run_for (1);
  flood.measuring = TRUE;
  bench_run_for (seconds);
  flood.measuring = FALSE;
  p99_alone = bench_percentile (flood.frame_intervals_ms, 0.99);
  g_array_set_size (flood.frame_intervals_ms, 0);
  flood.n_messages = flood.n_text_updates = 0;

  mpd_pipeline_set_paused (pipeline, FALSE);
  bench_run_for (1);
  rss_before = resident_mb ();
  flood.measuring = TRUE;
  bench_run_for (seconds);
  flood.measuring = FALSE;
  rss_after = resident_mb ();

  bench_close_window (app, window);

  printf ("messages %" G_GUINT64_FORMAT " lost %" G_GUINT64_FORMAT " frames %u "
          "frame_p50_ms %.2f frame_p99_ms %.2f text_updates_per_s %.1f rss_growth_mb %.2f "
          "frame_p99_ms_alone %.2f\n",
          flood.n_messages, flood.n_lost, flood.frame_intervals_ms->len,
          bench_percentile (flood.frame_intervals_ms, 0.50),
          bench_percentile (flood.frame_intervals_ms, 0.99),
          flood.n_text_updates / seconds, rss_after - rss_before, p99_alone);
  g_array_unref (flood.frame_intervals_ms);
  return 0;
}
