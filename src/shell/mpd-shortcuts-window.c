/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-shortcuts-window.c: the keyboard shortcuts of a window, listed (Ctrl+?). */

/*
 * GtkShortcutsWindow is deprecated in GTK 4.18, so this is a plain window with a list.
 *
 * The list is not written twice: only each action's title is written here. Its keys are
 * looked up where they are set, so the window never shows a shortcut that does not work:
 * the application's accelerators (app.quit, Ctrl+Q) from gtk_application_get_accels_for_action(),
 * and the window's key bindings from its shortcut controllers: its own (Ctrl+E), and those
 * of the lesson shown (pipeline.stop, Ctrl+S), which the window binds from the lesson's
 * description.
 */

#define G_LOG_DOMAIN "mpd-shortcuts-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mpd-shortcuts-window.h"
#include "mpd-window.h"
#include "mpd-wrap.h"

struct _MpdShortcutsWindow
{
  GtkWindow  parent_instance;

  /* Template widgets */
  GtkBox    *sections;
};

G_DEFINE_FINAL_TYPE (MpdShortcutsWindow, mpd_shortcuts_window, GTK_TYPE_WINDOW)

/* The window's own keys; the lesson shown has its own (mpd_window_get_shortcuts()). */
static const MpdLessonShortcut general[] = {
  { "win.find-lesson", NULL, N_("Find a lesson") },
  { "win.show-sidebar", NULL, N_("Show or hide the list of lessons") },
  { "win.fullscreen", NULL, N_("Full screen") },
  { "win.zoom-in", NULL, N_("Larger text and drawings") },
  { "win.zoom-out", NULL, N_("Smaller text and drawings") },
  { "win.zoom-reset", NULL, N_("Text and drawings at their normal size") },
  { "app.shortcuts", NULL, N_("Keyboard shortcuts") },
  { "window.close", NULL, N_("Close the window") },
  { "app.quit", NULL, N_("Quit") },
  { NULL }
};

/* The accelerators (as gtk_accelerator_name() writes them) that activate @action in
 * @window: the application's, or else the window's key bindings. */
static GStrv
mpd_shortcuts_window_find_accels (GtkWindow  *window,
                                  const char *action)
{
  GtkApplication *application = gtk_window_get_application (window);
  g_autoptr(GStrvBuilder) accels = g_strv_builder_new ();
  g_autoptr(GListModel) controllers = NULL;

  if (application != NULL)
    {
      g_auto(GStrv) app_accels = gtk_application_get_accels_for_action (application, action);

      if (app_accels[0] != NULL)
        return g_steal_pointer (&app_accels);
    }

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *shortcut_action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *name = NULL;

          if (!GTK_IS_NAMED_ACTION (shortcut_action) ||
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (shortcut_action)),
                         action) != 0 ||
              !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;

          name = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                       gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          g_strv_builder_add (accels, name);
        }
    }

  return g_strv_builder_end (accels);
}

/* One key of a shortcut, drawn as a key of a keyboard. */
static GtkWidget *
mpd_shortcuts_window_keycap (const char *key)
{
  GtkWidget *label = gtk_label_new (key);

  gtk_widget_add_css_class (label, "keycap");
  return label;
}

/* The keys of a shortcut, one string each, Ctrl first, then Shift, Alt and Super, then the
 * key itself: "Ctrl", "Shift", "N", in the user's language. (Not GTK's "Shift+Ctrl+N" split
 * at each "+": the key may be "+" itself.) */
static GStrv
mpd_shortcuts_window_dup_keys (guint           keyval,
                               GdkModifierType modifiers)
{
  static const GdkModifierType order[] = { GDK_CONTROL_MASK, GDK_SHIFT_MASK, GDK_ALT_MASK,
                                           GDK_SUPER_MASK };
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autofree char *key = gtk_accelerator_get_label (keyval, 0);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (modifiers & order[i])
      {
        /* GTK's label of a lone modifier, such as "Ctrl", translated. */
        g_autofree char *name = gtk_accelerator_get_label (0, order[i]);

        if (g_str_has_suffix (name, "+"))
          name[strlen (name) - 1] = '\0';
        g_strv_builder_add (keys, name);
      }
  g_strv_builder_add (keys, key);
  return g_strv_builder_end (keys);
}

