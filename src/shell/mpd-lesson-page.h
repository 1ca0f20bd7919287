/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-lesson-page.h: the page of a lesson: what it is about, Run and Stop, C or Python, its
 * output and processes live, and its code. */

#pragma once

#include <gtk/gtk.h>

#include "mpd-process-view.h"

#include "mpd-code-view.h"
#include "mpd-flight-view.h"
#include "mpd-lesson.h"
#include "mpd-lesson-view.h"
#include "mpd-output-view.h"
#include "mpd-runner.h"
#include "mpd-results-table.h"
#include "mpd-timeline.h"

G_BEGIN_DECLS

#define MPD_TYPE_LESSON_PAGE (mpd_lesson_page_get_type ())

G_DECLARE_FINAL_TYPE (MpdLessonPage, mpd_lesson_page, MPD, LESSON_PAGE, GtkWidget)

extern const MpdLessonShortcut mpd_lesson_page_shortcuts[];

MpdLessonPage   *mpd_lesson_page_new             (const MpdLesson *lesson);
const MpdLesson *mpd_lesson_page_get_lesson      (MpdLessonPage   *self);
MpdRunner       *mpd_lesson_page_get_runner      (MpdLessonPage   *self);
MpdOutputView   *mpd_lesson_page_get_output_view (MpdLessonPage   *self);
MpdCodeView     *mpd_lesson_page_get_code_view   (MpdLessonPage   *self);
GtkWidget       *mpd_lesson_page_get_process_table (MpdLessonPage *self);
MpdProcessView  *mpd_lesson_page_get_process_view  (MpdLessonPage *self);
MpdTimeline     *mpd_lesson_page_get_timeline      (MpdLessonPage *self);
MpdTimeline     *mpd_lesson_page_get_schedule      (MpdLessonPage *self);
MpdResultsTable *mpd_lesson_page_get_results_table (MpdLessonPage *self);
MpdFlightView   *mpd_lesson_page_get_flight_view   (MpdLessonPage *self);
GtkStack        *mpd_lesson_page_get_process_stack (MpdLessonPage *self);
gboolean         mpd_lesson_page_export            (MpdLessonPage *self,
                                                    gboolean       image,
                                                    const char    *path,
                                                    GError       **error);

G_END_DECLS
