/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-lesson.c: the list of lessons, and where each lesson's programs are found. */

/*
 * Each lesson declares itself once, in src/lessons/ID/lesson.c. The build writes the table of
 * them all (mpd-lesson-table.c, from the list in src/lessons/meson.build), so the window, the
 * console and the tests all read the same list, and adding a lesson touches no code here.
 *
 * A lesson's programs live in a folder of their own: LIBEXEC/lessons/ID/ holds its C program
 * and its Python file. LIBEXEC is the installed libexec folder of MpDemo, or the folder named
 * by MPD_LIBEXEC_DIR, which the tests and the build folder use (see mpd-libexec.c).
 */

#define G_LOG_DOMAIN "mpd-lesson"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "mpd-lesson.h"
#include "mpd-libexec.h"

/* Written by the build: every lesson of src/lessons/meson.build, in its order. */
extern const MpdLesson * const mpd_lesson_table[];
extern const guint mpd_lesson_table_size;

/**
 * mpd_lesson_get_all:
 * @n_lessons: (out) (optional): how many there are
 *
 * Returns: (transfer none): every lesson, in the order of the lesson list, %NULL-terminated
 */
const MpdLesson * const *
mpd_lesson_get_all (guint *n_lessons)
{
  if (n_lessons != NULL)
    *n_lessons = mpd_lesson_table_size;

  return mpd_lesson_table;
}

/**
 * mpd_lesson_find:
 * @id: a lesson's id, such as "spawn"
 *
 * Returns: (transfer none) (nullable): the lesson, or %NULL when there is none of that id
 */
const MpdLesson *
mpd_lesson_find (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < mpd_lesson_table_size; i++)
    if (g_str_equal (mpd_lesson_table[i]->id, id))
      return mpd_lesson_table[i];

  return NULL;
}

/**
 * mpd_lesson_dup_ids:
 *
 * Returns: (transfer full): every lesson's id, separated by ", ", for a message
 */
char *
mpd_lesson_dup_ids (void)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < mpd_lesson_table_size; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", mpd_lesson_table[i]->id);

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/**
 * mpd_chapter_get_title:
 * @chapter: a chapter
 *
 * Returns: its title, translated
 */
const char *
mpd_chapter_get_title (MpdChapter chapter)
{
  static const char * const titles[MPD_N_CHAPTERS] = {
    [MPD_CHAPTER_PROCESSES] = N_("Processes"),
    [MPD_CHAPTER_THREADS] = N_("Threads"),
    [MPD_CHAPTER_POOL] = N_("Pool"),
    [MPD_CHAPTER_QUEUES] = N_("Queues and pipes"),
    [MPD_CHAPTER_SHARED_MEMORY] = N_("Shared memory and locks"),
    [MPD_CHAPTER_SERVERS] = N_("Servers and networks"),
  };

  g_return_val_if_fail (chapter < MPD_N_CHAPTERS, "");

  return _(titles[chapter]);
}

/**
 * mpd_lesson_dup_program_path:
 * @lesson: a lesson
 * @file_name: one of its files, such as "spawn" or "spawn.py"
 *
 * Returns: (transfer full): where that file is: LIBEXEC/lessons/ID/FILE
 */
char *
mpd_lesson_dup_program_path (const MpdLesson *lesson,
                             const char      *file_name)
{
  g_return_val_if_fail (lesson != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  return mpd_libexec_dup_path ("lessons", lesson->id, file_name, NULL);
}

static char *
find_python (void)
{
  const char *from_environment = g_getenv ("MPD_PYTHON");

  if (from_environment != NULL)
    return from_environment[0] != '\0' ? mpd_find_program (from_environment) : NULL;

  return mpd_find_program ("python3");
}

/**
 * mpd_lesson_dup_argv:
 * @lesson: a lesson
 * @python: %TRUE for its Python program, %FALSE for its C program
 * @error: where to say why it cannot run
 *
 * Returns: (transfer full) (nullable): the command that runs the lesson, or %NULL when the
 *   program is missing (python3 among them)
 */
char **
mpd_lesson_dup_argv (const MpdLesson  *lesson,
                     gboolean          python,
                     GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *python3 = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();

  g_return_val_if_fail (lesson != NULL, NULL);

  if (python)
    {
      python3 = find_python ();
      if (python3 == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("Python (python3) is not installed here, so the Python version of "
                         "this lesson cannot run."));
          return NULL;
        }
      path = mpd_lesson_dup_program_path (lesson, lesson->python_file);
      g_strv_builder_add (argv, python3);
    }
  else if (lesson->program != NULL)
    {
      path = mpd_lesson_dup_program_path (lesson, lesson->program);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The C side of “%s” is MpDemo itself: it runs on its own page."),
                   lesson->id);
      return NULL;
    }

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The lesson’s program %s is missing: is MpDemo fully installed?"), path);
      return NULL;
    }

  g_strv_builder_add (argv, path);
  return g_strv_builder_end (argv);
}

