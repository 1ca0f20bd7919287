/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-stats-view.c: the live figures, large: rate, latency, losses, per-producer counts. */

#define G_LOG_DOMAIN "mpd-stats-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-figure.h"
#include "mpd-stats-view.h"

struct _MpdStatsView
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkInscription *rate_label;
  GtkInscription *p50_label;
  GtkInscription *p99_label;
  GtkInscription *lost_label;
  GtkInscription *total_label;
  GtkInscription *updates_label;
  GtkWidget *producers_box;

  /* Owned */
  MpdStats  *stats;
  GPtrArray *producer_labels;  /* of GtkInscription, borrowed from producers_box */
};

G_DEFINE_FINAL_TYPE (MpdStatsView, mpd_stats_view, GTK_TYPE_WIDGET)

/* The figures change every second, and are GtkInscriptions (see mpd-figure.c): they ask for
 * room for their widest text at most up to this many characters. A figure can be as long as
 * 2^64 - 1 with its separators, when a producer sends such sequence numbers: it then wraps
 * between its digits rather than widen the window. */
#define FIGURE_COLUMNS   12

static GtkInscription *
mpd_stats_view_get_figure_label (MpdStatsView   *self,
                                 MpdStatsFigure  figure)
{
  GtkInscription *labels[] = {
    self->rate_label, self->p50_label, self->p99_label, self->lost_label, self->total_label,
    self->updates_label,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == MPD_STATS_N_FIGURES);
  return labels[figure];
}

/**
 * mpd_stats_view_format_count:
 * @n: a count
 *
 * Returns: (transfer full): @n with the locale's thousands separators: "1,234,567" in English
 */
char *
mpd_stats_view_format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

/**
 * mpd_stats_view_format_latency:
 * @latency_us: a latency in µs, or a negative number for none
 *
 * Returns: (transfer full): the latency in the unit that suits it: "73 µs", "2.3 ms", "1.20 s"
 */
char *
mpd_stats_view_format_latency (gint64 latency_us)
{
  if (latency_us < 0)
    return g_strdup ("–");
  if (latency_us < 1000)
    return g_strdup_printf (_("%d µs"), (int) latency_us);
  if (latency_us < 1000 * 1000)
    return g_strdup_printf (_("%.1f ms"), latency_us / 1000.0);
  return g_strdup_printf (_("%.2f s"), latency_us / 1e6);
}

/* A line per producer, coloured as its box in the diagram. */
static GtkInscription *
mpd_stats_view_producer_label (MpdStatsView *self,
                               guint         index)
{
  while (self->producer_labels->len <= index)
    {
      guint i = self->producer_labels->len;
      g_autofree char *css_class = g_strdup_printf ("producer-%u", i % 8);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *swatch = gtk_label_new (NULL);
      GtkWidget *label = gtk_inscription_new (NULL);

      gtk_widget_add_css_class (swatch, "swatch");
      gtk_widget_add_css_class (swatch, css_class);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 0);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 16);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (self->producers_box), row);
      g_ptr_array_add (self->producer_labels, label);
    }

  return g_ptr_array_index (self->producer_labels, index);
}

/**
 * mpd_stats_view_update:
 * @self: a view
 *
 * Shows the figures as they are now. A few times a second is enough: figures that change
 * faster than that cannot be read.
 */
