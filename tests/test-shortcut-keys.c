/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shortcut-keys.c: every key that the shortcuts window lists for the Producer / Consumer
 * page works wherever the focus is (issue 14, item 4): pressed for real, through the X server
 * (XTest, with xdotool), from the lesson list, the search field, the command field, a button
 * and the interval field. A program of its own: it needs the X server's keyboard focus. */

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>

#include "mpd-lesson.h"
#include "mpd-page-fixture.h"
#include "mpd-ui-test-utils.h"

#define TEST_APP_ID(name) "org.example.MpDemo.ShortcutKeysTest." name
#define DEADLINE_S 20

typedef struct
{
  GHashTable *n_activations;  /* action name → how many times it was activated */
} Counts;

static void
action_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     Counts        *counts)
{
  const char *name = g_action_get_name (G_ACTION (action));
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts->n_activations, name));

  g_hash_table_insert (counts->n_activations, (gpointer) name, GUINT_TO_POINTER (n + 1));
}

static guint
n_activations (Counts     *counts,
               const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts->n_activations, name));
}

/* "<Control><Shift>n" as xdotool writes it: "ctrl+shift+n". */
static char *
xdotool_keys (const char *accelerator)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  GdkModifierType modifiers;
  guint keyval;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  if (modifiers & GDK_CONTROL_MASK)
    g_string_append (keys, "ctrl+");
  if (modifiers & GDK_SHIFT_MASK)
    g_string_append (keys, "shift+");
  if (modifiers & GDK_ALT_MASK)
    g_string_append (keys, "alt+");
  g_string_append (keys, gdk_keyval_name (keyval));
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

typedef struct
{
  gboolean done;
  gboolean succeeded;
} Spawned;

static void
xdotool_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Spawned *spawned = user_data;

  spawned->succeeded = g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, NULL);
  spawned->done = TRUE;
}

/* Runs xdotool with @args while this process's main loop goes on, so that the window gets the
 * keys as they come. Returns whether it succeeded. */
static gboolean
xdotool_try (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Spawned spawned = { FALSE };

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, xdotool_done_cb, &spawned);
  while (!spawned.done)
    g_main_context_iteration (NULL, TRUE);
  return spawned.succeeded;
}

static void
xdotool (const char * const *args)
{
  g_assert_true (xdotool_try (args));
}

static gboolean
focused_by_x (gpointer data)
{
  return xdotool_try ((const char *[]) { "windowfocus", "--sync", data, NULL });
}

static gboolean
can_act (gpointer data)
{
  Fixture *fixture = data;
  GActionGroup *actions = mpd_lesson_view_get_actions (MPD_LESSON_VIEW (fixture->page));

  /* Stop is enabled while a run goes on and is not being stopped. */
  return mpd_pipeline_get_running (fixture->pipeline) &&
         g_action_group_get_action_enabled (actions, "stop");
}

static gboolean
stopped (gpointer data)
{
  Fixture *fixture = data;
  GActionGroup *actions = mpd_lesson_view_get_actions (MPD_LESSON_VIEW (fixture->page));

  return !mpd_pipeline_get_running (fixture->pipeline) &&
         g_action_group_get_action_enabled (actions, "restart");
}

typedef struct
{
  Counts     *counts;
  const char *name;
  guint       expected;
} Activation;

static gboolean
activated (gpointer data)
{
  Activation *activation = data;

  return n_activations (activation->counts, activation->name) >= activation->expected;
}

/* Presses the key of pipeline.@name, and waits until the action has been activated. */
static void
press (Fixture    *fixture,
       Counts     *counts,
       const char *name)
{
  const MpdLesson *lesson = mpd_lesson_find ("producer-consumer");
  g_autofree char *action = g_strconcat ("pipeline.", name, NULL);
  g_autofree char *keys = NULL;
  Activation activation = { counts, name, n_activations (counts, name) + 1 };

  for (const MpdLessonShortcut *s = lesson->shortcuts; s->action != NULL; s++)
    if (g_str_equal (s->action, action))
      keys = xdotool_keys (s->accel);
  g_assert_nonnull (keys);

  xdotool ((const char *[]) { "key", "--clearmodifiers", keys, NULL });
  mpd_test_wait_until (activated, &activation, DEADLINE_S, action);
}

/* Every key of the lesson, in an order that leaves each one something to do: the run goes on
 * between them, and is running again at the end. */
