/* SPDX-License-Identifier: GPL-3.0-or-later */
/* args.c: passing arguments to a child process, to a function and to a method (seed 004, 1). */

/*
 * Python's Process(target=work, args=("hello",)) calls work("hello") in the child. In C, a
 * target is a pointer to a function, and its arguments travel in a pointer beside it: the
 * child gets a copy of the parent's whole memory at fork(), so whatever that pointer points
 * to is there in the child too, as it was when the child started.
 *
 * A method of a class instance (target=w.run) is the same thing with the object as the first
 * argument: a function, and a pointer to the object. The child works on its own copy of the
 * object; a change it makes is never seen by the parent (see the "isolation" lesson).
 *
 * As in spawn.c: stdout is flushed before fork(), so that the child does not print the
 * parent's buffered lines again; the child names itself for the kernel (comm, which MpDemo's
 * table shows); the parent waits for the child, as join() does.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* What the child runs: a function and its argument, as Process(target=, args=) holds them. */
typedef void (*Target) (void *self, const char *value);

static pid_t
process_start (const char *name,
               Target      target,
               void       *self,
               const char *value)
{
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      prctl (PR_SET_NAME, name);
      target (self, value);
      exit (0);
    }
  return pid;
}

static void
process_join (pid_t pid)
{
  waitpid (pid, NULL, 0);
}

/* The name a process was started with, as mp.current_process().name gives it. */
static const char *
current_process_name (void)
{
  static char name[16];

  prctl (PR_GET_NAME, name);
  return name;
}

/* 1) A function. (self is not used: a plain function has none.) */
static void
work (void       *self,
      const char *value)
{
  printf ("%s\n", current_process_name ());
  printf ("%s\n", value);
}

/* 2) A class: its fields, and its method run(), which gets the object first. */
typedef struct
{
  int unused;
} Worker;

static void
worker_run (void       *self,
            const char *value)
{
  printf ("%s\n", current_process_name ());
  printf ("%s\n", value);
}

int
main (void)
{
  Worker w = { 0 };
  pid_t p;

  setvbuf (stdout, NULL, _IOLBF, 0);

  p = process_start ("Sub Process", work, NULL, "hello");
  if (p < 0)
    return 1;
  process_join (p);
  printf ("Main Process\n");

  p = process_start ("Sub Process", worker_run, &w, "hello");
  if (p < 0)
    return 1;
  process_join (p);
  printf ("Main Process\n");
  return 0;
}
