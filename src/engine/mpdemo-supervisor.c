/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpdemo-supervisor.c: runs one lesson program, and makes sure that none of its processes
 * outlives the run. */

/*
 * A lesson forks: its processes fork again, some daemonize (fork twice and call setsid(), so
 * they leave the lesson's process group and session), some ignore SIGTERM, some are stopped
 * with SIGSTOP. Killing the lesson's first process leaves all of those behind, re-parented to
 * init, for ever. So MpDemo never runs a lesson directly: it runs this program, which runs
 * the lesson, and
 *
 *   - is a "child subreaper" (PR_SET_CHILD_SUBREAPER): a descendant whose parent dies is
 *     re-parented to us, not to init. Every process of the run stays in our tree, however it
 *     daemonizes, and when it ends we reap it: no zombie is left either.
 *   - asks the kernel for SIGTERM when MpDemo dies (PR_SET_PDEATHSIG), even by SIGKILL.
 *   - on SIGTERM (Stop, another lesson, the window closed, MpDemo gone) or when the lesson's
 *     first process has ended, ends the run: SIGTERM and SIGCONT (a stopped process acts on
 *     nothing until it runs again) to every descendant, found in /proc by their parent pids;
 *     SIGKILL, which cannot be ignored, to those still there after a grace period; and it
 *     reaps them all. It exits when it has no child left: with a subreaper, that means that
 *     no process of the run is left at all.
 *
 * It tells MpDemo what happened on fd 3, one line each: "started PID" once the lesson's first
 * process runs its program, or "failed PID ERRNO" when that program could not be run (as
 * execv() said); then "ended PID WAIT_STATUS" for every process it reaps (the first one, and
 * those re-parented to it), with the status as waitpid() gives it.
 *
 * It keeps no copy of the lesson's stdout, nor of its event channel (fd 4, when MpDemo gives
 * one): when the lesson writes into a pipe, the reader sees its end as soon as the last
 * process of the lesson has closed it, not the supervisor.
 *
 * Usage: mpdemo-supervisor PARENT_PID GRACE_MS PROGRAM [ARGUMENT...]
 */

#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/types.h>
#include <sys/wait.h>

#define REPORT_FD 3
#define EVENTS_FD 4   /* MPD_SUPERVISOR_EVENTS_FD */

static pid_t lesson_pid;

static void report (const char *format, ...) __attribute__ ((format (printf, 1, 2)));

static void
report (const char *format,
        ...)
{
  char line[128];
  va_list args;
  int length;

  va_start (args, format);
  length = vsnprintf (line, sizeof line, format, args);
  va_end (args);
  /* MpDemo may be gone: then nobody reads, and that is fine (SIGPIPE is ignored). */
  if (length > 0 && write (REPORT_FD, line, (size_t) length) < 0)
    return;
}

static long long
now_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return (long long) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The parent pid of @pid, from /proc/PID/stat, or -1 when it is gone. The name field may hold
 * spaces and parentheses: the fields that follow start after the last ')'. */
static pid_t
parent_of (pid_t pid)
{
  char path[64], buffer[512];
  const char *after_name;
  FILE *file;
  size_t length;
  char state;
  int ppid;

  snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
  if ((file = fopen (path, "re")) == NULL)
    return -1;
  length = fread (buffer, 1, sizeof buffer - 1, file);
  fclose (file);
  buffer[length] = '\0';

  if ((after_name = strrchr (buffer, ')')) == NULL ||
      sscanf (after_name + 1, " %c %d", &state, &ppid) != 2)
    return -1;

  return (pid_t) ppid;
}

/* Sends @signal_number to every process below us. Returns how many it found. A process that
 * forks while we look may be missed: the caller looks again until none is left. */
static int
signal_descendants (int signal_number)
{
  pid_t self = getpid ();
  pid_t *pids = NULL, *parents = NULL;
  char *below = NULL;   /* below[i]: pids[i] is one of ours */
  size_t n = 0, allocated = 0;
  int found = 0;
  struct dirent *entry;
  DIR *proc;
  int changed;

  if ((proc = opendir ("/proc")) == NULL)
    return 0;

  while ((entry = readdir (proc)) != NULL)
    {
      char *end;
      long pid = strtol (entry->d_name, &end, 10);
      pid_t parent;

      if (*end != '\0' || pid <= 0 || (parent = parent_of ((pid_t) pid)) < 0)
        continue;
      if (n == allocated)
        {
          allocated = allocated ? allocated * 2 : 256;
          pids = realloc (pids, allocated * sizeof *pids);
          parents = realloc (parents, allocated * sizeof *parents);
          below = realloc (below, allocated);
          if (pids == NULL || parents == NULL || below == NULL)
            abort ();
        }
      pids[n] = (pid_t) pid;
      parents[n] = parent;
      below[n] = 0;
      n++;
    }
  closedir (proc);

  /* Our children, then theirs, until nothing changes. */
  do
    {
      changed = 0;
      for (size_t i = 0; i < n; i++)
        {
          if (below[i] || pids[i] == self)
            continue;
          if (parents[i] == self)
            below[i] = changed = 1;
          for (size_t j = 0; j < n && !below[i]; j++)
            if (below[j] && pids[j] == parents[i])
              below[i] = changed = 1;
        }
    }
  while (changed);

  for (size_t i = 0; i < n; i++)
    if (below[i])
      {
        kill (pids[i], signal_number);
        found++;
      }

  free (below);
  free (pids);
  free (parents);
  return found;
}

