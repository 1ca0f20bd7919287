/* SPDX-License-Identifier: GPL-3.0-or-later */
/* runaway-lesson.c: a lesson that tries every way to outlive its run, for the runner's tests. */

/*
 * It starts:
 *   - a daemon, as daemons start: fork, setsid() (a session and process group of its own,
 *     away from the lesson's), fork again, and the middle process exits; the daemon ignores
 *     SIGTERM and sleeps for ever;
 *   - a child that forks a grandchild and stops it with SIGSTOP, then sleeps for ever;
 * prints "pid NAME PID" for each process, then sleeps for ever itself. Only SIGKILL, sent by
 * someone who finds them all, ends them.
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static void
say (const char *name)
{
  printf ("pid %s %d\n", name, (int) getpid ());
  fflush (stdout);
}

int
main (void)
{
  pid_t middle, child, stopped;
  int pipe_fds[2];

  setvbuf (stdout, NULL, _IOLBF, 0);
  say ("main");

  /* The daemon. The pipe makes the main process wait until it has said its pid. */
  if (pipe (pipe_fds) < 0)
    return 1;
  middle = fork ();
  if (middle == 0)
    {
      setsid ();
      if (fork () == 0)
        {
          signal (SIGTERM, SIG_IGN);
          say ("daemon");
          close (pipe_fds[1]);
          for (;;)
            pause ();
        }
      _exit (0);
    }
  close (pipe_fds[1]);
  waitpid (middle, NULL, 0);
  {
    char byte;
    while (read (pipe_fds[0], &byte, 1) > 0)
      ;
  }

  /* The child, and its stopped grandchild. */
  child = fork ();
  if (child == 0)
    {
      signal (SIGTERM, SIG_IGN);
      say ("child");
      stopped = fork ();
      if (stopped == 0)
        {
          say ("stopped");
          raise (SIGSTOP);
          for (;;)
            pause ();
        }
      for (;;)
        pause ();
    }

  for (;;)
    pause ();
}
