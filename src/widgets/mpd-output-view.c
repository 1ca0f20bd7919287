/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-output-view.c: a program's output as a terminal shows it, stderr marked. */

/*
 * Output comes in pieces as the program writes them, from stdout and stderr in the order
 * they arrive, and is shown in that order, the stderr pieces in red. A flood of output must
 * not become one redraw per line: pieces are only put aside as they come, and added to the
 * text at most twenty times a second. Only the newest MAX_CHARS characters are kept, so a
 * program that prints for ever costs the same memory after an hour as after a minute.
 *
 * The newest line is kept in view, as in a terminal, while the student has not scrolled up to
 * read an older one: when the text grows (the adjustment's "changed"), the view jumps to its
 * end. It jumps rather than glides. gtk_text_view_scroll_to_mark() would glide, with an
 * animation on the frame clock, and GTK 4.8 warns when the window is closed or another lesson
 * shown while such an animation runs ("g_signal_handler_disconnect: assertion 'handler_id > 0'
 * failed", from gtk_adjustment_enable_animation()); a jump has no animation to cut short.
 */

#define G_LOG_DOMAIN "mpd-output-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-output-view.h"

#define FLUSH_MS  50
#define MAX_CHARS 200000

typedef struct
{
  gboolean  is_stderr;
  GString  *text;
} Piece;

struct _MpdOutputView
{
  GtkWidget      parent_instance;

  /* Owned */
  GtkWidget     *scrolled;
  GtkTextView   *text_view;
  GtkTextTag    *stderr_tag;
  GArray        *pending;      /* of Piece */
  guint          flush_id;
  gboolean       follow;       /* the end is in view: keep it there as the text grows */
};

G_DEFINE_FINAL_TYPE (MpdOutputView, mpd_output_view, GTK_TYPE_WIDGET)

static void
piece_clear (gpointer data)
{
  Piece *piece = data;

  g_string_free (piece->text, TRUE);
}

/**
 * mpd_output_view_flush:
 * @self: a view
 *
 * Shows at once what has come and is not shown yet.
 */
void
mpd_output_view_flush (MpdOutputView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;
  int n_chars;

  g_return_if_fail (MPD_IS_OUTPUT_VIEW (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->pending->len == 0)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  for (guint i = 0; i < self->pending->len; i++)
    {
      Piece *piece = &g_array_index (self->pending, Piece, i);
      /* Bytes that are not UTF-8 (a program may print anything) are shown as U+FFFD. */
      g_autofree char *valid = g_utf8_make_valid (piece->text->str, (gssize) piece->text->len);

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (piece->is_stderr)
        gtk_text_buffer_insert_with_tags (buffer, &end, valid, -1, self->stderr_tag, NULL);
      else
        gtk_text_buffer_insert (buffer, &end, valid, -1);
    }
  g_array_set_size (self->pending, 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  n_chars = gtk_text_buffer_get_char_count (buffer);
  if (n_chars > MAX_CHARS)
    {
      GtkTextIter start, cut;

      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_get_iter_at_offset (buffer, &cut, n_chars - MAX_CHARS);
      gtk_text_iter_forward_line (&cut);
      gtk_text_buffer_delete (buffer, &start, &cut);
    }
}

/* The text grew or shrank, once laid out: keep its end in view if it was. */
static void
on_adjustment_changed (GtkAdjustment *adjustment,
                       MpdOutputView *self)
{
  if (self->follow)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                          gtk_adjustment_get_page_size (adjustment));
}

/* The student scrolled (or the view jumped to the end): follow the end only from the end. */
static void
on_adjustment_value_changed (GtkAdjustment *adjustment,
                             MpdOutputView *self)
{
  self->follow = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
                 >= gtk_adjustment_get_upper (adjustment) - 1;
}

static gboolean
mpd_output_view_flush_cb (gpointer data)
{
  MpdOutputView *self = MPD_OUTPUT_VIEW (data);

  self->flush_id = 0;
  mpd_output_view_flush (self);
  return G_SOURCE_REMOVE;
}

/**
 * mpd_output_view_append:
 * @self: a view
 * @is_stderr: whether @bytes came from stderr
 * @bytes: what the program wrote
 *
 * Shows @bytes within FLUSH_MS.
 */
void
mpd_output_view_append (MpdOutputView *self,
                        gboolean       is_stderr,
                        GBytes        *bytes)
{
  Piece *last = NULL;
  gsize size;
  const char *data;

  g_return_if_fail (MPD_IS_OUTPUT_VIEW (self));
  g_return_if_fail (bytes != NULL);

  data = g_bytes_get_data (bytes, &size);
  if (self->pending->len > 0)
    last = &g_array_index (self->pending, Piece, self->pending->len - 1);

  if (last != NULL && last->is_stderr == !!is_stderr)
    {
      g_string_append_len (last->text, data, (gssize) size);
    }
  else
    {
      Piece piece = { !!is_stderr, g_string_new_len (data, (gssize) size) };

      g_array_append_val (self->pending, piece);
    }

  if (self->flush_id == 0)
    self->flush_id = g_timeout_add (FLUSH_MS, mpd_output_view_flush_cb, self);
}

void
mpd_output_view_clear (MpdOutputView *self)
{
  g_return_if_fail (MPD_IS_OUTPUT_VIEW (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_array_set_size (self->pending, 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
}

/**
 * mpd_output_view_dup_text:
 * @self: a view
 *
 * Returns: (transfer full): the output shown, and what will be shown next
 */
char *
mpd_output_view_dup_text (MpdOutputView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (MPD_IS_OUTPUT_VIEW (self), NULL);

  mpd_output_view_flush (self);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
mpd_output_view_dispose (GObject *object)
{
  MpdOutputView *self = (MpdOutputView *)object;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->pending, g_array_unref);

  G_OBJECT_CLASS (mpd_output_view_parent_class)->dispose (object);
}

static void
mpd_output_view_class_init (MpdOutputViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_output_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outputview");
}

static void
mpd_output_view_init (MpdOutputView *self)
{
  GtkAdjustment *adjustment;

  self->pending = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_array_set_clear_func (self->pending, piece_clear);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->text_view, FALSE);
  gtk_text_view_set_monospace (self->text_view, TRUE);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_text_view_set_top_margin (self->text_view, 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->text_view), "output-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Output of the program"),
                                  -1);
  self->stderr_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->text_view),
                                                 "stderr", "foreground", "#c01c28", NULL);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled),
                                 GTK_WIDGET (self->text_view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  self->follow = TRUE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_adjustment_changed), self, 0);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed),
                           self, 0);
}