void
mpd_stats_view_update (MpdStatsView *self)
{
  g_autofree char *rate = NULL;
  g_autofree char *p50 = NULL;
  g_autofree char *p99 = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *total = NULL;
  g_autofree char *updates = NULL;
  gint64 p50_us = -1, p99_us = -1;
  guint n_producers;

  g_return_if_fail (MPD_IS_STATS_VIEW (self));

  if (self->stats == NULL)
    return;

  rate = mpd_stats_view_format_count (mpd_stats_get_rate (self->stats));
  mpd_stats_get_latency (self->stats, &p50_us, &p99_us);
  p50 = mpd_stats_view_format_latency (p50_us);
  p99 = mpd_stats_view_format_latency (p99_us);
  lost = mpd_stats_view_format_count (mpd_stats_get_lost (self->stats));
  total = mpd_stats_view_format_count (mpd_stats_get_total (self->stats));
  updates = mpd_stats_view_format_count (mpd_stats_get_updates_per_second (self->stats));

  mpd_figure_set_text (self->rate_label, rate, FIGURE_COLUMNS);
  mpd_figure_set_text (self->p50_label, p50, FIGURE_COLUMNS);
  mpd_figure_set_text (self->p99_label, p99, FIGURE_COLUMNS);
  mpd_figure_set_text (self->lost_label, lost, FIGURE_COLUMNS);
  mpd_figure_set_text (self->total_label, total, FIGURE_COLUMNS);
  mpd_figure_set_text (self->updates_label, updates, FIGURE_COLUMNS);
  if (mpd_stats_get_lost (self->stats) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->lost_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->lost_label), "error");

  n_producers = MIN (mpd_stats_get_n_producers (self->stats), 8);
  for (guint i = 0; i < n_producers; i++)
    {
      const MpdProducerStats *producer = mpd_stats_get_producer (self->stats, i);
      g_autofree char *received = mpd_stats_view_format_count (producer->received);
      g_autofree char *producer_lost = mpd_stats_view_format_count (producer->lost);
      g_autofree char *text = NULL;

      /* Translators: a process id, messages received from it, and messages lost */
      text = g_strdup_printf (_("Producer %d: %s received, %s lost"),
                              producer->pid, received, producer_lost);
      mpd_figure_set_line (mpd_stats_view_producer_label (self, i), text);
      gtk_widget_set_visible (gtk_widget_get_parent (g_ptr_array_index (self->producer_labels, i)),
                              TRUE);
    }
  for (guint i = n_producers; i < self->producer_labels->len; i++)
    gtk_widget_set_visible (gtk_widget_get_parent (g_ptr_array_index (self->producer_labels, i)),
                            FALSE);
}

void
mpd_stats_view_set_stats (MpdStatsView *self,
                          MpdStats     *stats)
{
  g_return_if_fail (MPD_IS_STATS_VIEW (self));
  g_return_if_fail (stats == NULL || MPD_IS_STATS (stats));

  if (g_set_object (&self->stats, stats))
    mpd_stats_view_update (self);
}

/**
 * mpd_stats_view_get_figure:
 * @self: a view
 * @figure: which figure
 *
 * Returns: the figure as it is shown
 */
const char *
mpd_stats_view_get_figure (MpdStatsView   *self,
                           MpdStatsFigure  figure)
{
  g_return_val_if_fail (MPD_IS_STATS_VIEW (self), NULL);
  g_return_val_if_fail (figure < MPD_STATS_N_FIGURES, NULL);

  return gtk_inscription_get_text (mpd_stats_view_get_figure_label (self, figure));
}

/**
 * mpd_stats_view_get_n_producers:
 * @self: a view
 *
 * Returns: how many producers have a line shown
 */
guint
mpd_stats_view_get_n_producers (MpdStatsView *self)
{
  guint n = 0;

  g_return_val_if_fail (MPD_IS_STATS_VIEW (self), 0);

  for (guint i = 0; i < self->producer_labels->len; i++)
    n += gtk_widget_get_visible (gtk_widget_get_parent (g_ptr_array_index (self->producer_labels, i)));

  return n;
}

const char *
mpd_stats_view_get_producer_text (MpdStatsView *self,
                                  guint         index)
{
  g_return_val_if_fail (MPD_IS_STATS_VIEW (self), NULL);
  g_return_val_if_fail (index < self->producer_labels->len, NULL);

  return gtk_inscription_get_text (g_ptr_array_index (self->producer_labels, index));
}

static void
mpd_stats_view_dispose (GObject *object)
{
  MpdStatsView *self = (MpdStatsView *)object;
  GtkWidget *child;

  g_clear_object (&self->stats);
  g_clear_pointer (&self->producer_labels, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_STATS_VIEW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mpd_stats_view_parent_class)->dispose (object);
}

static void
mpd_stats_view_class_init (MpdStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_stats_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/mpd-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdStatsView, rate_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatsView, p50_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatsView, p99_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatsView, lost_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatsView, total_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatsView, updates_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatsView, producers_box);

  gtk_widget_class_set_css_name (widget_class, "statsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mpd_stats_view_init (MpdStatsView *self)
{
  self->producer_labels = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Statistics"),
                                  -1);
}
