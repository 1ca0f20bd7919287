/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-lesson-view.c: what the window asks of a lesson's page, whichever lesson it is. */

/*
 * The window hosts pages it knows nothing about: the generic lesson page (MpdLessonPage) for
 * most lessons, and a page of its own for a lesson that needs one (the producer-consumer
 * lesson's MpdPipelinePage). Both implement this interface, so that the window can show,
 * run and stop any of them, and make their shortcuts work from anywhere in the window.
 * Each has a "running" property: the window does not go before every run has ended.
 */

#define G_LOG_DOMAIN "mpd-lesson-view"

#include "config.h"

#include "mpd-lesson-view.h"

G_DEFINE_INTERFACE (MpdLessonView, mpd_lesson_view, GTK_TYPE_WIDGET)

static void
mpd_lesson_view_default_init (MpdLessonViewInterface *iface)
{
  /* Whether one of its runs still has a process. */
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

void
mpd_lesson_view_setup (MpdLessonView *self,
                       MpdWindow     *window)
{
  g_return_if_fail (MPD_IS_LESSON_VIEW (self));

  if (MPD_LESSON_VIEW_GET_IFACE (self)->setup != NULL)
    MPD_LESSON_VIEW_GET_IFACE (self)->setup (self, window);
}

GActionGroup *
mpd_lesson_view_get_actions (MpdLessonView *self)
{
  g_return_val_if_fail (MPD_IS_LESSON_VIEW (self), NULL);

  if (MPD_LESSON_VIEW_GET_IFACE (self)->get_actions == NULL)
    return NULL;
  return MPD_LESSON_VIEW_GET_IFACE (self)->get_actions (self);
}

void
mpd_lesson_view_shown (MpdLessonView *self)
{
  g_return_if_fail (MPD_IS_LESSON_VIEW (self));

  if (MPD_LESSON_VIEW_GET_IFACE (self)->shown != NULL)
    MPD_LESSON_VIEW_GET_IFACE (self)->shown (self);
}

void
mpd_lesson_view_hidden (MpdLessonView *self)
{
  g_return_if_fail (MPD_IS_LESSON_VIEW (self));

  if (MPD_LESSON_VIEW_GET_IFACE (self)->hidden != NULL)
    MPD_LESSON_VIEW_GET_IFACE (self)->hidden (self);
}

void
mpd_lesson_view_run (MpdLessonView *self)
{
  g_return_if_fail (MPD_IS_LESSON_VIEW (self));

  if (MPD_LESSON_VIEW_GET_IFACE (self)->run != NULL)
    MPD_LESSON_VIEW_GET_IFACE (self)->run (self);
}

void
mpd_lesson_view_stop (MpdLessonView *self)
{
  g_return_if_fail (MPD_IS_LESSON_VIEW (self));

  if (MPD_LESSON_VIEW_GET_IFACE (self)->stop != NULL)
    MPD_LESSON_VIEW_GET_IFACE (self)->stop (self);
}

gboolean
mpd_lesson_view_get_running (MpdLessonView *self)
{
  gboolean running = FALSE;

  g_return_val_if_fail (MPD_IS_LESSON_VIEW (self), FALSE);

  g_object_get (self, "running", &running, NULL);
  return running;
}
