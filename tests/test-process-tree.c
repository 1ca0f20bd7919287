/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-process-tree.c: the process tree read from /proc, against processes the test starts. */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mpd-proc.h"
#include "mpd-process-tree.h"
#include "mpd-run-history.h"
#include "mpd-run-trace.h"
#include "mpd-test-utils.h"

typedef struct
{
  GPid            helper;   /* reaped by the test alone: a GSubprocess would reap it at once */
  MpdProcessTree *tree;
  int             parent;
  int             child;
} Fixture;

/* Starts tree-helper: a parent waiting for its child, the child waiting to read a pipe. The
 * test reaps the parent itself, so that the test can see it as a zombie first. */
static void
fixture_start (Fixture *fixture)
{
  const char *argv[] = { mpd_test_program ("MPD_TREE_HELPER"), NULL };
  g_autoptr(GError) error = NULL;
  char line[64] = "";
  FILE *out;
  int out_fd;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &fixture->helper, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");
  g_assert_nonnull (fgets (line, sizeof line, out));
  fclose (out);
  g_assert_cmpint (sscanf (line, "%d %d", &fixture->parent, &fixture->child), ==, 2);
  g_assert_cmpint (fixture->parent, ==, fixture->helper);

  fixture->tree = mpd_process_tree_new (fixture->parent);
}

/* Reaps the helper; returns its wait status. */
static int
fixture_reap (Fixture *fixture)
{
  int status = -1;

  if (fixture->helper > 0)
    g_assert_cmpint (waitpid (fixture->helper, &status, 0), ==, fixture->helper);
  fixture->helper = 0;
  return status;
}

static void
fixture_stop (Fixture *fixture)
{
  kill (fixture->child, SIGKILL);
  fixture_reap (fixture);
  g_clear_object (&fixture->tree);
}

/* The thread of @info named @name, or NULL. (Under a sanitizer, its runtime may have threads
 * of its own beside the program's.) */
static const MpdThreadInfo *
find_thread (const MpdProcessInfo *info,
             const char           *name)
{
  for (guint i = 0; i < info->threads->len; i++)
    if (g_str_equal (g_array_index (info->threads, MpdThreadInfo, i).name, name))
      return &g_array_index (info->threads, MpdThreadInfo, i);
  return NULL;
}

/* Samples until both processes wait where the helper makes them wait, and the child's thread
 * has its name. */
static gboolean
both_waiting (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GArray) events = mpd_process_tree_sample (fixture->tree);
  const MpdProcessInfo *parent = mpd_process_tree_find (fixture->tree, fixture->parent);
  const MpdProcessInfo *child = mpd_process_tree_find (fixture->tree, fixture->child);

  /* Asleep, both: a process that blocks in read() may still be on its way there, running,
   * in one sample, and asleep in the next. */
  return parent != NULL && child != NULL && strstr (child->wchan, "pipe_read") != NULL &&
         (strstr (parent->wchan, "wait") != NULL) && find_thread (child, "worker 0") != NULL &&
         parent->state == 'S' && child->state == 'S';
}

static gboolean
contains_pid (GArray *pids,
              int     pid)
{
  for (guint i = 0; i < pids->len; i++)
    if (g_array_index (pids, int, i) == pid)
      return TRUE;
  return FALSE;
}

