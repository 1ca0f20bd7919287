/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-window.h: the main window: the lessons, the lesson shown, and the status bar. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-lesson.h"
#include "mpd-lesson-view.h"
#include "mpd-pipeline.h"
#include "mpd-status-bar.h"

G_BEGIN_DECLS

#define MPD_TYPE_WINDOW (mpd_window_get_type ())

G_DECLARE_FINAL_TYPE (MpdWindow, mpd_window, MPD, WINDOW, GtkApplicationWindow)

MpdWindow     *mpd_window_new                (MpdApplication *application,
                                              MpdPipeline    *pipeline,
                                              guint64         max_messages);
MpdPipeline   *mpd_window_get_pipeline       (MpdWindow      *self);
guint64        mpd_window_get_max_messages   (MpdWindow      *self);
MpdStatusBar  *mpd_window_get_status_bar     (MpdWindow      *self);
gboolean       mpd_window_show_lesson        (MpdWindow      *self,
                                              const char     *id);
MpdLessonView *mpd_window_get_lesson_view    (MpdWindow      *self,
                                              const char     *id);
const MpdLesson *mpd_window_get_shown_lesson (MpdWindow      *self);
const MpdLessonShortcut *
               mpd_window_get_shortcuts      (MpdWindow      *self);
GtkEditable   *mpd_window_get_search_entry   (MpdWindow      *self);
GtkListBox    *mpd_window_get_lesson_list    (MpdWindow      *self);

void            mpd_window_set_zoom            (MpdWindow      *self,
                                                double          zoom);
double          mpd_window_get_zoom            (MpdWindow      *self);
gboolean        mpd_window_get_sidebar_visible (MpdWindow      *self);

G_END_DECLS
