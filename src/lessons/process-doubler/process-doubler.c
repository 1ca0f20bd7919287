/* SPDX-License-Identifier: GPL-3.0-or-later */
/* process-doubler.c: one process for each number, each adding 10 to it (seed 002's Process
 * example). */

/*
 * Unlike a pool, which gives many tasks to a few workers, each process here runs one
 * function once, with its own argument, and ends: fork() is Process(target=doubler,
 * args=(number,)).start(), and waitpid() is join(). The order of the five children's lines is
 * the order in which the kernel ran them, which changes from run to run.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static void
func (void)
{
  printf ("the work that many processes share\n");
}

static void
doubler (int num)
{
  int result = num + 10;

  func ();
  printf ("num: %d, result: %d, pid: %d\n", num, result, (int) getpid ());
}

int
main (void)
{
  int nums[] = { 1, 2, 3, 4, 5 };
  pid_t procs[5];

  setvbuf (stdout, NULL, _IOLBF, 0);

  for (int i = 0; i < 5; i++)
    {
      procs[i] = fork ();
      if (procs[i] < 0)
        {
          perror ("fork");
          return 1;
        }
      if (procs[i] == 0)
        {
          doubler (nums[i]);
          exit (0);   /* exit(), not return: the child must not go on with the parent's loop */
        }
    }

  for (int i = 0; i < 5; i++)
    waitpid (procs[i], NULL, 0);
  printf ("all 5 processes joined\n");
  return 0;
}