/* The tree, the threads, what each process waits in, in the kernel's words and in ours. */
static void
test_tree (void)
{
  Fixture fixture = { 0 };
  const MpdProcessInfo *parent, *child;
  GPtrArray *processes;

  fixture_start (&fixture);
  mpd_test_wait_until (both_waiting, &fixture, 30, "the parent in waitpid(), the child in read()");

  processes = mpd_process_tree_get_processes (fixture.tree);
  g_assert_cmpuint (processes->len, ==, 2);
  parent = g_ptr_array_index (processes, 0);
  child = g_ptr_array_index (processes, 1);

  g_assert_cmpint (parent->pid, ==, fixture.parent);
  g_assert_cmpint (child->pid, ==, fixture.child);
  g_assert_cmpint (child->parent_pid, ==, fixture.parent);
  g_assert_cmpstr (parent->name, ==, "tree-helper");
  g_assert_true (g_str_has_suffix (parent->command_line, "/tree-helper"));
  g_assert_cmpint (parent->state, ==, 'S');
  g_assert_cmpint (child->state, ==, 'S');
  g_assert_cmpint (parent->exit_code, ==, -1);

  g_assert_cmpstr (mpd_proc_describe_wchan (child->wchan), ==,
                   "waiting to read from a pipe");
  g_assert_cmpstr (mpd_proc_describe_wchan (parent->wchan), ==,
                   "waiting for a child to end (join)");

  /* Each process's main thread first (its tid is the pid); the child also has "worker 0". */
  g_assert_cmpint (g_array_index (parent->threads, MpdThreadInfo, 0).tid, ==, fixture.parent);
  g_assert_cmpint (g_array_index (child->threads, MpdThreadInfo, 0).tid, ==, fixture.child);
  g_assert_cmpuint (child->threads->len, >=, 2);
  g_assert_cmpint (find_thread (child, "worker 0")->tid, !=, fixture.child);
  g_assert_cmpint (find_thread (child, "worker 0")->state, ==, 'S');

  fixture_stop (&fixture);
}

/* The inode of the socket that @fd of @pid is. */
static guint64
read_socket_inode (int pid,
                   int fd)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd/%d", pid, fd);
  g_autofree char *link = g_file_read_link (path, NULL);
  guint64 inode = 0;

  g_assert_nonnull (link);
  g_assert_cmpint (sscanf (link, "socket:[%" G_GUINT64_FORMAT "]", &inode), ==, 1);
  return inode;
}

/* The pipe between the two is one object, written by the parent and read by the child, and
 * the socket pair is one channel between them, and the shared block is mapped by exactly
 * those two: as /proc and sock_diag say, checked here by hand. */
static void
test_pipe_and_shared_memory (void)
{
  Fixture fixture = { 0 };
  const MpdChannel *pipe = NULL, *socket_pair = NULL;
  const MpdSharedBlock *block = NULL;
  guint64 parent_socket, child_socket;
  GPtrArray *channels, *blocks;
  g_autofree char *link = NULL;
  g_autofree char *fd_path = NULL;
  guint64 inode;

  fixture_start (&fixture);
  mpd_test_wait_until (both_waiting, &fixture, 30, "the parent in waitpid(), the child in read()");

  channels = mpd_process_tree_get_channels (fixture.tree);
  for (guint i = 0; i < channels->len; i++)
    {
      const MpdChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind == MPD_CHANNEL_PIPE && channel->readers->len == 1 &&
          g_array_index (channel->readers, int, 0) == fixture.child)
        pipe = channel;
    }
  g_assert_nonnull (pipe);
  g_assert_cmpuint (pipe->writers->len, ==, 1);
  g_assert_cmpint (g_array_index (pipe->writers, int, 0), ==, fixture.parent);

  /* The child's fd 3 is that pipe's read end (fd 0, 1 and 2 are the helper's stdio). */
  fd_path = g_strdup_printf ("/proc/%d/fd/3", fixture.child);
  link = g_file_read_link (fd_path, NULL);
  g_assert_nonnull (link);
  g_assert_cmpint (sscanf (link, "pipe:[%" G_GUINT64_FORMAT "]", &inode), ==, 1);
  g_assert_cmpuint (pipe->inode, ==, inode);

  /* The socket pair: the parent's fd 5 and the child's fd 6, two inodes, one channel that
   * both can read and write (sock_diag says they are each other's peer). */
  for (guint i = 0; i < channels->len; i++)
    {
      const MpdChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind == MPD_CHANNEL_SOCKET && contains_pid (channel->readers, fixture.child))
        {
          g_assert_null (socket_pair);
          socket_pair = channel;
        }
    }
  g_assert_nonnull (socket_pair);
  g_assert_cmpuint (socket_pair->readers->len, ==, 2);
  g_assert_true (contains_pid (socket_pair->readers, fixture.parent));
  g_assert_true (contains_pid (socket_pair->writers, fixture.parent));
  g_assert_true (contains_pid (socket_pair->writers, fixture.child));
  parent_socket = read_socket_inode (fixture.parent, 5);
  child_socket = read_socket_inode (fixture.child, 6);
  g_assert_cmpuint (parent_socket, !=, child_socket);
  g_assert_cmpuint (socket_pair->inode, ==, MIN (parent_socket, child_socket));

  blocks = mpd_process_tree_get_shared_blocks (fixture.tree);
  for (guint i = 0; i < blocks->len; i++)
    {
      const MpdSharedBlock *candidate = g_ptr_array_index (blocks, i);

      if (candidate->size == 8192)
        block = candidate;
    }
  g_assert_nonnull (block);
  g_assert_cmpuint (block->pids->len, ==, 2);
  g_assert_true (contains_pid (block->pids, fixture.parent));
  g_assert_true (contains_pid (block->pids, fixture.child));

  fixture_stop (&fixture);
}

