/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-proc.c: what the kernel says about a process, read from /proc. */

/*
 * Everything MpDemo shows about a lesson's processes comes from the kernel, not from the
 * lesson: /proc/PID/stat holds a process's name, state and parent, and, while it is a zombie
 * (ended, not yet reaped by its parent), how it ended. Reading /proc costs a few system calls
 * per process: the runner does it a few times a second, and only while a run is going.
 */

#define G_LOG_DOMAIN "mpd-proc"

#include "config.h"

#define _GNU_SOURCE /* F_GETPIPE_SZ */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mpd-proc.h"

/**
 * mpd_proc_read_stat:
 * @pid: a process id
 * @stat: (out): where to put what the kernel says
 *
 * Returns: %TRUE when the process exists (a zombie too)
 */
static gboolean mpd_proc_read_stat_at (const char *path, int pid, MpdProcStat *stat);

gboolean
mpd_proc_read_stat (int          pid,
                    MpdProcStat *stat)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);

  return mpd_proc_read_stat_at (path, pid, stat);
}

/**
 * mpd_proc_read_thread_stat:
 * @pid: a process id
 * @tid: one of its threads
 * @stat: (out): where to put what the kernel says of that thread alone
 *
 * /proc/TID/stat, read for a thread that is not the main one, says what the kernel says of
 * the whole process (its CPU time is that of every thread); /proc/PID/task/TID/stat says what
 * it says of the thread.
 *
 * Returns: %TRUE when the thread exists
 */
gboolean
mpd_proc_read_thread_stat (int          pid,
                           int          tid,
                           MpdProcStat *stat)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/stat", pid, tid);

  return mpd_proc_read_stat_at (path, tid, stat);
}

static gboolean
mpd_proc_read_stat_at (const char  *path,
                       int          pid,
                       MpdProcStat *stat)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *open_paren, *close_paren;
  gsize name_length;

  g_return_val_if_fail (stat != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  /* "PID (NAME) STATE PPID ...": the name may hold spaces and parentheses, so it ends at the
   * last ')'. */
  open_paren = strchr (contents, '(');
  close_paren = strrchr (contents, ')');
  if (open_paren == NULL || close_paren == NULL || close_paren < open_paren)
    return FALSE;

  memset (stat, 0, sizeof *stat);
  stat->pid = pid;
  name_length = MIN ((gsize) (close_paren - open_paren - 1), sizeof stat->name - 1);
  memcpy (stat->name, open_paren + 1, name_length);

  /* fields[0] is the state (field 3 of proc(5)), so field N is fields[N - 3]. */
  fields = g_strsplit (close_paren + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return FALSE;
  stat->state = fields[0][0];
  stat->parent_pid = atoi (fields[1]);
  stat->start_time = g_ascii_strtoull (fields[22 - 3], NULL, 10);
  stat->cpu_ticks = g_ascii_strtoull (fields[14 - 3], NULL, 10) +
                    g_ascii_strtoull (fields[15 - 3], NULL, 10);
  stat->exit_code = (stat->state == 'Z' && g_strv_length (fields) > 52 - 3)
                    ? atoi (fields[52 - 3]) : -1;

  return TRUE;
}

/**
 * mpd_proc_list_descendants:
 * @root_pid: a process
 *
 * Finds, in /proc, every process below @root_pid: its children, theirs, and so on.
 *
 * Returns: (transfer full) (element-type MpdProcStat): the descendants, parents before their
 *   children, @root_pid not among them
 */
GArray *
mpd_proc_list_descendants (int root_pid)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (MpdProcStat));
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) in_tree = g_hash_table_new (NULL, NULL);

  /* Our children first, then theirs: a parent is always listed before its children. Each
   * thread of a process lists the children it made (/proc/PID/task/TID/children), so the
   * tree is read from the root down, without reading every process of the machine. */
  g_array_append_val (parents, root_pid);
  g_hash_table_add (in_tree, GINT_TO_POINTER (root_pid));
  for (guint next = 0; next < parents->len; next++)
    {
      int parent = g_array_index (parents, int, next);
      g_autofree char *tasks_path = g_strdup_printf ("/proc/%d/task", parent);
      g_autoptr(GDir) tasks = g_dir_open (tasks_path, 0, NULL);
      const char *task;

      while (tasks != NULL && (task = g_dir_read_name (tasks)) != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s/children", tasks_path, task);
          g_autofree char *children = NULL;
          char *cursor;

          if (!g_file_get_contents (path, &children, NULL, NULL))
            continue;
          for (cursor = children; *cursor != '\0';)
            {
              char *end;
              long pid = strtol (cursor, &end, 10);
              MpdProcStat stat;

              if (end == cursor)
                break;
              cursor = end;
              if (pid <= 0 || g_hash_table_contains (in_tree, GINT_TO_POINTER (pid)) ||
                  !mpd_proc_read_stat ((int) pid, &stat))
                continue;
              g_hash_table_add (in_tree, GINT_TO_POINTER (pid));
              g_array_append_val (found, stat);
              g_array_append_val (parents, stat.pid);
            }
        }
    }

  return found;
}

