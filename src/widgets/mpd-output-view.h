/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-output-view.h: a program's output as a terminal shows it, stderr marked. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_OUTPUT_VIEW (mpd_output_view_get_type ())

G_DECLARE_FINAL_TYPE (MpdOutputView, mpd_output_view, MPD, OUTPUT_VIEW, GtkWidget)

void  mpd_output_view_append   (MpdOutputView *self,
                                gboolean       is_stderr,
                                GBytes        *bytes);
void  mpd_output_view_clear    (MpdOutputView *self);
void  mpd_output_view_flush    (MpdOutputView *self);
char *mpd_output_view_dup_text (MpdOutputView *self);

G_END_DECLS