static gboolean
has_event (GArray           *events,
           MpdTreeEventKind  kind,
           int               pid)
{
  for (guint i = 0; i < events->len; i++)
    {
      const MpdTreeEvent *event = &g_array_index (events, MpdTreeEvent, i);

      if (event->kind == kind && event->pid == pid)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  Fixture *fixture;
  GArray  *events;  /* every event since the first sample */
} Watch;

/* Samples, keeping the events, until the parent is a zombie (it ended, and the test has not
 * reaped it yet) and its child is gone. (One sample reads the processes one after the other:
 * it can find the child still ending, and then its parent already a zombie.) */
static gboolean
parent_is_zombie (gpointer data)
{
  Watch *watch = data;
  g_autoptr(GArray) events = mpd_process_tree_sample (watch->fixture->tree);
  const MpdProcessInfo *parent = mpd_process_tree_find (watch->fixture->tree,
                                                        watch->fixture->parent);

  g_array_append_vals (watch->events, events->data, events->len);
  return parent != NULL && parent->state == 'Z' &&
         mpd_process_tree_find (watch->fixture->tree, watch->fixture->child) == NULL;
}

/* Each sample says what changed: started, the child ended (killed, reaped by its parent), the
 * parent a zombie with its exit status until its own parent reaps it, then ended. */
static void
test_events (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) last = NULL;
  Watch watch = { &fixture, g_array_new (FALSE, FALSE, sizeof (MpdTreeEvent)) };
  const MpdProcessInfo *parent;
  int status;

  fixture_start (&fixture);
  mpd_test_wait_until (both_waiting, &fixture, 30, "the parent in waitpid(), the child in read()");
  g_clear_object (&fixture.tree);
  fixture.tree = mpd_process_tree_new (fixture.parent);

  first = mpd_process_tree_sample (fixture.tree);
  g_assert_true (has_event (first, MPD_TREE_EVENT_STARTED, fixture.parent));
  g_assert_true (has_event (first, MPD_TREE_EVENT_STARTED, fixture.child));
  g_assert_true (has_event (first, MPD_TREE_EVENT_THREAD_STARTED, fixture.child));
  g_assert_true (has_event (first, MPD_TREE_EVENT_FD_OPENED, fixture.child));

  g_assert_cmpint (kill (fixture.child, SIGKILL), ==, 0);
  mpd_test_wait_until (parent_is_zombie, &watch, 30, "the parent to end, and wait for us");
  g_assert_true (has_event (watch.events, MPD_TREE_EVENT_ENDED, fixture.child));
  g_assert_true (has_event (watch.events, MPD_TREE_EVENT_STATE_CHANGED, fixture.parent));
  parent = mpd_process_tree_find (fixture.tree, fixture.parent);
  /* A zombie's wait status: it exited with 0, as the child was killed by SIGKILL. */
  g_assert_cmpint (parent->exit_code, ==, 0);
  g_assert_null (mpd_process_tree_find (fixture.tree, fixture.child));

  status = fixture_reap (&fixture);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  last = mpd_process_tree_sample (fixture.tree);
  g_assert_true (has_event (last, MPD_TREE_EVENT_ENDED, fixture.parent));
  g_assert_cmpuint (mpd_process_tree_get_processes (fixture.tree)->len, ==, 0);

  g_array_unref (watch.events);
  fixture_stop (&fixture);
}

/* A run exported in the Trace Event Format (issue 15, item 4): the helper's two processes and
 * the child's thread, each a named track with its states as spans, a mark, and the structure
 * that Perfetto's UI reads, checked by tests/check-trace.py. */