/* What python3 said about each set of modules: modules -> NULL (they import) or the reason
 * they do not. Main thread only. */
static GHashTable *python_answers;

static const char *
no_python_reason (void)
{
  return _("Python (python3) is not installed here.");
}

static char *
missing_modules_reason (const char *modules)
{
  return g_strdup_printf (_("This lesson’s Python needs the module %s, which python3 "
                            "cannot import here."), modules);
}

/* Whether the answer for @lesson is known without asking @python3 (%NULL: there is none);
 * sets @can_run, @reason. */
static gboolean
python_answer_known (const MpdLesson  *lesson,
                     const char       *python3,
                     gboolean         *can_run,
                     char            **reason)
{
  const char *modules = lesson->python_modules != NULL ? lesson->python_modules : "";
  const char *known;

  if (python_answers == NULL)
    python_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  *can_run = FALSE;
  *reason = NULL;
  if (python3 == NULL)
    {
      *reason = g_strdup (no_python_reason ());
      return TRUE;
    }
  if (modules[0] == '\0')
    {
      *can_run = TRUE;
      return TRUE;
    }
  if (!g_hash_table_lookup_extended (python_answers, modules, NULL, (gpointer *) &known))
    return FALSE;

  *can_run = known == NULL;
  *reason = g_strdup (known);
  return TRUE;
}

/* Keeps what python3 said (whether it @imports the lesson's modules), and sets @can_run and
 * @reason from it. */
static void
python_answer_keep (const MpdLesson  *lesson,
                    gboolean          imports,
                    gboolean         *can_run,
                    char            **reason)
{
  *can_run = imports;
  *reason = imports ? NULL : missing_modules_reason (lesson->python_modules);
  g_hash_table_insert (python_answers, g_strdup (lesson->python_modules), g_strdup (*reason));
}

/**
 * mpd_lesson_check_python:
 * @lesson: a lesson
 * @reason: (out) (optional): why its Python cannot run, for the user
 *
 * Looks for python3 and for the modules the lesson's Python needs beyond the standard library
 * (PyQt5, say), by asking python3 to import them. The answer is kept: ask as often as you
 * like. Call it from the main thread; it waits for python3, which can take a few hundred
 * milliseconds: a window asks with mpd_lesson_check_python_async() instead.
 *
 * Returns: %TRUE when the lesson's Python can run here
 */
gboolean
mpd_lesson_check_python (const MpdLesson  *lesson,
                         char            **reason)
{
  g_autofree char *python3 = NULL;
  g_autofree char *known_reason = NULL;
  gboolean can_run;

  g_return_val_if_fail (lesson != NULL, FALSE);

  python3 = find_python ();
  if (!python_answer_known (lesson, python3, &can_run, &known_reason))
    {
      g_autofree char *script = g_strdup_printf ("import %s", lesson->python_modules);
      const char *argv[] = { python3, "-c", script, NULL };
      int wait_status = 0;

      python_answer_keep (lesson, g_spawn_sync (NULL, (char **) argv, NULL,
                                                G_SPAWN_STDOUT_TO_DEV_NULL |
                                                G_SPAWN_STDERR_TO_DEV_NULL,
                                                NULL, NULL, NULL, NULL, &wait_status, NULL) &&
                                  g_spawn_check_wait_status (wait_status, NULL),
                          &can_run, &known_reason);
    }

  if (reason != NULL)
    *reason = g_steal_pointer (&known_reason);
  return can_run;
}

/* In the child, before python3 starts: it gets SIGKILL if MpDemo (pid @data) dies first, so
 * that it never outlives MpDemo. MpDemo may have died before prctl(): then the child is no
 * longer ours, and ends at once (as mpdemo-supervisor.c does). */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != GPOINTER_TO_INT (data))
    _exit (1);
}

/* Given up: python3 is killed and reaped now, before whoever gave up is gone (a window that
 * closes leaves no child behind). GSubprocess reaps in GLib's worker thread: this waits a few
 * milliseconds at most, once SIGKILL is sent. */
