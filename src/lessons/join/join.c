/* SPDX-License-Identifier: GPL-3.0-or-later */
/* join.c: the order of start and end, without join() and with it (seed 004, 2). */

/*
 * join() is waitpid(): the parent sleeps in the kernel (MpDemo shows it waiting in do_wait)
 * until its child has ended, then collects how it ended. Without it, the parent goes on at
 * once: its "end" line comes before the child's lines.
 *
 * One difference with Python: at the end of a Python program, multiprocessing joins every
 * child that is not a daemon, so Python's main process never leaves a child behind. A C
 * program has no such rule: if main() returned while its child still ran, the child would go
 * on alone, re-parented to another process, and nobody would reap it as its parent. So the
 * first example waits for its child after its last line, as Python does at exit.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static void
work (void)
{
  printf ("Sub Process start\n");
  sleep (2);
  printf ("Sub Process end\n");
}

/* Process(name="Sub Process", target=work).start() */
static pid_t
start_sub_process (void)
{
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      prctl (PR_SET_NAME, "Sub Process");
      work ();
      exit (0);
    }
  return pid;
}

int
main (void)
{
  pid_t proc;

  setvbuf (stdout, NULL, _IOLBF, 0);

  /* 1) Without join() */
  printf ("Main Process start\n");
  proc = start_sub_process ();
  if (proc < 0)
    return 1;
  printf ("Main Process end\n");
  waitpid (proc, NULL, 0);  /* what Python does at exit, before the second example */

  /* 2) With join() */
  printf ("Main Process start\n");
  proc = start_sub_process ();
  if (proc < 0)
    return 1;
  waitpid (proc, NULL, 0);  /* proc.join() */
  printf ("Main Process end\n");
  return 0;
}
