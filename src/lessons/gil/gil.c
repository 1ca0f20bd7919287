/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gil.c: the same CPU-bound work once, in N threads and in N processes, in C and then in
 * Python, measured on this machine (seeds 002 and 004, section 5). */

/*
 * The work is arithmetic and nothing else: steps of a random-number generator, each one
 * needing the one before, so that no compiler and no CPU can skip or share them. C does
 * 600,000,000 steps, Python 7,000,000: about a second each on a PC of 2026, because Python
 * runs each step through its interpreter.
 *
 * N is the number of cores (at least 2). The work is done once, to know its time; then N
 * times in N threads at once; then N times in N processes at once. If the N run side by
 * side, on N cores, the N works take the time of one: N times as fast as one after the
 * other. C has no GIL: its threads run side by side, as its processes do. Python's threads
 * take turns holding the GIL, so N threads take about N times as long; its processes each
 * have their own interpreter and their own GIL.
 *
 * This program measures C, then runs gil.py (beside it) to measure Python, so that one run
 * shows all six figures; gil.py does the same the other way round. Each figure is also sent
 * to MpDemo's page as a result event (src/engine/mpd-events.h), for its table.
 */

#define _GNU_SOURCE

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "mpd-events.h"

#define C_STEPS 600000000u

/* The work: its value goes to @out, which each thread has its own of (two threads writing one
 * variable would be a data race), and which is volatile, so that the work must be done. */
static void
work (volatile uint32_t *out)
{
  uint32_t x = 1;

  for (uint32_t i = 0; i < C_STEPS; i++)
    x = x * 1103515245u + 12345u;
  *out = x;
}

typedef struct
{
  int               number;
  volatile uint32_t value;
} Worker;

static double
now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void *
thread_work (void *data)
{
  Worker *worker = data;
  char name[32];

  snprintf (name, sizeof name, "worker %d", worker->number);
  name[15] = '\0';   /* the kernel keeps 15 bytes of a name */
  pthread_setname_np (pthread_self (), name);
  work (&worker->value);
  return NULL;
}

/* One line, and the same figure for MpDemo's table. */
static void
report (const char *label,
        const char *how,
        int         times,
        double      seconds,
        double      reference)
{
  if (times == 1)
    printf ("%s: the work once, %s: %.2f s\n", label, how, seconds);
  else
    printf ("%s: the work %d times, %s: %.2f s, %.2fx as fast as one after the other\n",
            label, times, how, seconds, times * reference / seconds);
  {
    char *event_label = g_strdup_printf ("%s, %s", label, how);

    mpd_events_emit (MPD_EVENT_RESULT, 0, times, (gint64) (seconds * 1e6), event_label);
    g_free (event_label);
  }
}

static void
measure_c (int n)
{
  pthread_t *threads = calloc (n, sizeof *threads);
  Worker *workers = calloc (n, sizeof *workers);
  pid_t *children = calloc (n, sizeof *children);
  volatile uint32_t value;
  char how[64];
  double start, once;

  start = now ();
  work (&value);
  once = now () - start;
  report ("C", "in the main thread", 1, once, once);

  start = now ();
  for (int i = 0; i < n; i++)
    {
      workers[i].number = i + 1;
      pthread_create (&threads[i], NULL, thread_work, &workers[i]);
    }
  for (int i = 0; i < n; i++)
    pthread_join (threads[i], NULL);
  snprintf (how, sizeof how, "in %d threads at once", n);
  report ("C", how, n, now () - start, once);

  start = now ();
  for (int i = 0; i < n; i++)
    {
      children[i] = fork ();
      if (children[i] == 0)
        {
          char name[32];

          snprintf (name, sizeof name, "worker %d", i + 1);
          prctl (PR_SET_NAME, name, 0, 0, 0);
          work (&value);   /* the child's copy of the variable */
          _exit (0);
        }
    }
  for (int i = 0; i < n; i++)
    waitpid (children[i], NULL, 0);
  snprintf (how, sizeof how, "in %d processes at once", n);
  report ("C", how, n, now () - start, once);

  free (threads);
  free (workers);
  free (children);
}

/* gil.py, beside this program, measures Python: it is run with --python-only. */
static void
measure_python (void)
{
  char self_path[4096];
  ssize_t length = readlink ("/proc/self/exe", self_path, sizeof self_path - 8);
  char *script;
  pid_t child;

  if (length <= 0)
    return;
  self_path[length] = '\0';
  script = g_strconcat (self_path, ".py", NULL);   /* .../gil -> .../gil.py */
  fflush (stdout);
  child = fork ();
  if (child == 0)
    {
      execlp ("python3", "python3", script, "--python-only", (char *) NULL);
      printf ("python3 could not be run: only C was measured\n");
      _exit (127);
    }
  waitpid (child, NULL, 0);
  g_free (script);
}

int
main (int   argc,
      char *argv[])
{
  long cores = sysconf (_SC_NPROCESSORS_ONLN);
  int n = cores < 2 ? 2 : (int) cores;
  int c_only = argc > 1 && strcmp (argv[1], "--c-only") == 0;

  setvbuf (stdout, NULL, _IOLBF, 0);

  if (argc > 1 && !c_only)
    {
      fprintf (stderr, "usage: %s [--c-only]\n", argv[0]);
      return 2;
    }
  if (!c_only)
    printf ("N = %d: the cores of this machine, at least 2\n", n);
  measure_c (n);
  if (!c_only)
    measure_python ();
  return 0;
}
