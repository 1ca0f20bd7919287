/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-keyboard.c: the window used from the keyboard (Xvfb): Tab reaches every control, the
 * shortcuts window lists the keys that really are bound, and the About window says who and
 * what. A program of its own: these tests open and destroy extra windows, which GTK 4.8 does
 * not always survive in a process that opens more windows afterwards (see test-settings.c). */

#include "config.h"

#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-pipeline-page.h"
#include "mpd-shortcuts-window.h"
#include "mpd-test-utils.h"
#include "mpd-ui-test-utils.h"
#include "mpd-window.h"

#define TEST_APP_ID(name) "org.example.MpDemo.KeyboardTest." name

static MpdWindow *
open_window (MpdApplication *app)
{
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 1000);
  MpdWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = mpd_window_new (app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_timestamp (mpd_window_get_status_bar (window));
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  return window;
}

static void
close_window (MpdWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

static void
iterate_a_little (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A control that a keyboard user must be able to reach with Tab: every button, text field
 * and switch that can be used now. Left out, as GTK makes them: the small buttons inside a
 * spin button (the Up and Down keys do their work in its text field), and the title bar's
 * minimize, maximize and close buttons (the desktop's keys do theirs: Super+H, Alt+F4). */
static gboolean
is_control (GtkWidget *widget)
{
  if (!(GTK_IS_BUTTON (widget) || GTK_IS_TEXT (widget) || GTK_IS_CHECK_BUTTON (widget) ||
        GTK_IS_SWITCH (widget) ||
        (GTK_IS_LIST_BOX_ROW (widget) &&
         gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))))
    return FALSE;
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON) != NULL && !GTK_IS_TEXT (widget))
    return FALSE;
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL)
    return FALSE;

  return gtk_widget_get_mapped (widget) && gtk_widget_is_sensitive (widget);
}

static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  if (is_control (widget))
    g_ptr_array_add (controls, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, controls);
}

static const char *
describe (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)))
    return gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));
  return G_OBJECT_TYPE_NAME (widget);
}

/* Pressing Tab again and again takes the focus to every control of the window, the menu,
 * the page list, the Live and Code switch and the page's buttons and fields alike, and then
 * back to where it started. */
static void
test_tab_reaches_every_control (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("Tab"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GHashTable) focused = g_hash_table_new (NULL, NULL);
  MpdWindow *window = open_window (app);
  GtkWidget *first = NULL;
  guint steps;

  iterate_a_little ();
  collect_controls (GTK_WIDGET (window), controls);
  g_assert_cmpuint (controls->len, >=, 16);

  for (steps = 0; steps < 500; steps++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);  /* wrapped */
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      g_hash_table_add (focused, focus);
    }
  g_assert_cmpuint (steps, <, 500);  /* round the window, and back to the start */

  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = controls->pdata[i];

      /* A list is one stop for Tab, at its selected row; the arrow keys move between its
       * rows, as in any GTK list. */
      if (GTK_IS_LIST_BOX_ROW (control))
        {
          GHashTableIter iter;
          gpointer widget;
          gboolean list_reached = FALSE;

          g_hash_table_iter_init (&iter, focused);
          while (g_hash_table_iter_next (&iter, &widget, NULL))
            list_reached |= GTK_IS_LIST_BOX_ROW (widget) &&
                            gtk_widget_get_parent (widget) == gtk_widget_get_parent (control);
          if (list_reached)
            continue;
        }
      if (!g_hash_table_contains (focused, control))
        g_error ("Tab never reaches \"%s\" (%s)", describe (control), G_OBJECT_TYPE_NAME (control));
    }
  g_test_message ("Tab reaches all %u controls in %u presses", controls->len, steps);

  close_window (window);
}

typedef struct
{
  char *title;
  char *keys;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->title);
  g_free (row->keys);
}

/* What a row of the shortcuts window shows: its title, and its keycaps joined with "+". */
static void
read_rows (GtkWidget *widget,
           GArray    *rows)
{
  if (GTK_IS_LIST_BOX_ROW (widget))
    {
      g_autoptr(GString) keys = g_string_new (NULL);
      Row row = { 0 };
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget));
      GtkWidget *keycaps = gtk_widget_get_last_child (box);

      row.title = g_strdup (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (box))));
      for (GtkWidget *accel = gtk_widget_get_first_child (keycaps); accel != NULL;
           accel = gtk_widget_get_next_sibling (accel))
        {
          if (keys->len > 0)
            g_string_append (keys, ", ");
          for (GtkWidget *key = gtk_widget_get_first_child (accel); key != NULL;
               key = gtk_widget_get_next_sibling (key))
            {
              g_assert_true (gtk_widget_has_css_class (key, "keycap"));
              g_string_append_printf (keys, "%s%s", key == gtk_widget_get_first_child (accel)
                                                    ? "" : "+",
                                      gtk_label_get_label (GTK_LABEL (key)));
            }
        }
      row.keys = g_string_free (g_steal_pointer (&keys), FALSE);
      g_array_append_val (rows, row);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    read_rows (child, rows);
}

