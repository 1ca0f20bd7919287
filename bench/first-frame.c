/* SPDX-License-Identifier: GPL-3.0-or-later */
/* first-frame.c: the least a GTK 4 app can do to show a timestamp: the floor of MpDemo's start. */

/*
 * first-frame: a GtkApplication whose window holds one label with the time, and nothing else:
 * no sidebar, no pages, no producer, no thread. It says "The first timestamp is on screen" on
 * stdout when its first frame has been painted (its GdkFrameClock's "after-paint"), as MpDemo
 * does, then waits to be stopped. It chooses its renderer as MpDemo does
 * (mpd_application_choose_renderer()) and opens at MpDemo's default size, so that what it
 * takes is what GTK itself takes on this machine to start, load its theme and paint a window
 * of that size: bench/run.py measures the time from launch to that line beside MpDemo's and
 * the seed's.
 */

#include "config.h"

#include <stdio.h>
#include <gtk/gtk.h>

#include "mpd-application.h"

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, data);
  printf ("The first timestamp is on screen\n");
  fflush (stdout);
}

static void
activate_cb (GtkApplication *app,
             gpointer        data)
{
  GtkWidget *window = gtk_application_window_new (app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 820);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new (text));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  mpd_application_choose_renderer ();
  app = gtk_application_new ("org.example.MpDemo.FirstFrame", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