/* Reaps every child that has ended, and says so. Returns 0 once we have no child at all. */
static int
reap (int *lesson_status,
      int *lesson_ended)
{
  for (;;)
    {
      int status;
      pid_t pid = waitpid (-1, &status, WNOHANG);

      if (pid == 0)
        return 1;
      if (pid < 0)
        return errno == EINTR ? 1 : 0;

      report ("ended %d %d\n", (int) pid, status);
      if (pid == lesson_pid)
        {
          *lesson_status = status;
          *lesson_ended = 1;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  sigset_t handled, old_mask;
  struct pollfd poll_fd;
  long long kill_at = -1;
  int lesson_status = 0, lesson_ended = 0;
  int exec_status[2];
  int grace_ms;
  pid_t parent, self = getpid ();

  if (argc < 4)
    {
      fprintf (stderr, "usage: mpdemo-supervisor PARENT_PID GRACE_MS PROGRAM [ARGUMENT...]\n"
                       "Runs PROGRAM, and ends every process it starts when it ends, on "
                       "SIGTERM, or when PARENT_PID dies.\n");
      return 2;
    }
  parent = (pid_t) atoi (argv[1]);
  grace_ms = atoi (argv[2]);

  signal (SIGPIPE, SIG_IGN);
  prctl (PR_SET_CHILD_SUBREAPER, 1);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* MpDemo may have died before the line above: then nobody would ever tell us. */
  if (parent > 0 && getppid () != parent)
    return 1;

  /* The signals that end the run, and SIGCHLD, arrive through a file we poll, not through
   * handlers, so that nothing is missed between two looks. */
  sigemptyset (&handled);
  sigaddset (&handled, SIGCHLD);
  sigaddset (&handled, SIGTERM);
  sigaddset (&handled, SIGINT);
  sigaddset (&handled, SIGHUP);
  sigprocmask (SIG_BLOCK, &handled, &old_mask);
  poll_fd.fd = signalfd (-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK);
  poll_fd.events = POLLIN;
  if (poll_fd.fd < 0)
    {
      perror ("mpdemo-supervisor: signalfd");
      return 1;
    }

  /* Closed by a successful execv() (close-on-exec); carries its errno when it fails. */
  if (pipe2 (exec_status, O_CLOEXEC) < 0)
    {
      perror ("mpdemo-supervisor: pipe");
      return 1;
    }

  lesson_pid = fork ();
  if (lesson_pid < 0)
    {
      perror ("mpdemo-supervisor: fork");
      return 1;
    }
  if (lesson_pid == 0)
    {
      int exec_errno;

      /* The lesson: in a process group of its own (a terminal's Ctrl+C would reach it as it
       * reaches any command), with the signal mask it would have had, and without fd 3. If
       * we die, it dies: SIGKILL, which even a stopped process cannot hold back. */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      if (getppid () != self)
        _exit (1);
      setpgid (0, 0);
      sigprocmask (SIG_SETMASK, &old_mask, NULL);
      signal (SIGPIPE, SIG_DFL);
      close (REPORT_FD);
      close (exec_status[0]);
      execv (argv[3], argv + 3);
      exec_errno = errno;
      if (write (exec_status[1], &exec_errno, sizeof exec_errno) < 0)
        _exit (127);
      _exit (127);
    }

  close (exec_status[1]);
  {
    int exec_errno = 0;
    ssize_t n;

    do
      n = read (exec_status[0], &exec_errno, sizeof exec_errno);
    while (n < 0 && errno == EINTR);
    close (exec_status[0]);
    if (n == (ssize_t) sizeof exec_errno)
      report ("failed %d %d\n", (int) lesson_pid, exec_errno);
    else
      report ("started %d\n", (int) lesson_pid);
  }

  /* The lesson has the event channel, if MpDemo gave one (then it is fd 4, and the variable
   * says so; otherwise fd 4 is none of our business, our signalfd maybe). */
  if (getenv ("MPDEMO_EVENTS_FD") != NULL && strcmp (getenv ("MPDEMO_EVENTS_FD"), "4") == 0)
    close (EVENTS_FD);

  /* The lesson has our stdout (a pipe, often); we do not need it. */
  {
    int null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);

    if (null_fd >= 0)
      {
        dup2 (null_fd, STDOUT_FILENO);
        close (null_fd);
      }
  }

  for (;;)
    {
      struct signalfd_siginfo info;
      int timeout = -1;

      if (!reap (&lesson_status, &lesson_ended))
        break;

      /* The run ends: ask every process left to end, once; kill those that did not. */
      if (lesson_ended && kill_at < 0)
        {
          signal_descendants (SIGTERM);
          signal_descendants (SIGCONT);
          kill_at = now_ms () + grace_ms;
        }
      if (kill_at >= 0)
        {
          long long left = kill_at - now_ms ();

          if (left <= 0)
            {
              signal_descendants (SIGKILL);
              left = 50;  /* look again soon for any that forked meanwhile */
              kill_at = now_ms ();
            }
          timeout = (int) left;
        }

      if (poll (&poll_fd, 1, timeout) <= 0)
        continue;

      while (read (poll_fd.fd, &info, sizeof info) == sizeof info)
        if (info.ssi_signo != SIGCHLD && kill_at < 0)
          {
            /* Stop: the lesson too gets SIGTERM, then SIGKILL. */
            signal_descendants (SIGTERM);
            signal_descendants (SIGCONT);
            kill_at = now_ms () + grace_ms;
          }
    }

  /* Our own status says how the lesson ended, as a shell would: N, or 128 + the signal.
   * _exit(): there is nothing to flush (the report is written with write()), and no exit
   * handler of a library (a sanitizer's leak check, say) should run in a subreaper whose
   * children it cannot see. */
  if (WIFEXITED (lesson_status))
    _exit (WEXITSTATUS (lesson_status));
  if (WIFSIGNALED (lesson_status))
    _exit (128 + WTERMSIG (lesson_status));
  _exit (1);
}