static void
test_trace (void)
{
  Fixture fixture = { 0 };
  Watch watch = { &fixture, g_array_new (FALSE, FALSE, sizeof (MpdTreeEvent)) };
  g_autoptr(MpdRunTrace) trace = mpd_run_trace_new ();
  g_autofree char *json = NULL;
  g_autofree char *child_track = NULL;

  fixture_start (&fixture);
  mpd_test_wait_until (both_waiting, &fixture, 30, "the parent in waitpid(), the child in read()");
  mpd_run_trace_add_sample (trace, fixture.tree, 1000000);
  mpd_run_trace_add_mark (trace, fixture.child, "SIGKILL \"sent\"", 1500000);
  g_assert_cmpint (kill (fixture.child, SIGKILL), ==, 0);
  mpd_test_wait_until (parent_is_zombie, &watch, 30, "the parent to end, and wait for us");
  mpd_run_trace_add_sample (trace, fixture.tree, 2000000);
  mpd_run_trace_finish (trace, 2500000);
  json = mpd_run_trace_to_json (trace);
  g_test_message ("%s", json);

  /* The tracks: each process, and the child's thread by its name. */
  child_track = g_strdup_printf ("\"pid\": %d, \"tid\": %d, \"args\": {\"name\": \"tree-helper (%d)\"}",
                                 fixture.child, fixture.child, fixture.child);
  g_assert_nonnull (strstr (json, child_track));
  g_assert_nonnull (strstr (json, "\"worker 0 ("));
  /* The child slept from the first sample to the second, where it was gone; the parent was a
   * zombie from the second sample to the end. */
  g_assert_nonnull (strstr (json, "\"name\": \"sleeping\", \"cat\": \"state\", \"ph\": \"X\", "
                                  "\"ts\": 0, \"dur\": 1000000"));
  g_assert_nonnull (strstr (json, "\"name\": \"zombie\", \"cat\": \"state\", \"ph\": \"X\", "
                                  "\"ts\": 1000000, \"dur\": 500000"));
  g_assert_nonnull (strstr (json, "\"name\": \"SIGKILL \\\"sent\\\"\""));

  mpd_test_check_trace_json (json);
  g_array_unref (watch.events);
  fixture_stop (&fixture);
}

/* The history of a run (issue 15, item 4): each frame keeps the tree as it was, whatever the
 * samples after it saw; a moment finds its frame; a long run is thinned, its first and newest
 * frames kept; a line of output whose process is not known is a global mark in the trace. */
