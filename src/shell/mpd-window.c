/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-window.c: the main window: the lessons, the lesson shown, and the status bar. */

/*
 * The window is a shell: it names no lesson. On the left, every lesson of the list that the
 * build wrote (src/lessons/meson.build), grouped by chapter, with a search field that filters
 * as you type (Ctrl+E). On the right, the page of the lesson chosen: the generic lesson page
 * (MpdLessonPage), or the page of its own that a lesson declares. Pages are made when first
 * shown, so thirty lessons cost nothing until they are opened.
 *
 * The lesson shown owns the window's keys: its actions are put into the window, and its
 * shortcuts bound there, so that they work wherever the focus is. Choosing another lesson
 * ends the run of the one before.
 *
 * For a classroom's projector, the window goes full screen (F11), zooms every text and drawing
 * (Ctrl+plus, Ctrl+minus, Ctrl+0: a font size for the whole window, which the diagrams
 * measure themselves by), and hides the list of lessons (F9; by itself while the window is
 * too narrow for it). The zoom and the list are remembered.
 *
 * Closing the window does not simply destroy it: the window hides, asks every page to end its
 * run, and is destroyed only once no process of any run is left and every thread is joined.
 * The application quits when its last window is gone, so nothing is left running behind it.
 */

#define G_LOG_DOMAIN "mpd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-a11y.h"
#include "mpd-lesson-page.h"
#include "mpd-lesson-pages.h"
#include "mpd-window.h"
#include "mpd-wrap.h"

struct _MpdWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *sidebar;
  GtkSearchEntry       *search_entry;
  GtkListBox           *lesson_list;
  GtkWidget            *no_match_label;
  GtkStack             *stack;
  MpdStatusBar         *status_bar;

  /* Owned */
  MpdPipeline          *pipeline;            /* the command line's, for the pipeline lesson */
  GSettings            *settings;            /* NULL without the installed schema */
  GtkShortcutController *shortcuts;          /* the keys of the lesson shown */
  char                 *actions_prefix;      /* its actions' group, put into the window */
  GtkCssProvider       *zoom_css;            /* the window's font size, for the zoom */

  /* Borrowed */
  const MpdLesson      *shown;

  guint64               max_messages;
  double                zoom;
  guint                 narrow_id;           /* the idle that shows or hides the list */
  guint                 show_sidebar : 1;    /* as the user wants it */
  guint                 narrow : 1;          /* too narrow for the list: hidden anyway */
  guint                 closing : 1;
};

enum {
  PROP_0,
  PROP_PIPELINE,
  PROP_MAX_MESSAGES,
  PROP_ZOOM,
  PROP_SHOW_SIDEBAR,
  N_PROPS
};

/* The zoom's steps (Ctrl+plus, Ctrl+minus), and its range, as the schema's. */
#define ZOOM_STEP 1.25
#define ZOOM_MIN  0.5
#define ZOOM_MAX  3.0

/* Below this width, the lesson's page needs the room of the list of lessons. */
#define NARROW_WIDTH 860

G_DEFINE_FINAL_TYPE (MpdWindow, mpd_window, GTK_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static const MpdLesson *
row_get_lesson (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "mpd-lesson");
}

/* A chapter's title above its first lesson. */
static void
mpd_window_header_func (GtkListBoxRow *row,
                        GtkListBoxRow *before,
                        gpointer       user_data)
{
  const MpdLesson *lesson = row_get_lesson (row);
  GtkWidget *header;

  if (before != NULL && row_get_lesson (before)->chapter == lesson->chapter)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (mpd_chapter_get_title (lesson->chapter));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_top (header, before != NULL ? 12 : 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_list_box_row_set_header (row, header);
}

static gboolean
mpd_window_filter_func (GtkListBoxRow *row,
                        gpointer       user_data)
{
  MpdWindow *self = MPD_WINDOW (user_data);

  return mpd_lesson_matches (row_get_lesson (row),
                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Chapters in their order, and lessons in the order of the list within each: a chapter with
 * no lesson has no row, so it is not shown at all. */
static int
mpd_window_sort_func (GtkListBoxRow *row1,
                      GtkListBoxRow *row2,
                      gpointer       user_data)
{
  const MpdLesson *a = row_get_lesson (row1);
  const MpdLesson *b = row_get_lesson (row2);

  if (a->chapter != b->chapter)
    return a->chapter < b->chapter ? -1 : 1;
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row1), "mpd-order")) -
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row2), "mpd-order"));
}

