/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-code-view.c: a lesson's C beside its Python, highlighted, to compare line by line. */

/*
 * The files are the very ones the lesson's programs were built from: the build puts each
 * lesson's files into the program's resources (src/lessons/meson.build), so what a student
 * reads here is what runs. GtkSourceView highlights them, numbers the lines in a margin (so
 * that a line can be talked about by its number, and copied without it), and wraps long lines
 * instead of cutting them off. Its colours follow the window's light or dark style.
 *
 * Nothing is made or loaded until the view is first shown (mapped): a GtkSourceView reads
 * every colour scheme, and the highlighting its language definitions, all XML files, and
 * MpDemo's start did it for a tab that is not in view at start (a tenth of its samples).
 */

#define G_LOG_DOMAIN "mpd-code-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "mpd-a11y.h"
#include "mpd-code-view.h"
#include "mpd-wrap.h"

#define LESSONS_PATH RESOURCE_PREFIX "/lessons/"

struct _MpdCodeView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *intro_label;
  GtkWidget       *file_box;
  GtkDropDown     *file_dropdown;
  GtkStringList   *file_list;
  GtkLabel        *c_title;
  GtkLabel        *python_title;
  GtkScrolledWindow *c_scroller;
  GtkScrolledWindow *python_scroller;
  GtkSourceView   *c_view;       /* made by mpd_code_view_load() */
  GtkSourceView   *python_view;

  /* Borrowed */
  const MpdLesson *lesson;

  gboolean         loaded;  /* the lesson's files are in the views (mpd_code_view_load()) */
};

G_DEFINE_FINAL_TYPE (MpdCodeView, mpd_code_view, GTK_TYPE_WIDGET)

/* Shows resource @path in @view, highlighted as @language_id. */
static gboolean
show_resource (GtkSourceView *view,
               const char    *path,
               const char    *language_id)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextIter start;

  if (bytes == NULL)
    {
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), "", 0);
      return FALSE;
    }

  gtk_source_buffer_set_language (buffer,
                                  gtk_source_language_manager_get_language (languages,
                                                                            language_id));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), g_bytes_get_data (bytes, NULL),
                            (int) g_bytes_get_size (bytes));
  mpd_wrap_keep_korean_words (GTK_TEXT_BUFFER (buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (buffer), &start);
  return TRUE;
}

static void
mpd_code_view_file_selected_cb (MpdCodeView *self,
                                GParamSpec  *pspec,
                                GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autofree char *path = NULL;

  if (!self->loaded || self->lesson == NULL || selected >= MPD_LESSON_MAX_C_FILES ||
      self->lesson->c_files[selected] == NULL)
    return;

  path = g_strconcat (LESSONS_PATH, self->lesson->id, "/", self->lesson->c_files[selected], NULL);
  show_resource (self->c_view, path, "c");
}

/* The colours of the window's style: GtkSourceView's own Adwaita schemes. */
static void
mpd_code_view_follow_style (MpdCodeView *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;
  gboolean dark = FALSE;

  if (!self->loaded)
    return;  /* mpd_code_view_load() will */
  g_object_get (settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark"
                                                                     : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "classic-dark"
                                                                       : "classic");

  for (guint i = 0; i < 2; i++)
    {
      GtkSourceView *view = i == 0 ? self->c_view : self->python_view;

      gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))),
                                          scheme);
    }
}

/* A read-only view of source code, with line numbers, that wraps long lines. */
static GtkSourceView *
new_source_view (GtkScrolledWindow *scroller,
                 const char        *accessible_label)
{
  GtkWidget *view = gtk_source_view_new ();

  g_object_set (view,
                "editable", FALSE,
                "monospace", TRUE,
                "show-line-numbers", TRUE,
                "wrap-mode", GTK_WRAP_WORD_CHAR,
                "left-margin", 6,
                "top-margin", 6,
                NULL);
  gtk_widget_add_css_class (view, "code");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_scrolled_window_set_child (scroller, view);
  return GTK_SOURCE_VIEW (view);
}

/* Puts the lesson's files into the views (made the first time), and their colours, when they
 * are not yet there. */
