/* SPDX-License-Identifier: GPL-3.0-or-later */
/* daemon.c: what Python's daemon=True really does (seeds 001 and 004). */

/*
 * "Daemon" is a word of Python's multiprocessing, not of the kernel: the kernel has no rule
 * about what happens to a child when its parent ends. It is Python's main process that, when
 * its program ends normally, sends SIGTERM to its daemon children (terminate()) and then waits
 * for all its children (join()). main_process_exit() below does what Python does then.
 *
 * When the main process is killed with SIGKILL, none of its code runs: nobody terminates the
 * daemon, nobody waits for the worker. The kernel makes them orphans and gives them a new
 * parent: the nearest "subreaper" (MpDemo's supervisor, when MpDemo runs this) or init. They
 * go on and finish their work.
 *
 * This program plays the terminal: it runs each example's main process ("Main") as its child,
 * and says how Main ended. The children of Main hold the writing end of a pipe as long as they
 * live: the terminal reads it to its end, which waits for all of them, whoever their parent is.
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

typedef struct
{
  const char *name;
  int         daemon;
  pid_t       pid;
} Process;

static const char *current_name;  /* mp.current_process().name */

/* The daemon's SIGTERM handler: a line (write() is safe in a handler; printf() is not), then
 * SIGTERM again, which ends the process as it would have without a handler. */
static void
on_sigterm (int signum)
{
  static const char line[] = "Daemon: SIGTERM (terminate()), the main process is ending\n";
  ssize_t written = write (STDOUT_FILENO, line, sizeof line - 1);

  (void) signum;
  (void) written;
  signal (SIGTERM, SIG_DFL);
  raise (SIGTERM);
}

/* A child of Main: says it has started (on @started, Python's Barrier), works two seconds, and
 * says so if its parent has changed meanwhile. */
static void
child (int started)
{
  pid_t parent = getppid ();

  if (strcmp (current_name, "Daemon") == 0)
    signal (SIGTERM, on_sigterm);
  printf ("%s: start\n", current_name);
  if (write (started, "", 1) != 1)
    exit (1);
  sleep (1);
  if (getppid () != parent)
    printf ("%s: my parent is gone; my new parent is pid %d\n", current_name, (int) getppid ());
  sleep (1);
  printf ("%s: end\n", current_name);
}

/* Process(name=..., target=child).start() */
static void
process_start (Process *p,
               int      started)
{
  fflush (stdout);
  p->pid = fork ();
  if (p->pid == 0)
    {
      current_name = p->name;
      prctl (PR_SET_NAME, p->name);
      child (started);
      exit (0);
    }
}

/* What Python does at the end of a main process's program: terminate() every daemon child,
 * then join() every child. */
static void
main_process_exit (Process *children,
                   int      n_children)
{
  for (int i = 0; i < n_children; i++)
    if (children[i].daemon)
      kill (children[i].pid, SIGTERM);
  for (int i = 0; i < n_children; i++)
    waitpid (children[i].pid, NULL, 0);
}

static void
main_process (int killed)
{
  Process children[] = { { "Daemon", 1, 0 }, { "Worker", 0, 0 } };
  int started[2];
  char byte;

  if (pipe (started) < 0)
    exit (1);
  for (int i = 0; i < 2; i++)
    process_start (&children[i], started[1]);
  for (int i = 0; i < 2; i++)
    if (read (started[0], &byte, 1) != 1)  /* both have started */
      break;
  if (killed)
    {
      printf ("Main: killed with SIGKILL\n");
      kill (getpid (), SIGKILL);
    }
  printf ("Main: end of the program\n");
  main_process_exit (children, 2);
}

static void
run (int killed)
{
  int done[2];
  int status;
  char byte;
  pid_t main_pid;

  if (pipe (done) < 0)
    {
      perror ("pipe");
      exit (1);
    }
  fflush (stdout);
  main_pid = fork ();
  if (main_pid == 0)
    {
      current_name = "Main";
      prctl (PR_SET_NAME, "Main");
      close (done[0]);
      main_process (killed);
      exit (0);
    }
  close (done[1]);
  waitpid (main_pid, &status, 0);
  printf ("Terminal: Main ended with exitcode %d\n",
          WIFSIGNALED (status) ? -WTERMSIG (status) : WEXITSTATUS (status));
  while (read (done[0], &byte, 1) > 0)  /* 0 bytes: every writer has closed it, by ending */
    ;
  close (done[0]);
  printf ("Terminal: every child of Main has ended\n");
}

int
main (void)
{
  setvbuf (stdout, NULL, _IOLBF, 0);

  printf ("1) Main ends normally\n");
  run (0);
  printf ("2) Main is killed with SIGKILL\n");
  run (1);
  return 0;
}