static void
test_history (void)
{
  Fixture fixture = { 0 };
  Watch watch = { &fixture, g_array_new (FALSE, FALSE, sizeof (MpdTreeEvent)) };
  g_autoptr(MpdRunHistory) history = mpd_run_history_new ();
  g_autoptr(MpdRunHistory) long_run = mpd_run_history_new ();
  g_autofree char *json = NULL;
  g_autofree char *global = NULL;
  const MpdRunFrame *before, *after;
  const MpdProcessInfo *parent_before, *child_before, *parent_after;
  guint64 child_start;

  fixture_start (&fixture);
  mpd_test_wait_until (both_waiting, &fixture, 30, "the parent in waitpid(), the child in read()");
  mpd_run_history_add_sample (history, fixture.tree, 1000000);
  mpd_run_history_add_mark (history, 0, "a line of output", 1200000);
  mpd_run_history_add_mark (history, fixture.child, "SIGKILL", 1500000);
  child_start = mpd_process_tree_find (fixture.tree, fixture.child)->start_time;
  g_assert_cmpint (kill (fixture.child, SIGKILL), ==, 0);
  mpd_test_wait_until (parent_is_zombie, &watch, 30, "the parent to end, and wait for us");
  mpd_run_history_add_sample (history, fixture.tree, 2000000);
  mpd_run_history_finish (history, 2500000);

  g_assert_cmpuint (mpd_run_history_get_n_frames (history), ==, 2);
  before = mpd_run_history_get_frame (history, 0);
  after = mpd_run_history_get_frame (history, 1);
  parent_before = mpd_process_tree_find (before->tree, fixture.parent);
  child_before = mpd_process_tree_find (before->tree, fixture.child);
  parent_after = mpd_process_tree_find (after->tree, fixture.parent);
  g_assert_nonnull (child_before);
  /* (what both_waiting() saw is its wchan: a state read a moment before may be R) */
  g_assert_cmpint (child_before->state, !=, 'Z');
  g_assert_cmpint (parent_before->state, !=, 'Z');
  g_assert_null (mpd_process_tree_find (after->tree, fixture.child));
  g_assert_cmpint (parent_after->state, ==, 'Z');
  /* The tree of the first frame is the one sampled then, pipe and all. */
  g_assert_cmpuint (mpd_process_tree_get_channels (before->tree)->len, >=, 1);

  g_assert_cmpint (mpd_run_history_find_frame (history, 0), ==, 0);
  g_assert_cmpint (mpd_run_history_find_frame (history, 1999999), ==, 0);
  g_assert_cmpint (mpd_run_history_find_frame (history, 2000000), ==, 1);
  g_assert_cmpint (mpd_run_history_find_frame (history, 9000000), ==, 1);
  g_assert_cmpint (mpd_run_history_get_start_time (history), ==, 1000000);
  g_assert_cmpint (mpd_run_history_get_end_time (history), ==, 2500000);
  g_assert_cmpint (mpd_run_history_get_first_seen (history, fixture.child, child_start), ==,
                   1000000);
  g_assert_cmpint (mpd_run_history_get_first_seen (history, fixture.child, child_start + 1),
                   ==, -1);
  g_assert_cmpuint (mpd_run_history_get_marks (history)->len, ==, 2);

  json = mpd_run_history_to_trace_json (history);
  g_test_message ("%s", json);
  global = g_strdup_printf ("\"name\": \"a line of output\", \"cat\": \"mark\", \"ph\": \"i\", "
                            "\"s\": \"g\", \"ts\": 200000, \"pid\": %d, \"tid\": %d}",
                            fixture.parent, fixture.parent);
  g_assert_nonnull (strstr (json, global));
  mpd_test_check_trace_json (json);

  /* Three times as many samples as it keeps: the first and the newest stay, in order. */
  for (gint64 i = 0; i < 3600; i++)
    mpd_run_history_add_sample (long_run, after->tree, i * 100000);
  g_assert_cmpuint (mpd_run_history_get_n_frames (long_run), <=, 1200);
  g_assert_cmpuint (mpd_run_history_get_n_frames (long_run), >=, 300);
  g_assert_cmpint (mpd_run_history_get_frame (long_run, 0)->time_us, ==, 0);
  g_assert_cmpint (mpd_run_history_get_end_time (long_run), ==, 3599 * 100000);
  for (guint i = 1; i < mpd_run_history_get_n_frames (long_run); i++)
    g_assert_cmpint (mpd_run_history_get_frame (long_run, i - 1)->time_us, <,
                     mpd_run_history_get_frame (long_run, i)->time_us);

  g_array_unref (watch.events);
  fixture_stop (&fixture);
}

/* The kernel's function names, in words; the names differ between kernel versions. */
static void
test_wchan_words (void)
{
  g_assert_cmpstr (mpd_proc_describe_wchan ("anon_pipe_read"), ==,
                   "waiting to read from a pipe");
  g_assert_cmpstr (mpd_proc_describe_wchan ("pipe_write"), ==,
                   "waiting for room in a pipe, to write");
  g_assert_cmpstr (mpd_proc_describe_wchan ("futex_wait_queue"), ==,
                   "waiting for a lock, a condition or a semaphore");
  /* A Python thread waiting in join() on Linux 6.18: a lock, not a child. */
  g_assert_cmpstr (mpd_proc_describe_wchan ("futex_do_wait"), ==,
                   "waiting for a lock, a condition or a semaphore");
  g_assert_cmpstr (mpd_proc_describe_wchan ("do_wait"), ==, "waiting for a child to end (join)");
  g_assert_cmpstr (mpd_proc_describe_wchan ("do_epoll_wait"), !=, NULL);
  g_assert_cmpstr (mpd_proc_describe_wchan ("ep_poll"), ==,
                   "waiting in epoll for one of several files");
  g_assert_cmpstr (mpd_proc_describe_wchan ("poll_schedule_timeout.constprop.0"), ==,
                   "waiting in poll() for one of several files");
  g_assert_cmpstr (mpd_proc_describe_wchan ("hrtimer_nanosleep"), ==,
                   "in sleep(), for a set time");
  g_assert_null (mpd_proc_describe_wchan (""));
  g_assert_null (mpd_proc_describe_wchan ("some_function_nobody_knows"));
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  int      tid;
  gboolean busy_enough;   /* the spinner used half a second of CPU */
  gboolean stop;
} Spinner;