static GtkListBoxRow *
mpd_window_find_row (MpdWindow  *self,
                     const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lesson_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_str_equal (row_get_lesson (GTK_LIST_BOX_ROW (child))->id, id))
      return GTK_LIST_BOX_ROW (child);

  return NULL;
}

static void
mpd_window_search_changed_cb (MpdWindow      *self,
                              GtkSearchEntry *entry)
{
  gboolean any = FALSE;

  gtk_list_box_invalidate_filter (self->lesson_list);
  gtk_list_box_invalidate_headers (self->lesson_list);

  for (guint i = 0; mpd_lesson_get_all (NULL)[i] != NULL; i++)
    any |= mpd_lesson_matches (mpd_lesson_get_all (NULL)[i],
                               gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_widget_set_visible (self->no_match_label, !any);
}

/* Enter in the search field opens the first lesson that matches. */
static void
mpd_window_search_activate_cb (MpdWindow      *self,
                               GtkSearchEntry *entry)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lesson_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      {
        gtk_list_box_select_row (self->lesson_list, GTK_LIST_BOX_ROW (child));
        gtk_widget_grab_focus (child);
        return;
      }
}

static void
mpd_window_stop_search_cb (MpdWindow      *self,
                           GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* The page of @lesson, made now if it is not there yet. */
static MpdLessonView *
mpd_window_ensure_page (MpdWindow       *self,
                        const MpdLesson *lesson)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, lesson->id);
  GType type = G_TYPE_INVALID;

  if (page != NULL)
    return MPD_LESSON_VIEW (page);

  for (const MpdLessonPageType *t = mpd_lesson_page_types; t->id != NULL; t++)
    if (g_str_equal (t->id, lesson->id))
      type = t->get_type ();

  page = type != G_TYPE_INVALID ? g_object_new (type, NULL)
                                : GTK_WIDGET (mpd_lesson_page_new (lesson));
  gtk_stack_add_titled (self->stack, page, lesson->id, _(lesson->title));
  mpd_lesson_view_setup (MPD_LESSON_VIEW (page), self);

  return MPD_LESSON_VIEW (page);
}

/* The keys and actions of the lesson shown reach from anywhere in the window. */
static void
mpd_window_bind_lesson (MpdWindow       *self,
                        const MpdLesson *lesson,
                        MpdLessonView   *view)
{
  const char *prefix = lesson->page_actions != NULL ? lesson->page_actions : "lesson";

  if (self->actions_prefix != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self), self->actions_prefix, NULL);
  g_free (self->actions_prefix);
  self->actions_prefix = g_strdup (prefix);
  gtk_widget_insert_action_group (GTK_WIDGET (self), prefix, mpd_lesson_view_get_actions (view));

  while (g_list_model_get_n_items (G_LIST_MODEL (self->shortcuts)) > 0)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (self->shortcuts), 0);

      gtk_shortcut_controller_remove_shortcut (self->shortcuts, shortcut);
    }
  for (const MpdLessonShortcut *s = mpd_window_get_shortcuts (self); s->action != NULL; s++)
    gtk_shortcut_controller_add_shortcut (self->shortcuts,
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (s->accel),
                                                            gtk_named_action_new (s->action)));
}

static void
mpd_window_row_selected_cb (MpdWindow     *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list)
{
  const MpdLesson *lesson;
  MpdLessonView *view;

  if (row == NULL || self->closing)
    return;

  lesson = row_get_lesson (row);
  if (lesson == self->shown)
    return;

  if (self->shown != NULL)
    mpd_lesson_view_hidden (mpd_window_get_lesson_view (self, self->shown->id));

  view = mpd_window_ensure_page (self, lesson);
  self->shown = lesson;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (view));
  mpd_window_bind_lesson (self, lesson, view);
  mpd_lesson_view_shown (view);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-page", lesson->id);
}

/**
 * mpd_window_show_lesson:
 * @self: a window
 * @id: a lesson's id
 *
 * Returns: %TRUE when there is such a lesson, and it is shown now
 */
gboolean
mpd_window_show_lesson (MpdWindow  *self,
                        const char *id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MPD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((row = mpd_window_find_row (self, id)) == NULL)
    return FALSE;

  gtk_list_box_select_row (self->lesson_list, row);
  return TRUE;
}

