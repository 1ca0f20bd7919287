/* SPDX-License-Identifier: GPL-3.0-or-later */
/* latency.c: how long a message takes from the producer's put to the main loop's handler. */

/*
 * latency N [INTERVAL_MS]: runs the pipeline as the app does (mpdemo-producer, pipe, consumer
 * thread, main loop), with a message every INTERVAL_MS (1: 1 kHz), and for each of N messages
 * takes the CLOCK_MONOTONIC time in the handler minus the time the producer put into it.
 * Both are g_get_monotonic_time(), so the two processes share one clock. Prints
 * "messages N p50_us X p99_us Y max_us Z".
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <gio/gio.h>

#include "bench-utils.h"
#include "mpd-pipeline.h"

typedef struct
{
  GArray  *latencies_us;
  guint    wanted;
} Latency;

static void
messages_received_cb (MpdPipeline *pipeline,
                      GArray      *messages,
                      Latency     *latency)
{
  gint64 now_us = g_get_monotonic_time ();

  for (guint i = 0; i < messages->len && latency->latencies_us->len < latency->wanted; i++)
    {
      gint64 sent_us = g_array_index (messages, MpdMessage, i).monotonic_time_us;
      double delta_us = (double) (now_us - sent_us);

      g_array_append_val (latency->latencies_us, delta_us);
    }
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL);
  *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  Latency latency = { 0 };
  g_autoptr(MpdPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (argc < 2)
    {
      g_printerr ("usage: latency N [INTERVAL_MS]\n");
      return 2;
    }
  latency.wanted = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  latency.latencies_us = g_array_sized_new (FALSE, FALSE, sizeof (double), latency.wanted);

  pipeline = mpd_pipeline_new (NULL, argc > 2 ? (guint) atoi (argv[2]) : 1);
  g_signal_connect (pipeline, "messages-received", G_CALLBACK (messages_received_cb), &latency);
  if (!mpd_pipeline_start (pipeline, &error))
    g_error ("%s", error->message);

  while (latency.latencies_us->len < latency.wanted && mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);

  mpd_pipeline_stop_async (pipeline, NULL, stopped_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  if (latency.latencies_us->len < latency.wanted)
    g_error ("the pipeline stopped after %u messages", latency.latencies_us->len);

  printf ("messages %u p50_us %.1f p99_us %.1f max_us %.1f\n", latency.latencies_us->len,
          bench_percentile (latency.latencies_us, 0.50),
          bench_percentile (latency.latencies_us, 0.99),
          bench_percentile (latency.latencies_us, 1.0));
  g_array_unref (latency.latencies_us);
  return 0;
}