static const char *
keys_of (GArray     *rows,
         const char *title)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (g_array_index (rows, Row, i).title, title))
      return g_array_index (rows, Row, i).keys;
  return NULL;
}

static GtkWindow *
find_window_of_type (MpdApplication *app,
                     GType           type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

/* Ctrl+? opens the list of shortcuts. Each key it shows is the one bound to the action: the
 * window's own key bindings and the application's accelerators. */
static void
test_shortcuts_window (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("Shortcuts"),
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_auto(GStrv) accels = NULL;
  MpdWindow *window = open_window (app);
  GtkWindow *shortcuts;

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.shortcuts");
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  shortcuts = find_window_of_type (app, MPD_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (shortcuts));

  /* Ctrl+? again, from the shortcuts window itself: still one of them. */
  gtk_window_present (shortcuts);
  iterate_a_little ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  read_rows (GTK_WIDGET (shortcuts), rows);
  /* The ten of the producer-consumer lesson, and the window's nine. */
  g_assert_cmpuint (rows->len, ==, 19);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (g_array_index (rows, Row, i).keys, !=, "");

  g_assert_cmpstr (keys_of (rows, "Start, or stop and start again"), ==, "Ctrl+R");
  g_assert_cmpstr (keys_of (rows, "Stop the producers and the thread"), ==, "Ctrl+S");
  g_assert_cmpstr (keys_of (rows, "Pause the producers, or let them go on"), ==, "Ctrl+P");
  g_assert_cmpstr (keys_of (rows, "Halve the interval"), ==, "Ctrl+Up");
  /* Ctrl first, as the tooltips and the README write it (issue 14, item 4). */
  g_assert_cmpstr (keys_of (rows, "One producer fewer"), ==, "Ctrl+Shift+N");
  g_assert_cmpstr (keys_of (rows, "Full screen"), ==, "F11");
  g_assert_cmpstr (keys_of (rows, "Larger text and drawings"), ==, "Ctrl++");
  g_assert_cmpstr (keys_of (rows, "Show or hide the list of lessons"), ==, "F9");
  g_assert_cmpstr (keys_of (rows, "Text and drawings at their normal size"), ==, "Ctrl+0");
  g_assert_cmpstr (keys_of (rows, "Keyboard shortcuts"), ==, "Ctrl+?");
  g_assert_cmpstr (keys_of (rows, "Find a lesson"), ==, "Ctrl+E");
  g_assert_cmpstr (keys_of (rows, "Close the window"), ==, "Ctrl+W");
  g_assert_cmpstr (keys_of (rows, "Quit"), ==, "Ctrl+Q");

  /* Escape closes it; the main window stays. */
  g_object_add_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &shortcuts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shortcuts), "window.close", NULL));
  while (shortcuts != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  close_window (window);
}

/* The About window: name, version, licence, the people, and the translators. */
static void
test_about (void)
{
  g_autoptr(MpdApplication) app = mpd_application_new (TEST_APP_ID ("About"),
                                                       G_APPLICATION_NON_UNIQUE);
  MpdWindow *window = open_window (app);
  GtkAboutDialog *about = NULL;
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_ABOUT_DIALOG (toplevel))
        about = GTK_ABOUT_DIALOG (toplevel);
    }
  g_assert_nonnull (about);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (about)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  g_assert_cmpstr (gtk_about_dialog_get_program_name (about), ==, "MpDemo");
  g_assert_cmpstr (gtk_about_dialog_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (gtk_about_dialog_get_logo_icon_name (about), ==, APP_ID);
  g_assert_cmpint (gtk_about_dialog_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (gtk_about_dialog_get_authors (about));
  g_assert_nonnull (gtk_about_dialog_get_artists (about));
  g_assert_nonnull (gtk_about_dialog_get_website (about));
  g_assert_nonnull (gtk_about_dialog_get_translator_credits (about));

  gtk_window_close (GTK_WINDOW (about));
  iterate_a_little ();
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/keyboard/tab-reaches-every-control", test_tab_reaches_every_control);
  g_test_add_func ("/mpd/keyboard/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/mpd/keyboard/about", test_about);

  return g_test_run ();
}
