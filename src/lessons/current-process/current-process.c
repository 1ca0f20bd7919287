/* SPDX-License-Identifier: GPL-3.0-or-later */
/* current-process.c: a main process that does not wait for its child (seed 004, section 2). */

/*
 * multiprocessing.current_process() is the Process object of the process that asks: its name
 * is "MainProcess" in the program's first process, and the name it was given in a child. In
 * C, a process knows its pid (getpid()), and its name is whatever we keep; the child also
 * gives it to the kernel (prctl PR_SET_NAME), so that ps and MpDemo's table show it.
 *
 * The main process starts the child and goes on at once: it prints "MainProcess End" long
 * before the child, asleep for five seconds, prints "SubProcess End". Python's main process
 * then waits for the child before it really exits; so does this one, with wait().
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static const char *current_name = "MainProcess";

static void
worker (void)
{
  printf ("%s\n", current_name);
  printf ("pid: %d\n", (int) getpid ());
  sleep (5);
  printf ("SubProcess End\n");
}

int
main (void)
{
  pid_t pid;

  setvbuf (stdout, NULL, _IOLBF, 0);

  /* The main process. */
  printf ("%s\n", current_name);
  printf ("pid: %d\n", (int) getpid ());

  /* Process spawning: p = Process(name="SubProcess", target=worker); p.start() */
  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      return 1;
    }
  if (pid == 0)
    {
      current_name = "SubProcess";
      prctl (PR_SET_NAME, current_name);
      worker ();
      exit (0);
    }

  printf ("MainProcess End\n");

  while (wait (NULL) > 0)
    ;
  return 0;
}
