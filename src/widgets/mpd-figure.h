/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-figure.h: text that changes every second without laying the window out again. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mpd_figure_set_text (GtkInscription *figure,
                          const char     *text,
                          guint           max_columns);

void mpd_figure_set_line (GtkInscription *figure,
                          const char     *text);

G_END_DECLS
