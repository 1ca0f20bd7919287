/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-code-view.c: this page's C source beside the seed's Python, to compare line by line. */

/*
 * The C files are the very ones this program was built from: the build puts them into the
 * program's resources (mpdemo.gresource.xml), so what a student reads here is what runs.
 */

#define G_LOG_DOMAIN "mpd-code-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-a11y.h"
#include "mpd-code-view.h"

#define CODE_PATH RESOURCE_PREFIX "/code/"

/* In the order a message travels, as in the diagram. */
static const char * const c_files[] = {
  "mpdemo-producer.c", "mpd-producer.c", "mpd-message.c", "mpd-queue.c", "mpd-consumer.c",
  "mpd-pipeline.c", "mpd-window.c",
};

struct _MpdCodeView
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkDropDown   *file_dropdown;
  GtkStringList *file_list;
  GtkTextView   *c_view;
  GtkTextView   *python_view;
};

G_DEFINE_FINAL_TYPE (MpdCodeView, mpd_code_view, GTK_TYPE_WIDGET)

/* Shows resource @path in @view, each line with its number, so that two files can be talked
 * about line by line. */
static gboolean
show_resource (GtkTextView *view,
               const char  *path)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GString) numbered = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  guint n_lines;

  if (bytes == NULL)
    return FALSE;

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  if (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    n_lines--;  /* the file's last newline ends a line, it starts none */
  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (numbered, "%4u  %s\n", i + 1, lines[i]);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), numbered->str, -1);
  return TRUE;
}

static void
mpd_code_view_file_selected_cb (MpdCodeView *self,
                                GParamSpec  *pspec,
                                GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autofree char *path = NULL;

  if (selected >= G_N_ELEMENTS (c_files))
    return;

  path = g_strconcat (CODE_PATH, c_files[selected], NULL);
  show_resource (self->c_view, path);
}

/**
 * mpd_code_view_show_file:
 * @self: a view
 * @file_name: one of the C files, such as "mpd-consumer.c"
 *
 * Returns: %TRUE when @file_name is one of them, and is shown now
 */
gboolean
mpd_code_view_show_file (MpdCodeView *self,
                         const char  *file_name)
{
  g_return_val_if_fail (MPD_IS_CODE_VIEW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (c_files); i++)
    if (g_str_equal (c_files[i], file_name))
      {
        gtk_drop_down_set_selected (self->file_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
mpd_code_view_dup_c_text (MpdCodeView *self)
{
  g_return_val_if_fail (MPD_IS_CODE_VIEW (self), NULL);

  return dup_text (self->c_view);
}

char *
mpd_code_view_dup_python_text (MpdCodeView *self)
{
  g_return_val_if_fail (MPD_IS_CODE_VIEW (self), NULL);

  return dup_text (self->python_view);
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/mpd-code-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, file_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, file_list);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, c_view);
  gtk_widget_class_bind_template_child (widget_class, MpdCodeView, python_view);
  gtk_widget_class_bind_template_callback (widget_class, mpd_code_view_file_selected_cb);
}

static void
mpd_code_view_init (MpdCodeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The drop-down is named by its label, "C file"; the button inside it, here. */
  mpd_a11y_label_parts (GTK_WIDGET (self->file_dropdown), GTK_TYPE_TOGGLE_BUTTON,
                        _("C file to show"));

  for (guint i = 0; i < G_N_ELEMENTS (c_files); i++)
    gtk_string_list_append (self->file_list, c_files[i]);

  /* The consumer thread is the heart of the lesson: start there. */
  mpd_code_view_show_file (self, "mpd-consumer.c");
  show_resource (self->python_view, CODE_PATH "seed-004-pyqt.py");
}
