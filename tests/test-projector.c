/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-projector.c: the window on a classroom's projector (issue 14, item 1): full screen
 * (F11), a zoom of every text and drawing (Ctrl+plus, Ctrl+minus, Ctrl+0) that is remembered,
 * and the list of lessons hidden (F9), and by itself in a narrow window. Through the actions
 * that the keys activate. A program of its own: one window in its life (see test-settings.c). */

#include "config.h"

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "mpd-drawing.h"
#include "mpd-page-fixture.h"
#include "mpd-ui-test-utils.h"

#define TEST_APP_ID(name) "org.example.MpDemo.ProjectorTest." name
#define DEADLINE_S 20

static gboolean
is_fullscreen (gpointer data)
{
  return gtk_window_is_fullscreen (GTK_WINDOW (data));
}

static gboolean
is_not_fullscreen (gpointer data)
{
  return !gtk_window_is_fullscreen (GTK_WINDOW (data));
}

static gboolean
sidebar_hidden (gpointer data)
{
  return !mpd_window_get_sidebar_visible (MPD_WINDOW (data));
}

static gboolean
sidebar_shown (gpointer data)
{
  return mpd_window_get_sidebar_visible (MPD_WINDOW (data));
}

static gboolean
supports_fullscreen (gpointer data)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (data));

  return GDK_IS_X11_DISPLAY (display) &&
         gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (GDK_X11_DISPLAY (display)),
                                              "_NET_WM_STATE_FULLSCREEN");
}

/* Whether a window manager that can make a window full screen runs (it may be starting). */
static gboolean
mpd_test_wait_for_window_manager (MpdWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (g_getenv ("MPD_TEST_WINDOW_MANAGER") == NULL)
    return supports_fullscreen (window);
  while (!supports_fullscreen (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return supports_fullscreen (window);
}

typedef struct
{
  GtkWidget *widget;
  double     em;
  int        direction;  /* +1: larger than @em, -1: smaller, 0: the same */
} Em;

static gboolean
em_reached (gpointer data)
{
  Em *wanted = data;
  double em = mpd_drawing_get_em (wanted->widget);

  return wanted->direction > 0 ? em > wanted->em
         : wanted->direction < 0 ? em < wanted->em
         : em == wanted->em;
}

static void
wait_for_em (GtkWidget *widget,
             double     em,
             int        direction)
{
  Em wanted = { widget, em, direction };

  mpd_test_wait_until (em_reached, &wanted, DEADLINE_S, "the diagram's text to take the zoom");
}

static int
natural_height (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
test_projector (void)
{
  Fixture fixture = { 0 };
  GSettings *settings;
  GtkWidget *diagram;
  double em, zoomed_em;
  int diagram_height;

  fixture_open (&fixture, TEST_APP_ID ("Projector"), 1000);
  settings = mpd_application_get_settings (fixture.app);
  g_assert_nonnull (settings);
  wait_for_timestamp (mpd_window_get_status_bar (fixture.window));
  diagram = GTK_WIDGET (fixture.diagram);

  /* F11: full screen, and back. The window manager grants it (tests/with-window-manager.sh
   * starts one); without one, nothing can. */
  if (!mpd_test_wait_for_window_manager (fixture.window))
    g_test_message ("no window manager: full screen cannot be granted, not checked");
  else
    {
      activate (&fixture, "win.fullscreen");
      mpd_test_wait_until (is_fullscreen, fixture.window, DEADLINE_S,
                           "the window to be full screen");
      activate (&fixture, "win.fullscreen");
      mpd_test_wait_until (is_not_fullscreen, fixture.window, DEADLINE_S,
                           "the window to leave full screen");
    }

  /* Ctrl+plus: every text larger, the diagram with it; remembered. */
  em = mpd_drawing_get_em (diagram);
  diagram_height = natural_height (diagram);
  activate (&fixture, "win.zoom-in");
  g_assert_cmpfloat_with_epsilon (mpd_window_get_zoom (fixture.window), 1.25, 0.001);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.25, 0.001);
  /* (The new style reaches the widgets at the next frame.) */
  wait_for_em (diagram, em, +1);
  zoomed_em = mpd_drawing_get_em (diagram);
  g_test_message ("a line of the diagram's text: %.0f px, then %.0f px", em, zoomed_em);
  g_assert_cmpfloat (zoomed_em, >, em * 1.15);
  g_assert_cmpint (natural_height (diagram), >, diagram_height * 1.15);

  /* Ctrl+minus, twice, then Ctrl+0: back to the desktop's size. */
  activate (&fixture, "win.zoom-out");
  activate (&fixture, "win.zoom-out");
  g_assert_cmpfloat_with_epsilon (mpd_window_get_zoom (fixture.window), 0.8, 0.001);
  wait_for_em (diagram, em, -1);
  activate (&fixture, "win.zoom-reset");
  g_assert_cmpfloat_with_epsilon (mpd_window_get_zoom (fixture.window), 1.0, 0.001);
  wait_for_em (diagram, em, 0);

  /* The saved zoom is what a window takes (as the next start's does). */
  g_settings_set_double (settings, "zoom", 1.5);
  g_assert_cmpfloat_with_epsilon (mpd_window_get_zoom (fixture.window), 1.5, 0.001);
  g_settings_reset (settings, "zoom");

  /* F9: the list of lessons goes, and comes back; remembered. */
  g_assert_true (mpd_window_get_sidebar_visible (fixture.window));
  activate (&fixture, "win.show-sidebar");
  g_assert_false (mpd_window_get_sidebar_visible (fixture.window));
  g_assert_false (g_settings_get_boolean (settings, "show-sidebar"));
  activate (&fixture, "win.show-sidebar");
  g_assert_true (mpd_window_get_sidebar_visible (fixture.window));

  /* A narrow window hides it by itself, and shows it again when it is wide again. */
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 700, 700);
  mpd_test_wait_until (sidebar_hidden, fixture.window, DEADLINE_S,
                       "the list of lessons to hide in a narrow window");
  g_assert_true (g_settings_get_boolean (settings, "show-sidebar"));
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 800);
  mpd_test_wait_until (sidebar_shown, fixture.window, DEADLINE_S,
                       "the list of lessons to come back in a wide window");

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/projector/full-screen-zoom-and-list", test_projector);

  return g_test_run ();
}
