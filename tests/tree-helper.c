/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tree-helper.c: two processes joined by a pipe and a block of shared memory, for the tests. */

/*
 * For test-process-tree.c: the parent makes a pipe, a pair of connected Unix sockets (as
 * Python's Pipe() does) and a block of MAP_SHARED memory, then forks. Each keeps one socket
 * of the pair. The child keeps only the pipe's read end, starts a thread named "worker 0", and
 * waits to read from the pipe. The parent keeps only the write end, says "PARENT CHILD" on
 * stdout, and waits for the child (waitpid): nobody ever writes, so both wait until the test
 * kills the child. The parent then exits with 0 when the child was killed by SIGKILL.
 */

#define _GNU_SOURCE

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

static void *
worker (void *data)
{
  pthread_setname_np (pthread_self (), "worker 0");
  for (;;)
    pause ();
  return NULL;
}

int
main (void)
{
  int fds[2];
  int sockets[2];
  char *shared;
  pid_t child;
  int status;

  if (pipe (fds) != 0 || socketpair (AF_UNIX, SOCK_STREAM, 0, sockets) != 0)
    return 2;
  shared = mmap (NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED)
    return 2;

  child = fork ();
  if (child < 0)
    return 2;
  if (child == 0)
    {
      pthread_t thread;
      char c;

      close (fds[1]);
      close (sockets[0]);
      pthread_create (&thread, NULL, worker, NULL);
      if (read (fds[0], &c, 1) == 1)
        shared[0] = c;
      _exit (0);
    }

  close (fds[0]);
  close (sockets[1]);
  printf ("%d %d\n", (int) getpid (), (int) child);
  fflush (stdout);

  if (waitpid (child, &status, 0) != child)
    return 2;
  return WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL ? 0 : 1;
}
