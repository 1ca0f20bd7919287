/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-drawing.h: what the drawn widgets share: producer colours, the text colour, text. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mpd_drawing_producer_color (guint              index,
                                 GdkRGBA           *color);
double mpd_drawing_get_em       (GtkWidget         *widget);
void mpd_drawing_get_fg_color   (GtkWidget         *widget,
                                 GdkRGBA           *color);
void mpd_drawing_append_text    (GtkSnapshot       *snapshot,
                                 PangoLayout       *layout,
                                 const char        *text,
                                 float              x,
                                 float              y,
                                 const GdkRGBA     *color);
void mpd_drawing_append_box     (GtkSnapshot       *snapshot,
                                 const graphene_rect_t *rect,
                                 float              radius,
                                 const GdkRGBA     *fill,
                                 const GdkRGBA     *border,
                                 float              border_width);

void mpd_drawing_make_interactive (GtkWidget         *widget,
                                   GCallback          pressed,
                                   GCallback          key_pressed);

G_END_DECLS
