/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-figure.c: text that changes every second without laying the window out again. */

/*
 * A GtkLabel asks for a new size each time its text changes, and GTK then lays out the whole
 * window again: it measures every widget whose size may depend on it and wraps every
 * paragraph again. For a figure that changes every second (a count, a time, a latency), that
 * was most of what a window at rest cost. A GtkInscription (GTK 4.8) does not size itself by
 * its text: it asks for room for a number of characters, and a new text is only drawn again.
 *
 * mpd_figure_set_text() keeps the room for the widest text seen so far, so a figure asks for a
 * new size only when it needs more room than ever before: a count that gains a digit, once in
 * ten times as many messages. With digits of one width ("tnum" in style.css), a time or a
 * latency always has the same width.
 */

#define G_LOG_DOMAIN "mpd-figure"

#include "config.h"

#include "mpd-figure.h"

/* The room @text needs, in the approximate character widths that GtkInscription counts: a
 * wide (Hangul) character takes two, and digits a fifth more, as a digit is wider than the
 * average character. */
static guint
columns_for (const char *text)
{
  guint columns = 0, digits = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      columns += g_unichar_iswide (c) ? 2 : 1;
      digits += g_unichar_isdigit (c);
    }

  return columns + digits / 5 + 1;
}

/**
 * mpd_figure_set_text:
 * @figure: an inscription
 * @text: the figure, in words
 * @max_columns: the most room, in characters, that @figure may ask for at least; 0 for no
 *   limit
 *
 * Shows @text in @figure, and makes room for it if it needs more than @figure has. Past
 * @max_columns, @figure asks for that much room at least, and for more lines: a text longer
 * than the room it gets (a count as large as 2^64 - 1) then wraps, and never makes the window
 * wider.
 */
void
mpd_figure_set_text (GtkInscription *figure,
                     const char     *text,
                     guint           max_columns)
{
  guint columns;
  guint min_columns;

  g_return_if_fail (GTK_IS_INSCRIPTION (figure));

  if (g_strcmp0 (gtk_inscription_get_text (figure), text) == 0)
    return;

  columns = columns_for (text);
  min_columns = max_columns > 0 ? MIN (columns, max_columns) : columns;
  if (min_columns > gtk_inscription_get_min_chars (figure))
    gtk_inscription_set_min_chars (figure, min_columns);
  if (max_columns > 0)
    {
      guint lines = (columns + max_columns - 1) / max_columns;

      if (lines > gtk_inscription_get_min_lines (figure))
        gtk_inscription_set_min_lines (figure, lines);
    }

  mpd_figure_set_line (figure, text);
}

/**
 * mpd_figure_set_line:
 * @figure: an inscription of one line
 * @text: what it says
 *
 * Shows @text in @figure, and asks for room for it when it needs more than ever before; its
 * least room stays what it was. When it gets less than it asks for, @text is cut as @figure's
 * text-overflow says (with an ellipsis, say).
 */
void
mpd_figure_set_line (GtkInscription *figure,
                     const char     *text)
{
  guint columns;

  g_return_if_fail (GTK_IS_INSCRIPTION (figure));

  if (g_strcmp0 (gtk_inscription_get_text (figure), text) == 0)
    return;

  columns = columns_for (text);
  if (columns > gtk_inscription_get_nat_chars (figure))
    gtk_inscription_set_nat_chars (figure, columns);
  gtk_inscription_set_text (figure, text);
}
