/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-color-scheme.h: follow the system's light or dark style. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_COLOR_SCHEME (mpd_color_scheme_get_type ())

G_DECLARE_FINAL_TYPE (MpdColorScheme, mpd_color_scheme, MPD, COLOR_SCHEME, GObject)

MpdColorScheme *mpd_color_scheme_new            (GtkSettings    *settings);
gboolean        mpd_color_scheme_get_prefer_dark (MpdColorScheme *self);

G_END_DECLS