static void
press_every_key (Fixture *fixture,
                 Counts  *counts)
{
  static const char * const while_running[] = {
    "pause", "pause", "faster", "slower", "flood", "flood", "slow-consumer", "slow-consumer",
    "more-producers", "fewer-producers",
  };
  guint interval = mpd_pipeline_get_interval (fixture->pipeline);

  press (fixture, counts, "restart");
  mpd_test_wait_until (can_act, fixture, DEADLINE_S, "the run to start again");
  for (guint i = 0; i < G_N_ELEMENTS (while_running); i++)
    {
      press (fixture, counts, while_running[i]);
      /* Ctrl+Up halves the interval (issue 14: it never got there). */
      if (g_str_equal (while_running[i], "faster"))
        g_assert_cmpuint (mpd_pipeline_get_interval (fixture->pipeline), ==, interval / 2);
      mpd_test_wait_until (can_act, fixture, DEADLINE_S, "the run to go on");
    }
  g_assert_cmpuint (mpd_pipeline_get_interval (fixture->pipeline), ==, interval);

  press (fixture, counts, "kill");
  mpd_test_wait_until (stopped, fixture, DEADLINE_S, "the run to end after Kill");
  press (fixture, counts, "restart");
  mpd_test_wait_until (can_act, fixture, DEADLINE_S, "the run to start");
  press (fixture, counts, "stop");
  mpd_test_wait_until (stopped, fixture, DEADLINE_S, "the run to end after Stop");
  press (fixture, counts, "restart");
  mpd_test_wait_until (can_act, fixture, DEADLINE_S, "the run to start");
}

static GtkWidget *
find_search_entry (GtkWidget *window)
{
  return find_widget (window, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
}

static gboolean
is_selected_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (widget));
}

static void
test_every_key_from_everywhere (void)
{
  Fixture fixture = { 0 };
  Counts counts = { g_hash_table_new (g_str_hash, g_str_equal) };
  GActionGroup *actions;
  g_autofree char *xid = NULL;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  GtkWidget *focus[5];
  const char *focus_names[] = { "the lesson list", "the search field", "the command field",
                                "the Stop button", "the interval field" };

  if (xdotool_path == NULL)
    {
      g_test_skip ("xdotool is not installed (build-aux/dev.sh test installs it)");
      return;
    }

  fixture_open (&fixture, TEST_APP_ID ("Every"), 1000);
  wait_for_timestamp (mpd_window_get_status_bar (fixture.window));
  if (!GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (fixture.window))))
    {
      g_test_skip ("the keys are pressed through an X server");
      fixture_close (&fixture);
      return;
    }

  actions = mpd_lesson_view_get_actions (MPD_LESSON_VIEW (fixture.page));
  g_assert_true (G_IS_ACTION_MAP (actions));
  for (const MpdLessonShortcut *s = mpd_lesson_find ("producer-consumer")->shortcuts;
       s->action != NULL; s++)
    g_signal_connect (g_action_map_lookup_action (G_ACTION_MAP (actions),
                                                  s->action + strlen ("pipeline.")),
                      "activate", G_CALLBACK (action_activated_cb), &counts);

  /* The X server's keyboard focus on our window. */
  xid = g_strdup_printf ("%lu", (unsigned long)
                         gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (fixture.window))));
  /* (The window manager may not have shown the window yet: X refuses the focus until then.) */
  mpd_test_wait_until (focused_by_x, xid, DEADLINE_S, "the X server to give the window the focus");

  focus[0] = find_widget (GTK_WIDGET (fixture.window), is_selected_row, NULL);
  focus[1] = find_search_entry (GTK_WIDGET (fixture.window));
  focus[2] = GTK_WIDGET (mpd_pipeline_page_get_command_editable (fixture.page));
  focus[3] = find_actionable (GTK_WIDGET (fixture.window), "pipeline.stop");
  focus[4] = GTK_WIDGET (mpd_pipeline_page_get_interval_spin (fixture.page));

  for (guint i = 0; i < G_N_ELEMENTS (focus); i++)
    {
      g_assert_nonnull (focus[i]);
      g_test_message ("the keys, with the focus in %s", focus_names[i]);
      g_assert_true (gtk_widget_grab_focus (focus[i]));
      press_every_key (&fixture, &counts);
      /* The keys went to the actions, not to the focused widget (Ctrl+Up did not move the
       * list's cursor away): the focus is still there. (The Stop button loses it while it is
       * disabled, between a run and the next; the interval field, while Flood hides it.) */
      if (i < 3)
        g_assert_true (gtk_widget_has_focus (focus[i]) ||
                       gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)),
                                               focus[i]));
    }

  g_hash_table_unref (counts.n_activations);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/shortcut-keys/every-key-from-everywhere", test_every_key_from_everywhere);

  return g_test_run ();
}
