/* SPDX-License-Identifier: GPL-3.0-or-later */
/* subclass.c: a Worker "subclass" of Process that overrides run() (seed 000, second example). */

/*
 * In Python, class Worker(multiprocessing.Process) overrides run(), and start() forks a child
 * that calls self.run(). C has no classes, but the idea is only this: a process is a record
 * (struct Process) that holds a pointer to the function to run in the child. "Subclassing" is
 * a struct that starts with a Process and adds its own fields; "overriding run()" is setting
 * that pointer to our own function. process_start() forks, and calls run() in the child: the
 * parent never runs it.
 *
 * As in spawn.c: stdout is flushed before fork() (Python does it for us), each child is named
 * for the kernel, sleeps a second so that MpDemo's table can show it, and the main process
 * waits for its children at the end, as Python's does.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* multiprocessing.Process, reduced to what this lesson needs. */
typedef struct Process Process;
struct Process
{
  char   name[16];
  pid_t  pid;
  void (*run) (Process *self);   /* what the child does: the method a subclass overrides */
};

/* Process.start(): a child that runs self->run(), then exits. */
static int
process_start (Process *self)
{
  fflush (stdout);
  self->pid = fork ();
  if (self->pid < 0)
    return -1;
  if (self->pid == 0)
    {
      prctl (PR_SET_NAME, self->name);
      self->run (self);
      exit (0);
    }
  return 0;
}

/* class Worker(multiprocessing.Process): a Process, and the arguments it was given. */
typedef struct
{
  Process parent;   /* first, so that a Worker * is also a Process * */
  int     args[1];
} Worker;

/* Worker.run(), the override. */
static void
worker_run (Process *process)
{
  Worker *self = (Worker *) process;

  printf ("name: %s, argument: %d\n", self->parent.name, self->args[0]);
  printf ("parent pid: %d, pid: %d\n", (int) getppid (), (int) getpid ());
  sleep (1);
}

int
main (void)
{
  Worker workers[5];

  setvbuf (stdout, NULL, _IOLBF, 0);

  for (int i = 0; i < 5; i++)
    {
      /* Worker(name="process %i" % i, args=(i,)) */
      snprintf (workers[i].parent.name, sizeof workers[i].parent.name, "process %d", i);
      workers[i].parent.run = worker_run;
      workers[i].args[0] = i;
      if (process_start (&workers[i].parent) < 0)
        {
          perror ("fork");
          return 1;
        }
    }

  while (wait (NULL) > 0)
    ;
  return 0;
}
