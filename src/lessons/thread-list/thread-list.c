/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thread-list.c: threads kept in an array, then all joined (seed 004, "a list of threads"). */

/*
 * The threads are kept (here in an array, in Python in a list) to be joined later, each in
 * turn: joining one that has already ended returns at once, so the loop ends when the
 * slowest thread has ended, whatever the order in which they end.
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

int
main (void)
{
  Worker threads[3];

  setvbuf (stdout, NULL, _IOLBF, 0);

  printf ("main thread start\n");
  for (int i = 0; i < 3; i++)
    {
      snprintf (threads[i].name, sizeof threads[i].name, "%d", i);
      if (pthread_create (&threads[i].thread, NULL, worker_run, &threads[i]) != 0)
        return 1;
    }

  for (int i = 0; i < 3; i++)
    pthread_join (threads[i].thread, NULL);
  printf ("main thread post job\n");
  printf ("main thread end\n");
  return 0;
}
