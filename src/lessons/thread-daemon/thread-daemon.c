/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thread-daemon.c: daemon threads vanish when the program ends; a thread that is not a daemon
 * keeps it going (seed 004, "daemon threads"). */

/*
 * "Daemon" is Python's word: at the end of the program, Python waits for every thread that is
 * not a daemon (it joins them), and then the process exits, which ends the daemon threads
 * wherever they are: nothing runs their last lines. exit() in C does the same to every
 * thread still running. python_exit() below is what Python does at the end: join the
 * threads that are not daemons, then exit.
 */

#define _GNU_SOURCE

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct
{
  char      name[16];
  int       seconds;
  int       daemon;
  pthread_t thread;
} Worker;

static void *
worker_run (void *data)
{
  Worker *self = data;

  pthread_setname_np (pthread_self (), self->name);
  printf ("sub thread start %s\n", self->name);
  sleep (self->seconds);
  printf ("sub thread end %s\n", self->name);
  return NULL;
}

static Worker workers[4];

/* The end of a Python program: every thread that is not a daemon is joined, then exit(). */
static void
python_exit (void)
{
  for (int i = 0; i < 4; i++)
    if (!workers[i].daemon)
      pthread_join (workers[i].thread, NULL);
  exit (0);
}

int
main (void)
{
  setvbuf (stdout, NULL, _IOLBF, 0);

  printf ("main thread start\n");
  for (int i = 0; i < 4; i++)
    {
      Worker *w = &workers[i];

      w->daemon = i < 3;
      w->seconds = w->daemon ? 4 : 2;
      if (w->daemon)
        snprintf (w->name, sizeof w->name, "daemon %d", i);
      else
        snprintf (w->name, sizeof w->name, "worker");
      if (pthread_create (&w->thread, NULL, worker_run, w) != 0)
        return 1;
    }
  printf ("main thread end\n");
  python_exit ();
}
