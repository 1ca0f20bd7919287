/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-wrap.c: text that wraps between words only, never inside one (Korean too). */

/*
 * Korean is written with spaces between words (eojeol), and a line may break only there.
 * Pango, following Unicode, allows a break between any two Hangul syllables, and inserts a
 * hyphen where it breaks inside a Latin word ("pid-" / "를"). So a label that wraps gets, for
 * each run of characters between two spaces, an attribute that forbids breaking it, and no
 * hyphens at all. It is set again whenever the label's text changes. A text view of source
 * code (the Code view) gets the same for its Korean words only, with a text tag.
 */

#define G_LOG_DOMAIN "mpd-wrap"

#include "config.h"

#include "mpd-wrap.h"

/* The first word (a run of characters between spaces) at or after @p: sets @start and @end.
 * Returns: %FALSE when there is none before the end of the text */
static gboolean
next_word (const char  *p,
           const char **start,
           const char **end)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return FALSE;

  *start = p;
  while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  *end = p;
  return TRUE;
}

/**
 * mpd_wrap_attributes_for:
 * @text: a text that a #PangoLayout will wrap
 *
 * For text drawn with a #PangoLayout of one's own (a diagram's boxes): the attributes that
 * forbid a break inside each word of @text, and hyphens.
 *
 * Returns: (transfer full): the attributes, for @text only
 */
PangoAttrList *
mpd_wrap_attributes_for (const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *start, *end;

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));

  for (const char *p = text; next_word (p, &start, &end); p = end)
    {
      PangoAttribute *keep = pango_attr_allow_breaks_new (FALSE);

      keep->start_index = (guint) (start - text);
      keep->end_index = (guint) (end - text);
      pango_attr_list_insert (attrs, keep);
    }

  return attrs;
}

static gboolean
has_hangul (const char *start,
            const char *end)
{
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HANGUL)
      return TRUE;
  return FALSE;
}

/**
 * mpd_wrap_keep_korean_words:
 * @buffer: the buffer of a #GtkTextView that wraps, its text set
 *
 * Gives each word of @buffer that holds Hangul a tag that forbids a line break inside it, so
 * that a Korean comment in source code wraps between its words. The other words may still
 * break inside, so that a long identifier wraps instead of running out of the view. Call it
 * again when the text changes.
 */
void
mpd_wrap_keep_korean_words (GtkTextBuffer *buffer)
{
  GtkTextTag *keep;
  GtkTextIter word_start, word_end;
  g_autofree char *text = NULL;
  const char *counted, *start, *end;
  glong offset = 0;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  keep = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "mpd-keep-word");
  if (keep == NULL)
    keep = gtk_text_buffer_create_tag (buffer, "mpd-keep-word", "allow-breaks", FALSE, NULL);

  gtk_text_buffer_get_bounds (buffer, &word_start, &word_end);
  text = gtk_text_buffer_get_text (buffer, &word_start, &word_end, TRUE);
  counted = text;
  for (const char *p = text; next_word (p, &start, &end); p = end)
    {
      if (!has_hangul (start, end))
        continue;
      /* The buffer counts in characters, the text in bytes. */
      offset += g_utf8_strlen (counted, start - counted);
      gtk_text_buffer_get_iter_at_offset (buffer, &word_start, (int) offset);
      offset += g_utf8_strlen (start, end - start);
      gtk_text_buffer_get_iter_at_offset (buffer, &word_end, (int) offset);
      counted = end;
      gtk_text_buffer_apply_tag (buffer, keep, &word_start, &word_end);
    }
}

static void
mpd_wrap_apply (GtkLabel *label)
{
  PangoAttrList *attrs = mpd_wrap_attributes_for (gtk_label_get_text (label));

  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

/**
 * mpd_wrap_between_words:
 * @label: a label that wraps
 *
 * From now on, @label breaks its lines between words only, whatever its text becomes.
 */
void
mpd_wrap_between_words (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_object_get_data (G_OBJECT (label), "mpd-wrap") != NULL)
    return;

  g_object_set_data (G_OBJECT (label), "mpd-wrap", GINT_TO_POINTER (TRUE));
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
  mpd_wrap_apply (label);
  g_signal_connect (label, "notify::label", G_CALLBACK (mpd_wrap_apply), NULL);
}

/**
 * mpd_wrap_anywhere:
 * @label: a label that shows a figure, such as a count of messages
 *
 * Lets @label break its line between any two characters, when its text is too long for the
 * space it has: a count up to 2^64 - 1 is 26 characters with its separators, and must not
 * make the window wider. mpd_wrap_all_between_words() leaves @label as it is.
 */
void
mpd_wrap_anywhere (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  g_object_set_data (G_OBJECT (label), "mpd-wrap", GINT_TO_POINTER (TRUE));
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
}

/**
 * mpd_wrap_all_between_words:
 * @widget: a widget, such as a page built from its template
 *
 * Calls mpd_wrap_between_words() on every label under @widget (itself included) that wraps.
 */
void
mpd_wrap_all_between_words (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      g_object_get_data (G_OBJECT (widget), "mpd-wrap") == NULL)
    mpd_wrap_between_words (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mpd_wrap_all_between_words (child);
}