/**
 * mpd_proc_signal_name:
 * @signal_number: a signal
 *
 * Returns: its name, "SIGKILL", as a program would write it (not translated), or "a signal"
 *   for one that has no common name
 */
const char *
mpd_proc_signal_name (int signal_number)
{
  static const struct { int number; const char *name; } names[] = {
    { SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" }, { SIGQUIT, "SIGQUIT" }, { SIGABRT, "SIGABRT" },
    { SIGKILL, "SIGKILL" }, { SIGSEGV, "SIGSEGV" }, { SIGPIPE, "SIGPIPE" },
    { SIGALRM, "SIGALRM" }, { SIGTERM, "SIGTERM" }, { SIGCHLD, "SIGCHLD" },
    { SIGCONT, "SIGCONT" }, { SIGSTOP, "SIGSTOP" }, { SIGUSR1, "SIGUSR1" },
    { SIGUSR2, "SIGUSR2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].number == signal_number)
      return names[i].name;
  return "a signal";
}

/**
 * mpd_proc_describe_state:
 * @state: a state letter of /proc/PID/stat
 *
 * Returns: the state in words, translated
 */
const char *
mpd_proc_describe_state (char state)
{
  switch (state)
    {
    case 'R':
      return _("running");
    case 'S':
    case 'I':
      return _("sleeping");
    case 'D':
      return _("waiting for the disk");
    case 'T':
      return _("stopped");
    case 't':
      return _("stopped by a debugger");
    case 'Z':
      return _("zombie (ended, not yet reaped)");
    case 'X':
      return _("ended");
    default:
      return _("unknown");
    }
}

/**
 * mpd_proc_read_wchan:
 * @pid: a process id
 * @wchan: (out caller-allocates): where to put the name
 * @size: the size of @wchan
 *
 * Reads the name of the kernel function that @pid sleeps in (/proc/PID/wchan), or "" when
 * it runs, or when the kernel does not say.
 */
void
mpd_proc_read_wchan (int   pid,
                     char *wchan,
                     gsize size)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/wchan", pid);
  g_autofree char *contents = NULL;

  g_return_if_fail (wchan != NULL && size > 0);

  wchan[0] = '\0';
  if (g_file_get_contents (path, &contents, NULL, NULL) && g_strcmp0 (contents, "0") != 0)
    g_strlcpy (wchan, g_strstrip (contents), size);
}

/**
 * mpd_proc_describe_wchan:
 * @wchan: what /proc/PID/wchan says a sleeping process waits in
 *
 * Says it in words, as a lesson puts it: "pipe_read" is "waiting to read from a pipe". The
 * kernel's function names change between versions ("anon_pipe_read" on Linux 6.18), so the
 * words go by what the name holds.
 *
 * Returns: (nullable): the words, translated, or %NULL when @wchan is none of these
 */
const char *
mpd_proc_describe_wchan (const char *wchan)
{
  /* The first that matches wins: "futex" comes before "do_wait", which Linux 6.18's
   * futex_do_wait also holds. */
  static const struct { const char *part; const char *words; } known[] = {
    { "pipe_read", N_("waiting to read from a pipe") },
    { "pipe_write", N_("waiting for room in a pipe, to write") },
    { "futex", N_("waiting for a lock, a condition or a semaphore") },
    { "do_wait", N_("waiting for a child to end (join)") },
    { "kernel_wait", N_("waiting for a child to end (join)") },
    { "unix_stream", N_("waiting for data on a socket") },
    { "wait_for_packet", N_("waiting for data on a socket") },
    { "skb_wait", N_("waiting for data on a socket") },
    { "ep_poll", N_("waiting in epoll for one of several files") },
    { "poll", N_("waiting in poll() for one of several files") },
    { "select", N_("waiting in select() for one of several files") },
    { "nanosleep", N_("in sleep(), for a set time") },
    { "sigtimedwait", N_("waiting for a signal") },
    { "sigsuspend", N_("waiting for a signal") },
    { "pause", N_("waiting for a signal") },
    { "do_signal_stop", N_("stopped by a signal") },
  };

  if (wchan == NULL || *wchan == '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strstr (wchan, known[i].part) != NULL)
      return _(known[i].words);

  return NULL;
}

/* Adds to @peers what one netlink message of sock_diag says: a Unix socket and its peer; and
 * to @queued, if not NULL, how many bytes wait in its receive queue. */
static void
add_unix_peer (GHashTable            *peers,
               GHashTable            *queued,
               const struct nlmsghdr *header)
{
  const struct unix_diag_msg *message = NLMSG_DATA (header);
  int length = header->nlmsg_len - NLMSG_LENGTH (sizeof *message);

  for (const struct rtattr *attribute = (const struct rtattr *) (message + 1);
       RTA_OK (attribute, length); attribute = RTA_NEXT (attribute, length))
    if (attribute->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD (attribute) >= sizeof (guint32))
      {
        guint32 peer = *(const guint32 *) RTA_DATA (attribute);

        g_hash_table_insert (peers, GUINT_TO_POINTER (message->udiag_ino),
                             GUINT_TO_POINTER (peer));
      }
    else if (attribute->rta_type == UNIX_DIAG_RQLEN && queued != NULL &&
             RTA_PAYLOAD (attribute) >= sizeof (struct unix_diag_rqlen))
      {
        const struct unix_diag_rqlen *rqlen = RTA_DATA (attribute);

        g_hash_table_insert (queued, GUINT_TO_POINTER (message->udiag_ino),
                             GUINT_TO_POINTER (rqlen->udiag_rqueue));
      }
}

/**
 * mpd_proc_read_unix_peers:
 * @queued: (out) (optional) (transfer full): inode -> the bytes waiting to be read from that
 *   socket (as GUINT_TO_POINTER()), for the connected ones
 *
 * Which Unix socket is connected to which: the two ends of a socketpair() (Python's Pipe())
 * are two sockets, each with its inode, and only the kernel's sock_diag interface (netlink)
 * says that they are each other's peer. /proc/PID/fd shows only "socket:[INODE]".
 *
 * Returns: (transfer full): inode -> the inode of its peer (both as GUINT_TO_POINTER()), for
 *   every connected Unix socket of this network namespace; empty if sock_diag cannot be read
 */
GHashTable *
mpd_proc_read_unix_peers (GHashTable **queued)
{
  GHashTable *peers = g_hash_table_new (NULL, NULL);
  struct {
    struct nlmsghdr        header;
    struct unix_diag_req   request;
  } query = {
    .header = {
      .nlmsg_len = sizeof query,
      .nlmsg_type = SOCK_DIAG_BY_FAMILY,
      .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
    },
    .request = {
      .sdiag_family = AF_UNIX,
      .udiag_states = (guint32) -1,
      .udiag_show = UDIAG_SHOW_PEER | (queued != NULL ? UDIAG_SHOW_RQLEN : 0),
    },
  };
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  gboolean done = FALSE;
  int fd;

  if (queued != NULL)
    *queued = g_hash_table_new (NULL, NULL);
  fd = socket (AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0)
    return peers;
  if (sendto (fd, &query, sizeof query, 0, (struct sockaddr *) &kernel, sizeof kernel) < 0)
    {
      close (fd);
      return peers;
    }

  while (!done)
    {
      guint32 buffer[8192 / sizeof (guint32)];
      ssize_t length = recv (fd, buffer, sizeof buffer, 0);

      if (length < 0 && errno == EINTR)
        continue;
      if (length <= 0)
        break;
      for (const struct nlmsghdr *header = (const struct nlmsghdr *) buffer;
           NLMSG_OK (header, (guint) length); header = NLMSG_NEXT (header, length))
        {
          if (header->nlmsg_type == NLMSG_DONE || header->nlmsg_type == NLMSG_ERROR)
            {
              done = TRUE;
              break;
            }
          if (header->nlmsg_type == SOCK_DIAG_BY_FAMILY)
            add_unix_peer (peers, queued != NULL ? *queued : NULL, header);
        }
    }

  close (fd);
  return peers;
}

/**
 * mpd_proc_read_pipe_fill:
 * @pid: a process
 * @fd: one of its fds, an end of a pipe
 * @capacity: (out) (optional): how many bytes the pipe holds at most
 *
 * How many bytes wait in a pipe that another process holds: the pipe is opened again through
 * /proc/PID/fd/FD, for reading (a pipe opens there as a named pipe does, whichever its end),
 * asked (FIONREAD), and closed at once. Opening it for reading changes nothing for the
 * processes that use it: end-of-file depends on the writers only.
 *
 * Returns: the bytes waiting, or -1 when the pipe cannot be opened (it is gone, or not ours)
 */
gint64
mpd_proc_read_pipe_fill (int    pid,
                         int    fd,
                         guint *capacity)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd/%d", pid, fd);
  int pipe_fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  int waiting = -1;

  if (pipe_fd < 0)
    return -1;
  if (ioctl (pipe_fd, FIONREAD, &waiting) < 0)
    waiting = -1;
  if (capacity != NULL)
    *capacity = MAX (fcntl (pipe_fd, F_GETPIPE_SZ), 0);
  close (pipe_fd);
  return waiting;
}
