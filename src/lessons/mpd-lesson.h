/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-lesson.h: what a lesson is (its description), and the list of every lesson built in. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The chapters of the seeds, in the order a class meets them. */
typedef enum
{
  MPD_CHAPTER_PROCESSES,
  MPD_CHAPTER_THREADS,
  MPD_CHAPTER_POOL,
  MPD_CHAPTER_QUEUES,
  MPD_CHAPTER_SHARED_MEMORY,
  MPD_CHAPTER_SERVERS,
  MPD_N_CHAPTERS
} MpdChapter;

/* A keyboard shortcut of a lesson's page: the window binds it while the lesson is shown, and
 * the shortcuts window lists it. */
typedef struct
{
  const char *action;   /* "pipeline.restart" */
  const char *accel;    /* "<Control>r", as gtk_accelerator_parse() reads it */
  const char *title;    /* N_("Start, or stop and start again") */
} MpdLessonShortcut;

#define MPD_LESSON_MAX_C_FILES 8

/*
 * A lesson, as its folder src/lessons/ID/ declares it in lesson.c. Strings marked N_() are
 * translated when shown. File names are those of the lesson's resources
 * (RESOURCE_PREFIX/lessons/ID/FILE) and, for the programs, of the lesson's folder under the
 * libexec folder (see mpd_lesson_dup_program_path()).
 */
typedef struct
{
  const char *id;              /* "spawn": the folder's name, and the name on the command line */
  MpdChapter  chapter;
  const char *title;           /* N_("Five processes") */
  const char *explanation;     /* N_(): a short paragraph for a student */
  const char *seed;            /* N_("Seed 000, first example"): where in the seeds it comes from */
  const char *c_files[MPD_LESSON_MAX_C_FILES];  /* shown in the Code view, the first first */
  const char *python_file;     /* "spawn.py", shown beside them and run with python3 */
  const char *program;         /* "spawn", the C program; NULL: MpDemo's own pipeline runs it */
  const char *python_modules;  /* "PyQt5": modules beyond the standard library, or NULL */
  gboolean    same_output;     /* the C and the Python print the same lines */
  const char *racy_lines;      /* a GRegex of the lines whose words depend on a race the lesson
                                * shows ("^Status after kill\\(\\): (True|False)$"), or NULL */
  const char *page_actions;    /* the prefix of the actions of a page of its own, or NULL */
  const MpdLessonShortcut *shortcuts;  /* ends with { NULL }, or NULL for none */
} MpdLesson;

const MpdLesson * const *mpd_lesson_get_all          (guint            *n_lessons);
const MpdLesson         *mpd_lesson_find             (const char       *id);
char                    *mpd_lesson_dup_ids          (void);
const char              *mpd_chapter_get_title       (MpdChapter        chapter);
char                    *mpd_lesson_dup_program_path (const MpdLesson  *lesson,
                                                      const char       *file_name);
char                   **mpd_lesson_dup_argv         (const MpdLesson  *lesson,
                                                      gboolean          python,
                                                      GError          **error);
gboolean                 mpd_lesson_check_python     (const MpdLesson  *lesson,
                                                      char            **reason);
void                     mpd_lesson_check_python_async  (const MpdLesson     *lesson,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean                 mpd_lesson_check_python_finish (GAsyncResult        *result,
                                                         gboolean            *can_run,
                                                         char               **reason,
                                                         GError             **error);
gboolean                 mpd_lesson_matches          (const MpdLesson  *lesson,
                                                      const char       *search);

G_END_DECLS
