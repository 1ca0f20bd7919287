/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-plot.c: the last minute, drawn: messages per second, and latency (p50 and p99). */

/*
 * Two charts, one above the other, over the same 60 seconds: how many messages arrived in
 * each second, and how long they took from the producer's put to the main loop. The data is
 * MpdStats's history, which changes once a second, so the plot is redrawn once a second. It
 * is made to be read from the back of a classroom: large figures, thick lines, and colours
 * that hold on a light and on a dark background.
 *
 * Each chart's scale fits the last 10 seconds, not the whole minute: after a flood of five
 * million messages a second, the normal one a second would otherwise lie flat at 0 for a
 * minute. The older, larger seconds are drawn cut at the top of the chart.
 */

#define G_LOG_DOMAIN "mpd-plot"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mpd-drawing.h"
#include "mpd-plot.h"

#define MARGIN     8.0f
#define CHART_GAP  18.0f

/* The scale fits the newest seconds only: this many. */
#define SCALE_SECONDS 10

struct _MpdPlot
{
  GtkWidget       parent_instance;

  /* Owned */
  MpdStats       *stats;
  MpdStatsSecond  history[MPD_STATS_HISTORY_SECONDS];
  guint           n_history;
};

G_DEFINE_FINAL_TYPE (MpdPlot, mpd_plot, GTK_TYPE_WIDGET)

/* A round number at or above @value, so that the axis reads well: 1, 2 or 5 times a power
 * of ten. */
static double
nice_ceiling (double value)
{
  double power = 1;

  if (value <= 1)
    return 1;

  while (power * 10 < value)
    power *= 10;

  if (value <= power)
    return power;
  if (value <= 2 * power)
    return 2 * power;
  if (value <= 5 * power)
    return 5 * power;
  return 10 * power;
}

/* A figure in few characters: 950, 12 k, 1.5 M. */
static char *
format_short (double value)
{
  if (value >= 1e6)
    return g_strdup_printf ("%.3g M", value / 1e6);
  if (value >= 1e4)
    return g_strdup_printf ("%.3g k", value / 1e3);
  return g_strdup_printf ("%.4g", value);
}

typedef double (*SecondValue) (const MpdStatsSecond *second);

static double rate_of (const MpdStatsSecond *second) { return second->messages; }
static double p50_of (const MpdStatsSecond *second) { return second->latency_p50_us / 1000.0; }
static double p99_of (const MpdStatsSecond *second) { return second->latency_p99_us / 1000.0; }

/* The top of a chart's scale: a round number at or above every value of the newest
 * SCALE_SECONDS seconds. */
static double
mpd_plot_compute_top (MpdPlot           *self,
                      const SecondValue *values,
                      guint              n_series,
                      gboolean           gaps_when_empty)
{
  guint first = self->n_history > SCALE_SECONDS ? self->n_history - SCALE_SECONDS : 0;
  double top = 0;

  for (guint s = 0; s < n_series; s++)
    for (guint i = first; i < self->n_history; i++)
      if (!gaps_when_empty || self->history[i].messages > 0)
        top = MAX (top, values[s] (&self->history[i]));
  return nice_ceiling (top);
}

/**
 * mpd_plot_get_rate_scale:
 * @self: a plot
 *
 * Returns: the top of the messages-per-second chart's scale, as it is drawn
 */
double
mpd_plot_get_rate_scale (MpdPlot *self)
{
  const SecondValue rate[] = { rate_of };

  g_return_val_if_fail (MPD_IS_PLOT (self), 0);

  return mpd_plot_compute_top (self, rate, 1, FALSE);
}

/* One chart in @area: its title, its scale, and a line per series. A second with no
 * latency (no message) leaves a gap in the latency lines. */