static void
check_python_cancelled_cb (GCancellable *cancellable,
                           GSubprocess  *python)
{
  g_subprocess_force_exit (python);
  g_subprocess_wait (python, NULL, NULL);
}

/* What a check's task returns. */
typedef struct
{
  gboolean  can_run;
  char     *reason;
} PythonAnswer;

static void
python_answer_free (PythonAnswer *answer)
{
  g_free (answer->reason);
  g_free (answer);
}

/* Returns the answer (taking @reason) from @task. */
static void
return_python_answer (GTask    *task,
                      gboolean  can_run,
                      char     *reason)
{
  PythonAnswer *answer = g_new0 (PythonAnswer, 1);

  answer->can_run = can_run;
  answer->reason = reason;
  g_task_return_pointer (task, answer, (GDestroyNotify) python_answer_free);
}

static void
check_python_exited_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean imports = g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);

  /* Cancelled: check_python_cancelled_cb() has ended python3 already. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  {
    gboolean can_run;
    char *reason;

    python_answer_keep (g_task_get_task_data (task), imports, &can_run, &reason);
    return_python_answer (task, can_run, reason);
  }
}

/**
 * mpd_lesson_check_python_async:
 * @lesson: a lesson
 * @cancellable: (nullable): to give up (python3 is then killed and reaped at once)
 * @callback: called in the main thread when the answer is known
 * @user_data: for @callback
 *
 * As mpd_lesson_check_python(), without waiting: python3 runs as a child process, and the
 * main loop goes on meanwhile. At MpDemo's start, waiting for python3 to import PyQt5 delayed
 * the first message on screen by a quarter of a second (bench/run.py, startup).
 */
void
mpd_lesson_check_python_async (const MpdLesson     *lesson,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) python = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *python3 = NULL;
  g_autofree char *script = NULL;
  char *reason = NULL;
  gboolean can_run;

  g_return_if_fail (lesson != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mpd_lesson_check_python_async);
  g_task_set_task_data (task, (gpointer) lesson, NULL);
  python3 = find_python ();
  if (python_answer_known (lesson, python3, &can_run, &reason))
    {
      return_python_answer (task, can_run, reason);
      return;
    }

  script = g_strdup_printf ("import %s", lesson->python_modules);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, GINT_TO_POINTER (getpid ()),
                                         NULL);
  python = g_subprocess_launcher_spawn (launcher, &error, python3, "-c", script, NULL);
  if (python == NULL)
    {
      python_answer_keep (lesson, FALSE, &can_run, &reason);
      return_python_answer (task, can_run, reason);
      return;
    }
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (check_python_cancelled_cb),
                           g_object_ref (python), g_object_unref);
  g_subprocess_wait_check_async (python, cancellable, check_python_exited_cb,
                                 g_steal_pointer (&task));
}

/**
 * mpd_lesson_check_python_finish:
 * @result: the result given to the callback
 * @can_run: (out): whether the lesson's Python can run here
 * @reason: (out) (optional): why it cannot, for the user
 * @error: where to put why there is no answer (it was cancelled)
 *
 * Returns: %TRUE when the answer is known
 */
gboolean
mpd_lesson_check_python_finish (GAsyncResult  *result,
                                gboolean      *can_run,
                                char         **reason,
                                GError       **error)
{
  PythonAnswer *answer;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  *can_run = FALSE;
  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;
  *can_run = answer->can_run;
  if (reason != NULL)
    *reason = g_steal_pointer (&answer->reason);
  python_answer_free (answer);
  return TRUE;
}

/**
 * mpd_lesson_matches:
 * @lesson: a lesson
 * @search: (nullable): what the user typed
 *
 * Returns: %TRUE when every word of @search is found, ignoring case, in the lesson's id,
 *   title, chapter or seed, in English or in the user's language
 */
gboolean
mpd_lesson_matches (const MpdLesson *lesson,
                    const char      *search)
{
  g_autofree char *haystack = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (lesson != NULL, FALSE);

  if (search == NULL || search[0] == '\0')
    return TRUE;

  {
    g_autofree char *all = g_strjoin ("\n", lesson->id, lesson->title, _(lesson->title),
                                      mpd_chapter_get_title (lesson->chapter), lesson->seed,
                                      _(lesson->seed), NULL);
    haystack = g_utf8_casefold (all, -1);
  }

  words = g_strsplit_set (search, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_casefold (words[i], -1);

      if (word[0] != '\0' && strstr (haystack, word) == NULL)
        return FALSE;
    }

  return TRUE;
}
