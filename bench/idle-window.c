/* SPDX-License-Identifier: GPL-3.0-or-later */
/* idle-window.c: what the window does while it waits: frames painted, layouts, per message. */

/*
 * idle-window SECONDS: opens MpDemo's window (a display is needed: run it under xvfb-run) with
 * the built-in producer at one message a second, as a classroom leaves it, waits three seconds
 * for it to settle, then for SECONDS counts the frames the window paints (its GdkFrameClock's
 * "after-paint") and the frames in which it had to lay out its widgets ("layout"), and the
 * messages it received. Prints "messages N frames F layouts L frames_per_message X".
 * A page that repaints only what changed paints about one frame per message, and lays out
 * nothing but what grew or shrank.
 */

#include "config.h"

#include <stdio.h>
#include <gtk/gtk.h>

#include "bench-window.h"

typedef struct
{
  gboolean measuring;
  guint64  n_messages;
  guint    n_frames;
  guint    n_layouts;
} Idle;

static void
messages_received_cb (MpdPipeline *pipeline,
                      GArray      *messages,
                      Idle        *idle)
{
  if (idle->measuring)
    idle->n_messages += messages->len;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Idle          *idle)
{
  if (idle->measuring)
    idle->n_frames++;
}

static void
layout_cb (GdkFrameClock *clock,
           Idle          *idle)
{
  if (idle->measuring)
    idle->n_layouts++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpdApplication) app = NULL;
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 1000);
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 10;
  Idle idle = { 0 };
  GdkFrameClock *clock;
  MpdWindow *window;

  window = bench_open_window ("org.example.MpDemo.Bench.IdleWindow", pipeline, &app);
  g_signal_connect (pipeline, "messages-received", G_CALLBACK (messages_received_cb), &idle);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &idle);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), &idle);

  bench_run_for (3);
  idle.measuring = TRUE;
  bench_run_for (seconds);
  idle.measuring = FALSE;

  bench_close_window (app, window);

  printf ("messages %" G_GUINT64_FORMAT " frames %u layouts %u frames_per_message %.2f\n",
          idle.n_messages, idle.n_frames, idle.n_layouts,
          idle.n_messages > 0 ? idle.n_frames / (double) idle.n_messages : 0.0);
  return 0;
}