/* Focus the search field (Ctrl+E), with what it holds selected. */
static void
mpd_window_find_lesson_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MpdWindow *self = MPD_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * mpd_window_set_zoom:
 * @self: a window
 * @zoom: how large the text and drawings are, 1.0 as the desktop sets them (0.5 to 3.0)
 *
 * Every text of the window is set at @zoom times its size; the diagrams and charts measure
 * themselves by their text (mpd_drawing_get_em()), so they follow.
 */
void
mpd_window_set_zoom (MpdWindow *self,
                     double     zoom)
{
  g_autofree char *css = NULL;
  char percent[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (MPD_IS_WINDOW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;
  self->zoom = zoom;

  /* (CSS reads numbers with a dot, whatever the locale.) */
  g_ascii_formatd (percent, sizeof percent, "%.1f", zoom * 100);
  css = g_strdup_printf ("window.mpd-window { font-size: %s%%; }", percent);
  /* gtk_css_provider_load_from_string() came in GTK 4.12, and replaced the call of 4.8: use
   * it where it exists, whatever API version we ask the headers for. */
#if GTK_CHECK_VERSION (4, 12, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_css_provider_load_from_string (self->zoom_css, css);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_css_provider_load_from_data (self->zoom_css, css, -1);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
mpd_window_get_zoom (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), 1.0);

  return self->zoom;
}

static void
mpd_window_zoom_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MpdWindow *self = MPD_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    mpd_window_set_zoom (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    mpd_window_set_zoom (self, self->zoom / ZOOM_STEP);
  else
    mpd_window_set_zoom (self, 1.0);
}

/* The list of lessons shows when the user wants it and the window has room for it. */
static void
mpd_window_update_sidebar (MpdWindow *self)
{
  gboolean visible = self->show_sidebar && !self->narrow;

  gtk_widget_set_visible (self->sidebar, visible);
}

static gboolean
mpd_window_narrow_cb (gpointer data)
{
  MpdWindow *self = MPD_WINDOW (data);

  self->narrow_id = 0;
  mpd_window_update_sidebar (self);
  return G_SOURCE_REMOVE;
}

/* (Visibility cannot change while GTK allocates sizes: in an idle, right after.) */
static void
mpd_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  MpdWindow *self = MPD_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (mpd_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_id == 0)
        self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, mpd_window_narrow_cb, self, NULL);
    }
}

/**
 * mpd_window_get_sidebar_visible:
 * @self: a window
 *
 * Returns: whether the list of lessons is on screen now
 */
gboolean
mpd_window_get_sidebar_visible (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), FALSE);

  return gtk_widget_get_visible (self->sidebar);
}

/* Start with the list of lessons focused, not a text field (the first thing GTK would pick):
 * a text cursor blinking there would redraw the window twice a second, which costs more than
 * the lesson itself. */
static void
mpd_window_map (GtkWidget *widget)
{
  MpdWindow *self = MPD_WINDOW (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->lesson_list);

  GTK_WIDGET_CLASS (mpd_window_parent_class)->map (widget);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* The window's size, remembered for the next time (a maximized window keeps the size it
 * had before). */
static void
mpd_window_save_size (MpdWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* Within the schema's range: a value outside it would not be saved (nor read back). */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", CLAMP (width, 360, 16384));
      g_settings_set_int (self->settings, "window-height", CLAMP (height, 360, 16384));
    }
}

