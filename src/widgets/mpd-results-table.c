/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-results-table.c: what a lesson measured, as a table: time and speed-up.
 *
 * A lesson that measures (gil: the same work in one thread, in N threads, in N processes)
 * tells its page each figure as a result event (see src/engine/mpd-events.h): a label, a
 * time, and how many times the work was done in that time. The table shows one row each, in
 * the order they came, with the speed-up against the last result done once before it: the
 * work done N times in the time of one is N times as fast. Nothing is written into the code:
 * every figure is what this run measured.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-results-table.h"
#include "mpd-wrap.h"

struct _MpdResultsTable
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkGrid   *grid;
  guint      n_rows;
  gint64     reference_us;   /* the time of the last result done once, or 0 */
  GPtrArray *rows;           /* the text of each row, for tests and screen readers */
};

G_DEFINE_FINAL_TYPE (MpdResultsTable, mpd_results_table, GTK_TYPE_WIDGET)

static GtkWidget *
cell (const char *text,
      float       xalign,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  mpd_wrap_between_words (GTK_LABEL (label));
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
mpd_results_table_add_headings (MpdResultsTable *self)
{
  gtk_grid_attach (self->grid, cell (_("Run"), 0, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (self->grid, cell (_("Wall time"), 1, TRUE), 1, 0, 1, 1);
  gtk_grid_attach (self->grid, cell (_("Speed-up"), 1, TRUE), 2, 0, 1, 1);
}

/**
 * mpd_results_table_clear:
 *
 * Forgets every row; the table hides until the next one.
 */
void
mpd_results_table_clear (MpdResultsTable *self)
{
  GtkWidget *child;

  g_return_if_fail (MPD_IS_RESULTS_TABLE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  mpd_results_table_add_headings (self);
  self->n_rows = 0;
  self->reference_us = 0;
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * mpd_results_table_add:
 * @label: what was measured: "Python, 2 threads"
 * @time_us: how long it took, wall-clock time
 * @times: how many times the work was done in that time; a result done once is the
 *   reference of those after it
 */
void
mpd_results_table_add (MpdResultsTable *self,
                       const char      *label,
                       gint64           time_us,
                       int              times)
{
  g_autofree char *time_text = NULL;
  g_autofree char *speed_text = NULL;
  guint row;

  g_return_if_fail (MPD_IS_RESULTS_TABLE (self));
  g_return_if_fail (label != NULL);

  time_text = g_strdup_printf (_("%.2f s"), time_us / 1e6);
  if (times <= 1)
    {
      self->reference_us = time_us;
      speed_text = g_strdup (_("1× (the reference)"));
    }
  else if (self->reference_us > 0 && time_us > 0)
    /* Translators: a speed-up, then what it compares: "1.96× (2 times the work)" */
    speed_text = g_strdup_printf (ngettext ("%.2f× (%d time the work)",
                                            "%.2f× (%d times the work)", times),
                                  (double) times * self->reference_us / time_us, times);
  else
    speed_text = g_strdup ("—");

  row = ++self->n_rows;
  gtk_grid_attach (self->grid, cell (label, 0, FALSE), 0, row, 1, 1);
  gtk_grid_attach (self->grid, cell (time_text, 1, FALSE), 1, row, 1, 1);
  gtk_grid_attach (self->grid, cell (speed_text, 1, FALSE), 2, row, 1, 1);
  g_ptr_array_add (self->rows, g_strdup_printf ("%s: %s, %s", label, time_text, speed_text));
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

guint
mpd_results_table_get_n_rows (MpdResultsTable *self)
{
  g_return_val_if_fail (MPD_IS_RESULTS_TABLE (self), 0);

  return self->n_rows;
}

/**
 * mpd_results_table_dup_row:
 *
 * Returns: (transfer full): row @row (from 0) as one line: "C, 2 threads: 1.02 s, 1.97× (2
 *   times the work)"
 */
char *
mpd_results_table_dup_row (MpdResultsTable *self,
                           guint            row)
{
  g_return_val_if_fail (MPD_IS_RESULTS_TABLE (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return g_strdup (g_ptr_array_index (self->rows, row));
}

static void
mpd_results_table_dispose (GObject *object)
{
  MpdResultsTable *self = MPD_RESULTS_TABLE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mpd_results_table_parent_class)->dispose (object);
}

static void
mpd_results_table_class_init (MpdResultsTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_results_table_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resultstable");
}

static void
mpd_results_table_init (MpdResultsTable *self)
{
  GtkWidget *heading = gtk_label_new (_("Measured in this run"));
  GtkWidget *scrolled;

  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (self->box), heading);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 2);
  /* In a pane that a small screen makes short, the rows scroll under their heading. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_box_append (GTK_BOX (self->box), scrolled);
  mpd_results_table_clear (self);
}

GtkWidget *
mpd_results_table_new (void)
{
  return g_object_new (MPD_TYPE_RESULTS_TABLE, NULL);
}
