/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window.h: MpDemo's real window, opened and closed by a benchmark, and time passing. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-window.h"

static gboolean
bench_set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A tick callback that makes @widget paint a frame at every tick of its clock. */
static inline gboolean
bench_paint_every_frame_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for @seconds. */
static inline void
bench_run_for (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (seconds * 1000), bench_set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Opens the window, as mpdemo does, for @pipeline; returns it once it has a frame clock. */
static inline MpdWindow *
bench_open_window (const char      *app_id,
                   MpdPipeline     *pipeline,
                   MpdApplication **app)
{
  MpdWindow *window;

  mpd_application_choose_renderer ();
  gtk_init ();
  *app = mpd_application_new (app_id, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (*app), NULL, NULL);

  window = mpd_window_new (*app, pipeline, 0);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return window;
}

/* Closes @window; its producers are reaped and its thread joined before it goes. */
static inline void
bench_close_window (MpdApplication *app,
                    MpdWindow      *window)
{
  gtk_window_close (GTK_WINDOW (window));
  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    g_main_context_iteration (NULL, TRUE);
}
