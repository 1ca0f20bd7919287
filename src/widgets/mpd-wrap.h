/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-wrap.h: text that wraps between words only, never inside one (Korean too). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mpd_wrap_between_words     (GtkLabel  *label);
void mpd_wrap_all_between_words (GtkWidget *widget);
void mpd_wrap_anywhere          (GtkLabel  *label);
PangoAttrList *mpd_wrap_attributes_for (const char *text);
void mpd_wrap_keep_korean_words (GtkTextBuffer *buffer);

G_END_DECLS
