/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-settings.c: what the window remembers for the next start: its size, the demo's view. */

/*
 * A program of its own: under Xvfb, GTK 4.8 sometimes called a handler of a window that was
 * already destroyed (an invalid cast, found with MALLOC_PERTURB_) once a window of the same
 * process had been resized and another one destroyed before it was shown. mpdemo never does
 * that, as it has one window in its life; here each test run is a process of its own.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-pipeline-page.h"
#include "mpd-test-utils.h"
#include "mpd-window.h"

#define TEST_APP_ID(name) "org.example.MpDemo.SettingsTest." name

static MpdWindow *
new_window (MpdApplication *app)
{
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 1000);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return mpd_window_new (app, pipeline, 0);
}

/* The window's size and the page's view are remembered when it closes, and the next start
 * of the app takes them. */
static void
test_size_and_view_remembered (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("First"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(MpdApplication) next_app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *view = NULL;
  MpdWindow *window = new_window (app);
  MpdWindow *next_window;
  int width, height;

  settings = g_object_ref (mpd_application_get_settings (app));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  /* The user makes it smaller (from 1100 pixels wide), looks at the code, and closes it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 930, 710);
  while (gtk_widget_get_width (GTK_WIDGET (window)) > 1000)
    g_main_context_iteration (NULL, TRUE);
  g_object_set (MPD_PIPELINE_PAGE (mpd_window_get_lesson_view (window, "producer-consumer")), "view", "code", NULL);
  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 930);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 710);
  view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (view, ==, "code");

  /* The next start: its window takes them before it is shown. */
  next_app = mpd_application_new (TEST_APP_ID ("Next"), G_APPLICATION_NON_UNIQUE);
  next_window = new_window (next_app);
  gtk_window_get_default_size (GTK_WINDOW (next_window), &width, &height);
  g_assert_cmpint (width, ==, 930);
  g_assert_cmpint (height, ==, 710);
  g_clear_pointer (&view, g_free);
  g_object_get (MPD_PIPELINE_PAGE (mpd_window_get_lesson_view (next_window, "producer-consumer")), "view", &view, NULL);
  g_assert_cmpstr (view, ==, "code");

  gtk_window_destroy (GTK_WINDOW (next_window));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

/* A saved size out of range (issue 13, item 7: window-width = -5 gave a Gtk-CRITICAL): the
 * schema's range makes GSettings read the default instead, and the real mpdemo, with every
 * critical fatal, shows its messages and quits with 0. */
static void
test_size_out_of_range (void)
{
  g_autofree char *config = g_dir_make_tmp ("mpdemo-settings-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  g_autofree char *glib_folder = g_path_get_dirname (folder);
  const char *argv[] = { mpd_test_program ("MPDEMO_PROGRAM"), "--count", "1", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) mpdemo = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[org/example/MpDemo]\nwindow-width=-5\n"
                                               "window-height=-5\n", -1, NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  mpdemo = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (mpdemo, NULL, &error));
  g_assert_no_error (error);

  g_remove (keyfile);
  g_rmdir (folder);
  g_rmdir (glib_folder);
  g_rmdir (config);
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/settings/size-and-view-remembered", test_size_and_view_remembered);
  g_test_add_func ("/mpd/settings/size-out-of-range", test_size_out_of_range);

  return g_test_run ();
}
