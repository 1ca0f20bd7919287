/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lifecycle.c: is_alive() before start, after start, after kill(), after join() (seed 004, 3). */

/*
 * A process is alive from fork() until its parent has collected how it ended. kill() sends
 * SIGKILL and returns at once; the kernel ends the child a moment later and keeps its exit
 * status. From then until the parent calls waitpid(), the child is a zombie: it runs no more,
 * but it is still in the process table (MpDemo draws it so).
 *
 * Python's is_alive() is waitpid(pid, WNOHANG): "has it ended?" without waiting, which also
 * collects the child if it has. Just after kill(), the answer is a race: True if the kernel has
 * not finished ending the child yet (as in the seed, and most of the time), False if it has.
 * join() is waitpid() that waits. Python's exitcode is the exit status, or minus the signal
 * that ended the process: -9 for SIGKILL.
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* What Python's Process keeps about its child. */
typedef struct
{
  pid_t pid;       /* 0 before start() */
  int   exitcode;  /* Python's exitcode, once collected */
  int   collected;
} Process;

static void
work (void)
{
  for (;;)
    {
      printf ("sub process is running\n");
      sleep (1);
    }
}

static void
process_start (Process *p)
{
  fflush (stdout);
  p->pid = fork ();
  if (p->pid == 0)
    {
      prctl (PR_SET_NAME, "SubProcess");
      work ();
    }
}

/* waitpid(), and the status as Python's exitcode: the exit status, or minus the signal. */
static void
process_wait (Process *p,
              int      flags)
{
  int status;

  if (p->collected || waitpid (p->pid, &status, flags) != p->pid)
    return;
  p->collected = 1;
  p->exitcode = WIFSIGNALED (status) ? -WTERMSIG (status) : WEXITSTATUS (status);
}

/* p.is_alive(): started, and not ended (waitpid() with WNOHANG does not wait). */
static const char *
process_is_alive (Process *p)
{
  if (p->pid <= 0)
    return "False";
  process_wait (p, WNOHANG);
  return p->collected ? "False" : "True";
}

int
main (void)
{
  Process p = { 0 };

  setvbuf (stdout, NULL, _IOLBF, 0);

  printf ("Status before start(): %s\n", process_is_alive (&p));  /* False */
  process_start (&p);
  if (p.pid < 0)
    return 1;
  printf ("Status after start(): %s\n", process_is_alive (&p));   /* True */
  usleep (2500 * 1000);
  kill (p.pid, SIGKILL);                                          /* p.kill() */
  printf ("Status after kill(): %s\n", process_is_alive (&p));    /* a race */
  sleep (2);                                     /* a zombie now: ended, not collected */
  process_wait (&p, 0);                                           /* p.join() */
  printf ("Status after join(): %s\n", process_is_alive (&p));    /* False */
  printf ("exitcode: %d\n", p.exitcode);                         /* -9 */
  return 0;
}