static GtkWidget *
mpd_shortcuts_window_row (const char        *title,
                          const char * const *accels)
{
  g_autoptr(GString) spoken = g_string_new (title);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *keys = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  mpd_wrap_between_words (GTK_LABEL (label));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), keys);

  for (guint i = 0; accels[i] != NULL; i++)
    {
      GtkWidget *accel = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      guint keyval;
      GdkModifierType modifiers;
      g_autofree char *text = NULL;
      g_auto(GStrv) parts = NULL;

      if (!gtk_accelerator_parse (accels[i], &keyval, &modifiers))
        continue;

      /* "Ctrl+Shift+N", as the tooltips and the README write it (GTK would write
       * "Shift+Ctrl+N"): one keycap for each of its keys. */
      parts = mpd_shortcuts_window_dup_keys (keyval, modifiers);
      text = g_strjoinv ("+", parts);
      for (guint j = 0; parts[j] != NULL; j++)
        gtk_box_append (GTK_BOX (accel), mpd_shortcuts_window_keycap (parts[j]));
      gtk_box_append (GTK_BOX (keys), accel);

      g_string_append_printf (spoken, i == 0 ? ": %s" : ", %s", text);
    }

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* A screen reader reads the row as one sentence: "Quit: Ctrl+Q". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str,
                                  -1);
  return row;
}

static void
mpd_shortcuts_window_add_section (MpdShortcutsWindow      *self,
                                  GtkWindow               *window,
                                  const char              *title,
                                  const MpdLessonShortcut *shortcuts)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (column), heading);
  gtk_box_append (self->sections, column);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "shortcuts");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  for (const MpdLessonShortcut *s = shortcuts; s->action != NULL; s++)
    {
      g_auto(GStrv) accels = mpd_shortcuts_window_find_accels (window, s->action);

      if (accels[0] == NULL)
        {
          g_warning ("No key is bound to the action %s", s->action);
          continue;
        }
      /* The first key only: the others are the same on the keypad, or a variant such as
       * Ctrl+= for Ctrl++ (and the list must fit a 1024×768 screen). */
      gtk_list_box_append (GTK_LIST_BOX (list),
                           mpd_shortcuts_window_row (_(s->title),
                                                     (const char *[]) { accels[0], NULL }));
    }

  gtk_box_append (GTK_BOX (column), list);
}

static void
mpd_shortcuts_window_fill (MpdShortcutsWindow *self,
                           GtkWindow          *window)
{
  if (MPD_IS_WINDOW (window) && mpd_window_get_shown_lesson (MPD_WINDOW (window)) != NULL)
    mpd_shortcuts_window_add_section (self, window,
                                      _(mpd_window_get_shown_lesson (MPD_WINDOW (window))->title),
                                      mpd_window_get_shortcuts (MPD_WINDOW (window)));
  mpd_shortcuts_window_add_section (self, window, _("General"), general);
}

static void
mpd_shortcuts_window_class_init (MpdShortcutsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mpd-shortcuts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdShortcutsWindow, sections);
}

static void
mpd_shortcuts_window_init (MpdShortcutsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mpd_shortcuts_window_new:
 * @window: the window whose shortcuts to list; it is the new window's parent
 *
 * Returns: (transfer none): a new window, destroyed when it is closed
 */
GtkWindow *
mpd_shortcuts_window_new (GtkWindow *window)
{
  MpdShortcutsWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (MPD_TYPE_SHORTCUTS_WINDOW,
                       "transient-for", window,
                       "application", gtk_window_get_application (window),
                       NULL);
  mpd_shortcuts_window_fill (self, window);

  return GTK_WINDOW (self);
}
