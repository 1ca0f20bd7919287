/* SPDX-License-Identifier: GPL-3.0-or-later */
/* isolation.c: each process has its own memory (seed 004: num = 42, and section 6). */

/*
 * fork() gives the child a copy of the parent's memory: every global, every object, as they
 * are at that moment. From then on the two copies are apart. A child that adds 1 to num
 * changes its own copy; the parent's num is still 42, and the next child starts from 42
 * again. An object whose method runs in the child is changed in the child's copy only: the
 * parent's still says NULL (Python's None) after the child has ended. To share memory, a
 * program must ask for it (mmap(MAP_SHARED), Python's Value and Array: a later chapter).
 *
 * Python's multiprocessing gives every process a name: "MainProcess" for the first, the name=
 * of Process() for a child. current_name below is that name, kept by each process for itself,
 * and also given to the kernel (comm), so that MpDemo's view shows it.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static int num = 42;
static const char *current_name = "MainProcess";  /* mp.current_process().name */

/* Process(name=..., target=...).start(), then join(): runs @target (@self, @arg) in a child. */
static int
run_in_child (const char *name,
              void      (*target) (void *self, const char *arg),
              void       *self,
              const char *arg)
{
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      current_name = name;
      prctl (PR_SET_NAME, name);
      target (self, arg);
      exit (0);
    }
  return waitpid (pid, NULL, 0) == pid ? 0 : -1;
}

/* 1) A global */
static void
f (void       *self,
   const char *name)
{
  num += 1;
  printf ("--------------------\n");
  printf ("PID of parent: %d\n", (int) getppid ());
  printf ("PID of %s : %d\n", name, (int) getpid ());
  printf ("%d\n", num);
}

/* 2) An object, made in the main process; its method runs in the child. */
typedef struct
{
  const char *name;
} Worker;

static void
worker_init (Worker *self)
{
  printf ("__init__ %s\n", current_name);
  self->name = NULL;
}

static void
worker_run (void       *data,
            const char *name)
{
  Worker *self = data;

  self->name = name;
  printf ("run %s\n", self->name);
  printf ("run %s\n", current_name);
}

/* 3) A class as the target: the object is made in the child, by the child. */
static void
target_worker_new (void       *unused,
                   const char *name)
{
  Worker self;

  printf ("__init__ %s\n", current_name);
  self.name = name;
  printf ("run %s\n", self.name);
  printf ("run %s\n", current_name);
}

int
main (void)
{
  Worker w;

  setvbuf (stdout, NULL, _IOLBF, 0);
  prctl (PR_SET_NAME, current_name);

  /* 1) A global */
  printf ("PID of %s : %d\n", current_name, (int) getpid ());
  printf ("%d\n", num);
  if (run_in_child ("Process-1", f, NULL, "proc_1") < 0 ||
      run_in_child ("Process-2", f, NULL, "proc_2") < 0)
    return 1;
  printf ("%d\n", num);

  /* 2) An object */
  worker_init (&w);
  if (run_in_child ("SubProcess", worker_run, &w, "bob") < 0)
    return 1;
  printf ("%s\n", w.name != NULL ? w.name : "None");

  /* 3) A class as the target */
  if (run_in_child ("SubProcess", target_worker_new, NULL, "bob") < 0)
    return 1;
  return 0;
}