/* A thread that only computes, says when it has used half a second of CPU, and goes on
 * until told to stop. */
static gpointer
spin (gpointer data)
{
  Spinner *spinner = data;
  volatile guint32 x = 1;
  struct timespec cpu;

  g_mutex_lock (&spinner->lock);
  spinner->tid = (int) syscall (SYS_gettid);
  g_mutex_unlock (&spinner->lock);
  for (;;)
    {
      for (int i = 0; i < 1000000; i++)
        x = x * 1103515245u + 12345u;
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
      g_mutex_lock (&spinner->lock);
      if (cpu.tv_sec > 0 || cpu.tv_nsec >= 600 * 1000 * 1000)
        {
          spinner->busy_enough = TRUE;
          g_cond_signal (&spinner->cond);
        }
      if (spinner->stop)
        {
          g_mutex_unlock (&spinner->lock);
          return NULL;
        }
      g_mutex_unlock (&spinner->lock);
    }
}

/* A thread's CPU time is its own, not its process's (/proc/TID/stat gives the whole
 * process's): a thread that computes and a main thread that waits differ, and the process
 * has at least what its threads have. The timeline draws each thread's bar from it: Python's
 * threads taking turns under the GIL look busy half the time each, not all the time. */
static void
test_thread_cpu (void)
{
  Spinner spinner = { 0 };
  GThread *thread;
  MpdProcStat main_before, main_stat, spinner_stat, process_stat;
  long ticks_per_s = sysconf (_SC_CLK_TCK);
  int tid;

  g_mutex_init (&spinner.lock);
  g_cond_init (&spinner.cond);
  /* What the main thread used before (under valgrind, the translation of the whole program is
   * counted to it) is not what it uses while the spinner computes. */
  g_assert_true (mpd_proc_read_thread_stat (getpid (), getpid (), &main_before));
  thread = g_thread_new ("spinner", spin, &spinner);
  g_mutex_lock (&spinner.lock);
  while (!spinner.busy_enough)
    g_cond_wait (&spinner.cond, &spinner.lock);
  tid = spinner.tid;
  g_mutex_unlock (&spinner.lock);

  g_assert_true (mpd_proc_read_thread_stat (getpid (), tid, &spinner_stat));
  g_assert_true (mpd_proc_read_thread_stat (getpid (), getpid (), &main_stat));
  g_assert_true (mpd_proc_read_stat (getpid (), &process_stat));
  g_mutex_lock (&spinner.lock);
  spinner.stop = TRUE;
  g_mutex_unlock (&spinner.lock);
  g_thread_join (thread);

  g_assert_cmpuint (spinner_stat.cpu_ticks, >=, (guint64) ticks_per_s / 2);
  g_assert_cmpuint (process_stat.cpu_ticks, >=, spinner_stat.cpu_ticks);
  /* The main thread waited meanwhile: far less than the spinner. */
  g_assert_cmpuint (main_stat.cpu_ticks - main_before.cpu_ticks, <, spinner_stat.cpu_ticks / 2);
  g_mutex_clear (&spinner.lock);
  g_cond_clear (&spinner.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/process-tree/tree", test_tree);
  g_test_add_func ("/mpd/process-tree/thread-cpu", test_thread_cpu);
  g_test_add_func ("/mpd/process-tree/pipe-and-shared-memory", test_pipe_and_shared_memory);
  g_test_add_func ("/mpd/process-tree/events", test_events);
  g_test_add_func ("/mpd/process-tree/wchan-words", test_wchan_words);
  g_test_add_func ("/mpd/process-tree/trace", test_trace);
  g_test_add_func ("/mpd/process-tree/history", test_history);

  return g_test_run ();
}
