/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-a11y.h: names for the parts that GTK builds inside its own widgets. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mpd_a11y_label_parts (GtkWidget  *widget,
                           GType       part_type,
                           const char *label);

G_END_DECLS
