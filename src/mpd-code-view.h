/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-code-view.h: this page's C source beside the seed's Python, to compare line by line. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_CODE_VIEW (mpd_code_view_get_type ())

G_DECLARE_FINAL_TYPE (MpdCodeView, mpd_code_view, MPD, CODE_VIEW, GtkWidget)

gboolean  mpd_code_view_show_file  (MpdCodeView *self,
                                    const char  *file_name);
char     *mpd_code_view_dup_c_text (MpdCodeView *self);
char     *mpd_code_view_dup_python_text (MpdCodeView *self);

G_END_DECLS
