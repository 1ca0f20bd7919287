/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-code-view.h: a lesson's C beside its Python, highlighted, to compare line by line. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-lesson.h"

G_BEGIN_DECLS

#define MPD_TYPE_CODE_VIEW (mpd_code_view_get_type ())

G_DECLARE_FINAL_TYPE (MpdCodeView, mpd_code_view, MPD, CODE_VIEW, GtkWidget)

void      mpd_code_view_set_lesson       (MpdCodeView     *self,
                                          const MpdLesson *lesson);
gboolean  mpd_code_view_show_file        (MpdCodeView     *self,
                                          const char      *file_name);
char     *mpd_code_view_dup_c_text       (MpdCodeView     *self);
char     *mpd_code_view_dup_python_text  (MpdCodeView     *self);

G_END_DECLS