static void
mpd_plot_draw_chart (MpdPlot               *self,
                     GtkSnapshot           *snapshot,
                     PangoLayout           *layout,
                     const graphene_rect_t *area,
                     const char            *title,
                     const SecondValue     *values,
                     const GdkRGBA         *colors,
                     guint                  n_series,
                     gboolean               gaps_when_empty)
{
  GdkRGBA fg, grid;
  double top = 0;
  int text_height;
  float chart_top, chart_height, chart_left, chart_width;
  g_autofree char *top_text = NULL;
  cairo_t *cr;

  mpd_drawing_get_fg_color (GTK_WIDGET (self), &fg);
  grid = fg;
  grid.alpha = 0.25f;

  top = mpd_plot_compute_top (self, values, n_series, gaps_when_empty);
  top_text = format_short (top);

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, title, -1);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  mpd_drawing_append_text (snapshot, layout, title, area->origin.x, area->origin.y, &fg);

  chart_top = area->origin.y + text_height + 4;
  chart_height = area->size.height - text_height - 4;
  chart_left = area->origin.x + 70;
  chart_width = area->size.width - 70;
  if (chart_height < 20 || chart_width < 40)
    return;

  mpd_drawing_append_text (snapshot, layout, top_text, area->origin.x, chart_top, &fg);
  mpd_drawing_append_text (snapshot, layout, "0", area->origin.x,
                           chart_top + chart_height - text_height, &fg);

  cr = gtk_snapshot_append_cairo (snapshot, area);

  /* The frame and a middle line. */
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, chart_left + 0.5, chart_top + 0.5, chart_width - 1, chart_height - 1);
  cairo_move_to (cr, chart_left, chart_top + chart_height / 2 + 0.5);
  cairo_line_to (cr, chart_left + chart_width, chart_top + chart_height / 2 + 0.5);
  cairo_stroke (cr);

  /* The newest second on the right edge; older ones to the left. */
  cairo_set_line_width (cr, 3);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < n_series; s++)
    {
      gboolean drawing = FALSE;

      gdk_cairo_set_source_rgba (cr, &colors[s]);
      for (guint i = 0; i < self->n_history; i++)
        {
          const MpdStatsSecond *second = &self->history[i];
          double x = chart_left + chart_width *
                     (MPD_STATS_HISTORY_SECONDS - self->n_history + i + 0.5) /
                     MPD_STATS_HISTORY_SECONDS;
          /* (An older second above the scale is cut at the top.) */
          double y = chart_top + chart_height * (1 - MIN (values[s] (second) / top, 1.0));

          if (gaps_when_empty && second->messages == 0)
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            {
              cairo_move_to (cr, x, y);
              cairo_line_to (cr, x, y);  /* a lone second still shows, as a dot */
            }
          drawing = TRUE;
        }
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
mpd_plot_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  MpdPlot *self = MPD_PLOT (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float chart_height = (height - CHART_GAP - 30) / 2;
  const SecondValue rate[] = { rate_of };
  const SecondValue latency[] = { p50_of, p99_of };
  GdkRGBA rate_colors[1], latency_colors[2], fg;
  int text_width;

  gdk_rgba_parse (&rate_colors[0], "#3584e4");
  gdk_rgba_parse (&latency_colors[0], "#ff7800");
  gdk_rgba_parse (&latency_colors[1], "#e01b24");
  mpd_drawing_get_fg_color (widget, &fg);

  mpd_plot_draw_chart (self, snapshot, layout,
                       &GRAPHENE_RECT_INIT (MARGIN, 0, width - 2 * MARGIN, chart_height),
                       _("Messages per second"), rate, rate_colors, 1, FALSE);
  mpd_plot_draw_chart (self, snapshot, layout,
                       &GRAPHENE_RECT_INIT (MARGIN, chart_height + CHART_GAP,
                                            width - 2 * MARGIN, chart_height),
                       /* Translators: the colours are the lines' in the chart */
                       _("Latency in ms: median (orange), 99th percentile (red)"),
                       latency, latency_colors, 2, TRUE);

  /* The time axis, under both. */
  mpd_drawing_append_text (snapshot, layout, _("60 s ago"), MARGIN + 70, height - 26, &fg);
  pango_layout_set_text (layout, _("now"), -1);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  mpd_drawing_append_text (snapshot, layout, _("now"), width - MARGIN - text_width,
                           height - 26, &fg);
}

static void
mpd_plot_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 300;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 340;
}

static void
mpd_plot_dispose (GObject *object)
{
  MpdPlot *self = (MpdPlot *)object;

  g_clear_object (&self->stats);

  G_OBJECT_CLASS (mpd_plot_parent_class)->dispose (object);
}

static void
mpd_plot_class_init (MpdPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_plot_dispose;
  widget_class->snapshot = mpd_plot_snapshot;
  widget_class->measure = mpd_plot_measure;

  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mpd_plot_init (MpdPlot *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Messages per second and latency over the last minute"),
                                  -1);
}

void
mpd_plot_set_stats (MpdPlot  *self,
                    MpdStats *stats)
{
  g_return_if_fail (MPD_IS_PLOT (self));
  g_return_if_fail (stats == NULL || MPD_IS_STATS (stats));

  if (g_set_object (&self->stats, stats))
    mpd_plot_update (self);
}

/**
 * mpd_plot_update:
 * @self: a plot
 *
 * Takes the statistics' history again, and redraws when a second has passed.
 */
void
mpd_plot_update (MpdPlot *self)
{
  MpdStatsSecond history[MPD_STATS_HISTORY_SECONDS];
  guint n_history;

  g_return_if_fail (MPD_IS_PLOT (self));

  n_history = self->stats ? mpd_stats_get_history (self->stats, history) : 0;
  if (n_history == self->n_history &&
      memcmp (history, self->history, n_history * sizeof history[0]) == 0)
    return;

  memcpy (self->history, history, n_history * sizeof history[0]);
  self->n_history = n_history;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mpd_plot_get_n_seconds:
 * @self: a plot
 *
 * Returns: how many seconds the plot shows: never more than %MPD_STATS_HISTORY_SECONDS
 */
guint
mpd_plot_get_n_seconds (MpdPlot *self)
{
  g_return_val_if_fail (MPD_IS_PLOT (self), 0);

  return self->n_history;
}
