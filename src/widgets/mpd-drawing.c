/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-drawing.c: what the drawn widgets share: producer colours, the text colour, text. */

#define G_LOG_DOMAIN "mpd-drawing"

#include "config.h"

#include "mpd-drawing.h"

/* GNOME's palette (blue, orange, green, purple, red, brown, yellow, teal), in shades that
 * read on a light and on a dark background, and from the back of a classroom. */
static const char * const producer_colors[] = {
  "#3584e4", "#ff7800", "#2ec27e", "#9141ac", "#e01b24", "#986a44", "#e5a50a", "#1c71d8",
};

/**
 * mpd_drawing_producer_color:
 * @index: the producer's place, from 0
 * @color: (out): its colour: the same in the diagram, the log and the statistics
 */
void
mpd_drawing_producer_color (guint    index,
                            GdkRGBA *color)
{
  gdk_rgba_parse (color, producer_colors[index % G_N_ELEMENTS (producer_colors)]);
}

/**
 * mpd_drawing_get_fg_color:
 * @widget: a widget
 * @color: (out): the colour its text has in the current style, light or dark
 */
void
mpd_drawing_get_fg_color (GtkWidget *widget,
                          GdkRGBA   *color)
{
  /* gtk_widget_get_color() came in GTK 4.10, and GtkStyleContext went out of favour then:
   * use the new call where it exists, whatever API version we ask the headers for. */
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_widget_get_color (widget, color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

/**
 * mpd_drawing_append_text:
 * @snapshot: where to draw
 * @layout: a layout of the widget's, whose font is used
 * @text: the text
 * @x: left edge
 * @y: top edge
 * @color: its colour
 */
void
mpd_drawing_append_text (GtkSnapshot   *snapshot,
                         PangoLayout   *layout,
                         const char    *text,
                         float          x,
                         float          y,
                         const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/**
 * mpd_drawing_append_box:
 * @snapshot: where to draw
 * @rect: the box
 * @radius: how round its corners are
 * @fill: its background
 * @border: (nullable): its border's colour, or %NULL for none
 * @border_width: its border's width
 */
void
mpd_drawing_append_box (GtkSnapshot           *snapshot,
                        const graphene_rect_t *rect,
                        float                  radius,
                        const GdkRGBA         *fill,
                        const GdkRGBA         *border,
                        float                  border_width)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, fill, rect);
  gtk_snapshot_pop (snapshot);

  if (border != NULL)
    gtk_snapshot_append_border (snapshot, &rounded,
                                (const float[4]) { border_width, border_width,
                                                   border_width, border_width },
                                (const GdkRGBA[4]) { *border, *border, *border, *border });
}

/**
 * mpd_drawing_get_em:
 * @widget: a widget that draws
 *
 * A drawing sized in pixels would stay small when the window zooms its text for a projector
 * (Ctrl+plus): sized in lines of its own text, it grows with it.
 *
 * Returns: how many pixels high a line of @widget's text is
 */
double
mpd_drawing_get_em (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "Ag");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return MAX (height, 1);
}

/**
 * mpd_drawing_make_interactive:
 * @widget: a drawn widget
 * @pressed: its "pressed" handler for a click (#GtkGestureClick), called with @widget first
 * @key_pressed: its "key-pressed" handler (#GtkEventControllerKey), called with @widget first
 *
 * Makes @widget take the focus, clicks and keys, as the drawn widgets that a student can
 * point into do (the drawing of a run's processes, its timeline).
 */
void
mpd_drawing_make_interactive (GtkWidget *widget,
                              GCallback  pressed,
                              GCallback  key_pressed)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (widget, TRUE);
  g_signal_connect_swapped (click, "pressed", pressed, widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (keys, "key-pressed", key_pressed, widget);
  gtk_widget_add_controller (widget, keys);
}
