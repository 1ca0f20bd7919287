/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log_to_stderr.c: what multiprocessing's log says about the processes' lives, at the INFO
 * level and at the DEBUG level (seeds 000 and 001). */

/*
 * Python's multiprocessing has a logger of its own, silent until log_to_stderr() gives it
 * stderr: each line is "[LEVEL/process name] message", and the level chosen (setLevel())
 * decides which lines are written. A child started with fork() gets a copy of the logger as
 * it is then, level included. log_at() below is that logger, and the
 * functions around them log what multiprocessing logs, at the same moments:
 *
 *   - a child, when it starts its work and when its process ends (process_start());
 *   - every process at its end: its clean-up ("atexit" finalizers, at DEBUG), and, for the
 *     main process, the join() of every child it has not joined yet (process_exit()).
 *
 * stderr is not buffered: each line is written as it is logged, whole.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

typedef enum { DEBUG = 10, INFO = 20 } Level;  /* Python's logging.DEBUG and logging.INFO */

static Level log_level = INFO + 100;  /* silent until set */
static char current_name[32] = "MainProcess";  /* mp.current_process().name */

/* logger.log(level, format, ...): written if @level is at least the level set. */
static void log_at (Level level, const char *format, ...) __attribute__ ((format (printf, 2, 3)));

static void
log_at (Level       level,
        const char *format,
        ...)
{
  char message[256];
  va_list args;

  if (level < log_level)
    return;
  va_start (args, format);
  vsnprintf (message, sizeof message, format, args);
  va_end (args);
  fprintf (stderr, "[%s/%s] %s\n", level == DEBUG ? "DEBUG" : "INFO", current_name, message);
}

#define log_info(...) log_at (INFO, __VA_ARGS__)    /* util.info() */
#define log_debug(...) log_at (DEBUG, __VA_ARGS__)  /* util.debug() */

/* The children started and not joined yet: Python's active_children(). */
static pid_t children[8];
static char child_names[8][32];
static int n_children;
static int n_started;

/* What every process does at its end, and the main process waits for its children. */
static void
process_exit (void)
{
  log_info ("process shutting down");
  log_debug ("running all \"atexit\" finalizers with priority >= 0");
  for (int i = 0; i < n_children; i++)
    {
      log_info ("calling join() for process %s", child_names[i]);
      waitpid (children[i], NULL, 0);
    }
  n_children = 0;
  log_debug ("running the remaining \"atexit\" finalizers");
}

static void
worker (int count)
{
  printf ("count: %d\n", count);
  usleep (500 * 1000);  /* still working when the main process reaches its end */
}

/* Process(target=worker, args=(count,)).start(): named Process-1, Process-2… */
static pid_t
process_start (int count)
{
  pid_t pid;

  n_started++;
  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      snprintf (current_name, sizeof current_name, "Process-%d", n_started);
      prctl (PR_SET_NAME, current_name);
      n_children = 0;
      log_info ("child process calling self.run()");
      worker (count);
      process_exit ();
      log_info ("process exiting with exitcode 0");
      fflush (stdout);
      _exit (0);
    }
  if (pid > 0)
    {
      children[n_children] = pid;
      snprintf (child_names[n_children], sizeof child_names[0], "Process-%d", n_started);
      n_children++;
    }
  return pid;
}

/* p.join(): waits, and p is no longer an active child. */
static void
process_join (pid_t pid)
{
  waitpid (pid, NULL, 0);
  for (int i = 0; i < n_children; i++)
    if (children[i] == pid)
      {
        children[i] = children[--n_children];
        memcpy (child_names[i], child_names[n_children], sizeof child_names[0]);
      }
}

int
main (void)
{
  pid_t p;

  setvbuf (stdout, NULL, _IOLBF, 0);

  printf ("1) INFO\n");
  log_level = INFO;  /* log_to_stderr().setLevel(logging.INFO) */
  p = process_start (0);
  if (p < 0)
    return 1;
  process_join (p);

  printf ("2) DEBUG\n");
  log_level = DEBUG;
  for (int count = 1; count <= 2; count++)
    if (process_start (count) < 0)
      return 1;

  process_exit ();  /* what Python does at the end of the main process's program */
  return 0;
}
