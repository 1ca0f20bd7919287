/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-child.c: Python's Process.join(timeout), in C. */

/*
 * waitpid() waits for a child for as long as it takes; it has no timeout. To wait at most a
 * few seconds, as Python's join(timeout) does, ask the kernel for a file that becomes
 * readable when the child ends (pidfd_open(), Linux 5.3), and poll() it with a timeout. Then
 * waitpid() reaps the child at once. When the child has not ended in time, it is left as it
 * is, still running, as Python leaves it: the caller decides what to do.
 *
 * When the child has not ended yet, the wait is told to MpDemo's page as "join(PID)"
 * (mpd-events.h), so that the timeline shows who waited for whom, and how long.
 */

#include "config.h"

#define _GNU_SOURCE

#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "mpd-child.h"
#include "mpd-events.h"

/* Waits for @pid (its pidfd, or -1), at most @timeout seconds, and reaps it. */
static gboolean
join_child (pid_t   pid,
            double  timeout,
            int     pidfd,
            int    *status)
{
  int wstatus = 0;
  pid_t r;

  if (pidfd >= 0 && timeout >= 0)
    {
      struct pollfd pfd = { pidfd, POLLIN, 0 };
      gint64 deadline = g_get_monotonic_time () + (gint64) (timeout * G_USEC_PER_SEC);
      int ready;

      do
        ready = poll (&pfd, 1, (int) MAX (0, (deadline - g_get_monotonic_time () + 999) / 1000));
      while (ready < 0 && errno == EINTR);
      close (pidfd);
      if (ready == 0)
        return FALSE;
    }
  else if (pidfd >= 0)
    close (pidfd);
  else if (timeout >= 0)
    {
      /* A kernel without pidfd_open(): look every 10 ms. */
      gint64 deadline = g_get_monotonic_time () + (gint64) (timeout * G_USEC_PER_SEC);

      while ((r = waitpid (pid, &wstatus, WNOHANG)) == 0)
        {
          if (g_get_monotonic_time () >= deadline)
            return FALSE;
          g_usleep (10000);
        }
      if (status != NULL)
        *status = wstatus;
      return r == pid;
    }

  do
    r = waitpid (pid, &wstatus, 0);
  while (r < 0 && errno == EINTR);
  if (status != NULL)
    *status = wstatus;
  return r == pid;
}

/**
 * mpd_child_join:
 * @pid: a child of this process
 * @timeout: how many seconds to wait at most; a negative number: as long as it takes
 * @status: (out) (optional): its wait status, when it ended
 *
 * Returns: %TRUE when the child ended and was reaped; %FALSE when it still runs after
 *   @timeout seconds (or is not a child of this process)
 */
gboolean
mpd_child_join (pid_t   pid,
                double  timeout,
                int    *status)
{
  int pidfd = syscall (SYS_pidfd_open, pid, 0);
  g_autofree char *label = NULL;
  gboolean joined;

  if (mpd_events_enabled () && pidfd >= 0 && timeout != 0)
    {
      struct pollfd ended = { pidfd, POLLIN, 0 };

      if (poll (&ended, 1, 0) == 0)
        {
          label = g_strdup_printf ("join(%d)", (int) pid);
          mpd_events_emit (MPD_EVENT_WAIT_BEGAN, 0, 0, 0, label);
        }
    }
  joined = join_child (pid, timeout, pidfd, status);
  if (label != NULL)
    mpd_events_emit (MPD_EVENT_WAIT_ENDED, 0, 0, 0, label);
  return joined;
}