static void
mpd_window_restore_settings (MpdWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *last = NULL;

  if (application != NULL)
    self->settings = mpd_application_get_settings (MPD_APPLICATION (application));
  if (self->settings == NULL)
    {
      mpd_window_show_lesson (self, "producer-consumer");
      return;
    }

  g_object_ref (self->settings);
  g_settings_bind (self->settings, "zoom", self, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-sidebar", self, "show-sidebar", G_SETTINGS_BIND_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The lesson shown when the window was last closed. One that no longer exists is
   * ignored: the first of the list is shown instead. */
  last = g_settings_get_string (self->settings, "last-page");
  if (!mpd_window_show_lesson (self, last))
    mpd_window_show_lesson (self, mpd_lesson_get_all (NULL)[0]->id);
}

/* Whether a page still has a process running; once none has, the window goes. */
static void
mpd_window_check_closed (MpdWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (MPD_IS_LESSON_VIEW (child) && mpd_lesson_view_get_running (MPD_LESSON_VIEW (child)))
      return;

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
mpd_window_page_running_cb (MpdWindow     *self,
                            GParamSpec    *pspec,
                            MpdLessonView *view)
{
  if (self->closing)
    mpd_window_check_closed (self);
}

static gboolean
mpd_window_close_request (GtkWindow *window)
{
  MpdWindow *self = MPD_WINDOW (window);

  if (self->closing)
    return TRUE;

  mpd_window_save_size (self);

  /* The windows that belong to this one (the shortcuts, About) go with it: left open, they
   * would keep the application running without its window. */
  if (gtk_window_get_application (window) != NULL)
    {
      g_autoptr(GList) windows =
        g_list_copy (gtk_application_get_windows (gtk_window_get_application (window)));

      for (const GList *l = windows; l != NULL; l = l->next)
        if (l->data != window && gtk_window_get_transient_for (l->data) == window)
          gtk_window_destroy (l->data);
    }

  /* Keep the window (and so the application) alive until every run has ended: processes
   * reaped, threads joined. Hide it now, so that closing feels instant. */
  self->closing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (MPD_IS_LESSON_VIEW (child))
      {
        g_signal_connect_object (child, "notify::running",
                                 G_CALLBACK (mpd_window_page_running_cb), self,
                                 G_CONNECT_SWAPPED);
        mpd_lesson_view_stop (MPD_LESSON_VIEW (child));
      }

  mpd_window_check_closed (self);
  return TRUE;
}

static void
mpd_window_constructed (GObject *object)
{
  MpdWindow *self = (MpdWindow *)object;
  guint n_lessons;
  const MpdLesson * const *lessons = mpd_lesson_get_all (&n_lessons);

  G_OBJECT_CLASS (mpd_window_parent_class)->constructed (object);

  for (guint i = 0; i < n_lessons; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (_(lessons[i]->title));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      mpd_wrap_between_words (GTK_LABEL (label));
      gtk_widget_set_margin_start (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_tooltip_text (row, lessons[i]->id);
      g_object_set_data (G_OBJECT (row), "mpd-lesson", (gpointer) lessons[i]);
      g_object_set_data (G_OBJECT (row), "mpd-order", GINT_TO_POINTER (i));
      gtk_list_box_append (self->lesson_list, row);
    }
  gtk_list_box_set_sort_func (self->lesson_list, mpd_window_sort_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->lesson_list, mpd_window_filter_func, self, NULL);
  gtk_list_box_set_header_func (self->lesson_list, mpd_window_header_func, NULL, NULL);
  /* Each row is read by its title, as it is shown. */
  mpd_a11y_label_parts (GTK_WIDGET (self->lesson_list), GTK_TYPE_LIST_BOX_ROW, NULL);
}

static void
mpd_window_dispose (GObject *object)
{
  MpdWindow *self = (MpdWindow *)object;

  /* The pages go first: disposing them ends their runs, and the pipeline's page lets go of
   * the pipeline. Disposing the pipeline then kills and reaps a producer that still runs,
   * and joins the thread: nothing is left behind, even without closing. */
  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_WINDOW);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->actions_prefix, g_free);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  if (self->zoom_css != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->zoom_css));
      g_clear_object (&self->zoom_css);
    }

  G_OBJECT_CLASS (mpd_window_parent_class)->dispose (object);
}

