/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spawn.c: five processes, each with a name and an argument (seed 000, first example). */

/*
 * Python's multiprocessing.Process(target=worker, name=..., args=(i,)).start() forks: the
 * child is a copy of the parent, which then calls worker(i) and exits. In C, fork() is that
 * copy, and the code that runs in the child is simply the branch where fork() returned 0.
 *
 * What Python does for us, and C must say out loud:
 *   - the process's name: Python keeps it in the Process object; here the child asks the
 *     kernel to call it so (prctl PR_SET_NAME), so that ps and MpDemo's table show it too;
 *   - the output: Python flushes stdout before it forks, or the child would print again
 *     what the parent had not written yet; C must fflush() as well;
 *   - the end: Python's main process waits for its children before it exits; in C, wait().
 *
 * Each worker then sleeps a second before it ends, so that you can see the five processes in
 * MpDemo's table; the seed's workers end at once.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static void
worker (const char *name,
        int         count)
{
  printf ("name: %s, argument : %d\n", name, count);
  printf ("parent pid:%d  pid:%d\n", (int) getppid (), (int) getpid ());
  printf ("\n");
  sleep (1);
}

int
main (void)
{
  /* One line at a time, even into a pipe, as a terminal shows it. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  for (int i = 0; i < 5; i++)
    {
      char name[16];
      pid_t pid;

      snprintf (name, sizeof name, "process %d", i);
      fflush (stdout);
      pid = fork ();                  /* p.start() */
      if (pid < 0)
        {
          perror ("fork");
          return 1;
        }
      if (pid == 0)
        {
          prctl (PR_SET_NAME, name);  /* name="process %i" */
          worker (name, i);           /* target=worker, args=(i,) */
          exit (0);
        }
    }

  /* As Python does when the main process ends: wait for every child. */
  while (wait (NULL) > 0)
    ;
  return 0;
}
