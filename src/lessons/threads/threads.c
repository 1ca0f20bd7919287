/* SPDX-License-Identifier: GPL-3.0-or-later */
/* threads.c: five named threads, and a main thread that ends first (seed 004, section 1.1). */

/*
 * A thread is pthread_create() with the function it runs, here with the Worker it works for
 * (Python's Thread subclass with its run() method). All the threads of a process share its
 * memory, its fds, its pid: MpDemo draws one process with six threads. Each worker names
 * itself (pthread_setname_np()), and the kernel then shows that name for it.
 *
 * When Python's main thread reaches the end of the program, Python waits for every thread
 * that is not a daemon (it joins them). In C, returning from main() would end the process,
 * its threads with it: so main() joins them after its last line, as Python does.
 */

#define _GNU_SOURCE

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

typedef struct
{
  char      name[16];  /* the thread's name: 15 bytes at most, as the kernel keeps it */
  pthread_t thread;
} Worker;

/* Worker.run() */
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
  static Worker workers[5];

  setvbuf (stdout, NULL, _IOLBF, 0);

  printf ("main thread start\n");
  for (int i = 0; i < 5; i++)
    {
      snprintf (workers[i].name, sizeof workers[i].name, "thread %d", i);
      if (pthread_create (&workers[i].thread, NULL, worker_run, &workers[i]) != 0)
        return 1;
    }
  printf ("main thread end\n");

  /* What Python does at the end of the program: it waits for every thread (not a daemon). */
  for (int i = 0; i < 5; i++)
    pthread_join (workers[i].thread, NULL);
  return 0;
}