static void
mpd_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MpdWindow *self = MPD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      g_value_set_object (value, self->pipeline);
      break;

    case PROP_MAX_MESSAGES:
      g_value_set_uint64 (value, self->max_messages);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->show_sidebar);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MpdWindow *self = MPD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      self->pipeline = g_value_dup_object (value);
      break;

    case PROP_MAX_MESSAGES:
      self->max_messages = g_value_get_uint64 (value);
      break;

    case PROP_ZOOM:
      mpd_window_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_SHOW_SIDEBAR:
      if (self->show_sidebar != g_value_get_boolean (value))
        {
          self->show_sidebar = g_value_get_boolean (value);
          mpd_window_update_sidebar (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Ctrl with these keys zooms; the first of each is the one the shortcuts window shows. */
static const struct
{
  guint       keyval;
  const char *action;
} zoom_keys[] = {
  { GDK_KEY_plus, "win.zoom-in" },
  { GDK_KEY_equal, "win.zoom-in" },
  { GDK_KEY_KP_Add, "win.zoom-in" },
  { GDK_KEY_minus, "win.zoom-out" },
  { GDK_KEY_KP_Subtract, "win.zoom-out" },
  { GDK_KEY_0, "win.zoom-reset" },
  { GDK_KEY_KP_0, "win.zoom-reset" },
};

static void
mpd_window_class_init (MpdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mpd_window_constructed;
  object_class->dispose = mpd_window_dispose;
  object_class->get_property = mpd_window_get_property;
  object_class->set_property = mpd_window_set_property;

  widget_class->map = mpd_window_map;
  widget_class->size_allocate = mpd_window_size_allocate;
  window_class->close_request = mpd_window_close_request;

  /* The pipeline of the command line (its producer command and interval), for the lesson
   * that runs one. */
  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL,
                         MPD_TYPE_PIPELINE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Close the window after this many messages; 0 for never. */
  properties[PROP_MAX_MESSAGES] =
    g_param_spec_uint64 ("max-messages", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How large the text and drawings are: 1.0 as the desktop sets them. */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         ZOOM_MIN, ZOOM_MAX, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the user wants the list of lessons (a narrow window hides it anyway). */
  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MPD_TYPE_STATUS_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/mpd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, lesson_list);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MpdWindow, status_bar);
  gtk_widget_class_bind_template_callback (widget_class, mpd_window_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mpd_window_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, mpd_window_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, mpd_window_row_selected_cb);

  /* Find a lesson: Ctrl+E (Ctrl+F floods the producer-consumer lesson's pipe). */
  gtk_widget_class_install_action (widget_class, "win.find-lesson", NULL,
                                   mpd_window_find_lesson_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.find-lesson", NULL);

  /* For a projector: full screen, the list of lessons, the zoom. */
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, mpd_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, mpd_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, mpd_window_zoom_action);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, zoom_keys[i].keyval, GDK_CONTROL_MASK,
                                         zoom_keys[i].action, NULL);
}

static void
mpd_window_init (MpdWindow *self)
{
  self->zoom = 1.0;
  self->show_sidebar = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "mpd-window");

  self->zoom_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->zoom_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* The lesson's keys work wherever the focus is: in the capture phase, the window sees them
   * before the focused widget, which would take some for itself (Ctrl+Up and Ctrl+Down move
   * the cursor in the lesson list, and scroll the page). */
  self->shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->shortcuts),
                                              GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->shortcuts));
}

/**
 * mpd_window_new:
 * @application: the application
 * @pipeline: the pipeline that the producer-consumer lesson runs, not started yet
 * @max_messages: close the window after this many messages, or 0 for never
 *
 * Returns: (transfer none): a new window, showing the lesson shown when the last one closed
 */
MpdWindow *
mpd_window_new (MpdApplication *application,
                MpdPipeline    *pipeline,
                guint64         max_messages)
{
  MpdWindow *self;

  g_return_val_if_fail (MPD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MPD_IS_PIPELINE (pipeline), NULL);

  self = g_object_new (MPD_TYPE_WINDOW,
                       "application", application,
                       "pipeline", pipeline,
                       "max-messages", max_messages,
                       NULL);
  /* (GtkWindow:application is set after constructed() has run.) */
  mpd_window_restore_settings (self);

  return self;
}

MpdPipeline *
mpd_window_get_pipeline (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return self->pipeline;
}

guint64
mpd_window_get_max_messages (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), 0);

  return self->max_messages;
}

MpdStatusBar *
mpd_window_get_status_bar (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return self->status_bar;
}

/**
 * mpd_window_get_lesson_view:
 * @self: a window
 * @id: a lesson's id
 *
 * Returns: (transfer none) (nullable): the lesson's page, if it has been shown
 */
MpdLessonView *
mpd_window_get_lesson_view (MpdWindow  *self,
                            const char *id)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return (MpdLessonView *) gtk_stack_get_child_by_name (self->stack, id);
}

const MpdLesson *
mpd_window_get_shown_lesson (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return self->shown;
}

/**
 * mpd_window_get_shortcuts:
 * @self: a window
 *
 * Returns: (transfer none): the keys of the lesson shown, ending with { NULL }
 */
const MpdLessonShortcut *
mpd_window_get_shortcuts (MpdWindow *self)
{
  static const MpdLessonShortcut none[] = { { NULL } };

  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  if (self->shown == NULL)
    return none;
  if (self->shown->shortcuts != NULL)
    return self->shown->shortcuts;
  if (self->shown->page_actions == NULL)
    return mpd_lesson_page_shortcuts;
  return none;
}

GtkEditable *
mpd_window_get_search_entry (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkListBox *
mpd_window_get_lesson_list (MpdWindow *self)
{
  g_return_val_if_fail (MPD_IS_WINDOW (self), NULL);

  return self->lesson_list;
}
