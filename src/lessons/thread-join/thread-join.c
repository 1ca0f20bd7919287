/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thread-join.c: two threads, both joined, then the main thread's own work (seed 004, "Fork
 * and Join"). */

/*
 * pthread_join() is Python's join(): the main thread sleeps until that thread has ended (the
 * kernel wakes it: MpDemo shows it waiting on a futex, "waiting for a lock"), and then frees
 * what was left of it. Only then does the main thread do its "post job".
 */

#define _GNU_SOURCE

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

typedef struct
{
  char      name[16];
  pthread_t thread;
} Worker;

static void *
worker_run (void *data)
{
  Worker *self = data;

  pthread_setname_np (pthread_self (), self->name);
  printf ("sub thread start %s\n", self->name);
  sleep (2);
  printf ("sub thread end %s\n", self->name);
  return NULL;
}

/* Worker(name).start() */
static int
worker_start (Worker     *self,
              const char *name)
{
  snprintf (self->name, sizeof self->name, "%s", name);
  return pthread_create (&self->thread, NULL, worker_run, self);
}

int
main (void)
{
  Worker t1, t2;

  setvbuf (stdout, NULL, _IOLBF, 0);

  printf ("main thread start\n");
  if (worker_start (&t1, "1") != 0 || worker_start (&t2, "2") != 0)
    return 1;
  pthread_join (t1.thread, NULL);  /* t1.join() */
  pthread_join (t2.thread, NULL);
  printf ("main thread post job\n");
  printf ("main thread end\n");
  return 0;
}
