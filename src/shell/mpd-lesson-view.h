/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-lesson-view.h: what the window asks of a lesson's page, whichever lesson it is. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _MpdWindow MpdWindow;

#define MPD_TYPE_LESSON_VIEW (mpd_lesson_view_get_type ())

G_DECLARE_INTERFACE (MpdLessonView, mpd_lesson_view, MPD, LESSON_VIEW, GtkWidget)

struct _MpdLessonViewInterface
{
  GTypeInterface parent_iface;

  /* Called once, when the window has added the page. */
  void          (*setup)       (MpdLessonView *self,
                                MpdWindow     *window);
  /* The page's actions, which the window makes reach from anywhere while it is shown (its
   * keys are the lesson's shortcuts), or NULL. */
  GActionGroup *(*get_actions) (MpdLessonView *self);
  /* The lesson became the one shown, or stopped being it. */
  void          (*shown)       (MpdLessonView *self);
  void          (*hidden)      (MpdLessonView *self);
  /* Run the lesson now (mpdemo --run ID). */
  void          (*run)         (MpdLessonView *self);
  /* End its run for good, as the window closes: "running" turns FALSE once all is gone. */
  void          (*stop)        (MpdLessonView *self);
};

void          mpd_lesson_view_setup       (MpdLessonView *self,
                                           MpdWindow     *window);
GActionGroup *mpd_lesson_view_get_actions (MpdLessonView *self);
void          mpd_lesson_view_shown       (MpdLessonView *self);
void          mpd_lesson_view_hidden      (MpdLessonView *self);
void          mpd_lesson_view_run         (MpdLessonView *self);
void          mpd_lesson_view_stop        (MpdLessonView *self);
gboolean      mpd_lesson_view_get_running (MpdLessonView *self);

G_END_DECLS
