/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-lesson-pages.h: the lessons with a page of their own, and the type of that page. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;
  GType     (*get_type) (void);
} MpdLessonPageType;

/* Ends with { NULL, NULL }. Written by the build (src/lessons/meson.build). */
extern const MpdLessonPageType mpd_lesson_page_types[];

G_END_DECLS
