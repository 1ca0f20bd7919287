/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-console-lesson.c: a lesson run in the terminal (mpdemo --console --run ID). */

/*
 * The same runner as the window's (engine/mpd-runner.c), with a GMainLoop in place of GTK:
 * the lesson's stdout goes to ours and its stderr to ours, as they come, and its exit status
 * becomes ours, as a shell would give it: N, or 128 + the signal that killed it. Ctrl+C or
 * SIGTERM ends the run as Stop does in the window: every process of it goes.
 */

#define G_LOG_DOMAIN "mpd-console"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mpd-console.h"
#include "mpd-runner.h"

typedef struct
{
  GMainLoop *loop;
  int        exit_status;
  gboolean   write_failed;
} LessonConsole;

static void
output_cb (MpdRunner     *runner,
           int            stream,
           GBytes        *bytes,
           LessonConsole *console)
{
  FILE *file = stream == MPD_RUNNER_STDERR ? stderr : stdout;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (fwrite (data, 1, size, file) != size || fflush (file) != 0)
    console->write_failed = TRUE;
}

static void
finished_cb (MpdRunner     *runner,
             int            wait_status,
             gboolean       stopped,
             LessonConsole *console)
{
  if (wait_status < 0)
    console->exit_status = 1;
  else if (WIFEXITED (wait_status))
    console->exit_status = WEXITSTATUS (wait_status);
  else if (WIFSIGNALED (wait_status))
    console->exit_status = 128 + WTERMSIG (wait_status);
  else
    console->exit_status = 1;
  g_main_loop_quit (console->loop);
}

static gboolean
stop_signal_cb (gpointer data)
{
  mpd_runner_stop (MPD_RUNNER (data));
  return G_SOURCE_CONTINUE;
}

/**
 * mpd_console_run_lesson:
 * @lesson: a lesson
 * @python: run its Python program instead of its C program
 *
 * Returns: the exit status for mpdemo: the lesson's own, 128 + a signal that killed it, or 1
 *   (with a line on stderr) when it could not start
 */
int
mpd_console_run_lesson (const MpdLesson *lesson,
                        gboolean         python)
{
  g_autoptr(MpdRunner) runner = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *reason = NULL;
  LessonConsole console = { NULL, 0, FALSE };
  guint sigint_id, sigterm_id;

  g_return_val_if_fail (lesson != NULL, 1);

  /* The same words as the window's, instead of Python's traceback. */
  if (python && !mpd_lesson_check_python (lesson, &reason))
    {
      g_printerr ("mpdemo: %s\n", reason);
      return 1;
    }

  argv = mpd_lesson_dup_argv (lesson, python, &error);
  if (argv == NULL)
    {
      g_printerr ("mpdemo: %s\n", error->message);
      return 1;
    }

  runner = mpd_runner_new ();
  if (!mpd_runner_start (runner, (const char * const *) argv, &error))
    {
      g_printerr (_("mpdemo: the lesson could not start: %s\n"), error->message);
      return 1;
    }

  console.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (runner, "output", G_CALLBACK (output_cb), &console);
  g_signal_connect (runner, "finished", G_CALLBACK (finished_cb), &console);
  sigint_id = g_unix_signal_add (SIGINT, stop_signal_cb, runner);
  sigterm_id = g_unix_signal_add (SIGTERM, stop_signal_cb, runner);

  g_main_loop_run (console.loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_data (runner, &console);
  g_main_loop_unref (console.loop);

  if (console.write_failed)
    {
      g_printerr (_("mpdemo: the lesson’s output could not be written\n"));
      return console.exit_status != 0 ? console.exit_status : 1;
    }

  return console.exit_status;
}