static void
mpd_code_view_load (MpdCodeView *self)
{
  g_autofree char *python_path = NULL;

  if (self->loaded || self->lesson == NULL)
    return;

  if (self->c_view == NULL)
    {
      gtk_source_init ();
      self->c_view = new_source_view (self->c_scroller, _("C source code"));
      self->python_view = new_source_view (self->python_scroller, _("Python source code"));
    }
  self->loaded = TRUE;
  mpd_code_view_follow_style (self);
  mpd_code_view_file_selected_cb (self, NULL, self->file_dropdown);
  python_path = g_strconcat (LESSONS_PATH, self->lesson->id, "/", self->lesson->python_file,
                             NULL);
  show_resource (self->python_view, python_path, "python3");
}

/**
 * mpd_code_view_set_lesson:
 * @self: a view
 * @lesson: (nullable): the lesson whose files to show
 *
 * Shows the lesson's first C file (a list offers the others, when there are more) beside its
 * Python file: now if the view is on screen, else when it first is.
 */
void
mpd_code_view_set_lesson (MpdCodeView     *self,
                          const MpdLesson *lesson)
{
  guint n_files = 0;

  g_return_if_fail (MPD_IS_CODE_VIEW (self));

  self->lesson = lesson;
  self->loaded = FALSE;
  gtk_string_list_splice (self->file_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->file_list)), NULL);
  if (lesson == NULL)
    return;

  while (n_files < MPD_LESSON_MAX_C_FILES && lesson->c_files[n_files] != NULL)
    gtk_string_list_append (self->file_list, lesson->c_files[n_files++]);
  gtk_widget_set_visible (self->file_box, n_files > 1);
  gtk_label_set_label (self->c_title, n_files > 0 ? lesson->c_files[0] : "");
  gtk_widget_set_visible (GTK_WIDGET (self->c_title), n_files == 1);
  gtk_drop_down_set_selected (self->file_dropdown, 0);
  gtk_label_set_label (self->python_title, lesson->python_file);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mpd_code_view_load (self);
}

/**
 * mpd_code_view_show_file:
 * @self: a view
 * @file_name: one of the lesson's C files, such as "mpd-consumer.c"
 *
 * Returns: %TRUE when @file_name is one of them, and is shown now
 */
gboolean
mpd_code_view_show_file (MpdCodeView *self,
                         const char  *file_name)
{
  g_return_val_if_fail (MPD_IS_CODE_VIEW (self), FALSE);

  for (guint i = 0; self->lesson != NULL && i < MPD_LESSON_MAX_C_FILES &&
                    self->lesson->c_files[i] != NULL; i++)
    if (g_str_equal (self->lesson->c_files[i], file_name))
      {
        gtk_drop_down_set_selected (self->file_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

static char *
dup_text (GtkSourceView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (view == NULL)
    return g_strdup ("");  /* no lesson yet */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
mpd_code_view_dup_c_text (MpdCodeView *self)
{
  g_return_val_if_fail (MPD_IS_CODE_VIEW (self), NULL);

  mpd_code_view_load (self);
  return dup_text (self->c_view);
}

char *
mpd_code_view_dup_python_text (MpdCodeView *self)
{
  g_return_val_if_fail (MPD_IS_CODE_VIEW (self), NULL);

  mpd_code_view_load (self);
  return dup_text (self->python_view);
}

static void
mpd_code_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mpd_code_view_parent_class)->map (widget);
  mpd_code_view_load (MPD_CODE_VIEW (widget));
}

static void
mpd_code_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), MPD_TYPE_CODE_VIEW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mpd_code_view_parent_class)->dispose (object);
}

static void
mpd_code_view_class_init (MpdCodeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_code_view_dispose;
  widget_class->map = mpd_code_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/mpd-code-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, intro_label);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, file_box);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, file_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, file_list);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, c_title);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, python_title);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, c_scroller);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, python_scroller);
  gtk_widget_class_bind_template_callback (widget_class, mpd_code_view_file_selected_cb);
}

static void
mpd_code_view_init (MpdCodeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mpd_wrap_between_words (self->intro_label);

  /* The drop-down is named by its label, "C file"; the button inside it, here. */
  mpd_a11y_label_parts (GTK_WIDGET (self->file_dropdown), GTK_TYPE_TOGGLE_BUTTON,
                        _("C file to show"));

  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)),
                           "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (mpd_code_view_follow_style), self, G_CONNECT_SWAPPED);
}
