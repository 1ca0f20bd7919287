/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-producer.c: the producer child process: start, messages, fds, stop, and its deaths. */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mpd-proc.h"
#include "mpd-producer.h"
#include "mpd-test-utils.h"

/* Takes the next message, waiting in poll() for the producer to send it. */
static MpdMessage
get_message (MpdQueue *queue)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      struct pollfd pfd = { .fd = mpd_queue_get_read_fd (queue), .events = POLLIN };
      MpdMessage message;

      switch (mpd_queue_get (queue, &message, &error))
        {
        case MPD_QUEUE_STATUS_MESSAGE:
          return message;

        case MPD_QUEUE_STATUS_EMPTY:
          g_assert_cmpint (poll (&pfd, 1, -1), ==, 1);
          break;

        case MPD_QUEUE_STATUS_CLOSED:
        case MPD_QUEUE_STATUS_ERROR:
        default:
          g_assert_no_error (error);
          g_assert_not_reached ();
        }
    }
}

static void
exited_cb (MpdProducer *producer,
           int          wait_status,
           int         *out_status)
{
  *out_status = wait_status;
}

/* Runs the main loop until the producer has exited, and returns its wait status. */
static int
wait_for_exit (MpdProducer *producer)
{
  int wait_status = -1;
  gulong id = g_signal_connect (producer, "exited", G_CALLBACK (exited_cb), &wait_status);

  while (wait_status == -1)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (producer, id);
  g_assert_false (mpd_producer_get_running (producer));
  g_assert_cmpint (mpd_producer_get_pid (producer), ==, 0);

  return wait_status;
}

static void
test_start_and_stop (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  const char *argv[] = { mpd_test_program ("MPD_PRODUCER_PROGRAM"), NULL };
  g_autoptr(MpdProducer) producer = mpd_producer_new (argv, 20);
  g_autoptr(GError) error = NULL;
  g_autofree char *comm = NULL;
  MpdProcStat stat, parent_stat;
  g_autofree char *fd_dir = NULL;
  g_autofree char *our_pipe = NULL;
  g_autofree char *their_pipe = NULL;
  g_autofree char *read_end = NULL;
  g_autofree char *their_fd = NULL;
  MpdMessage messages[4];
  int wait_status;
  int pid;

  g_assert_true (mpd_producer_start (producer, queue, &error));
  g_assert_no_error (error);
  mpd_queue_close_write_end (queue);

  g_assert_true (mpd_producer_get_running (producer));
  pid = mpd_producer_get_pid (producer);
  g_assert_cmpint (pid, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    messages[i] = get_message (queue);

  /* A process of its own, named so, whose parent is mpdemo-supervisor, whose parent is us. */
  comm = mpd_test_read_proc (pid, "comm");
  g_assert_cmpstr (comm, ==, "mpdemo-producer");
  g_assert_true (mpd_proc_read_stat (pid, &stat));
  g_assert_true (mpd_proc_read_stat (stat.parent_pid, &parent_stat));
  g_assert_cmpstr (parent_stat.name, ==, "mpdemo-supervis");  /* 15 bytes, as the kernel keeps */
  g_assert_cmpint (parent_stat.parent_pid, ==, getpid ());

  /* Messages 1, 2, 3, … from that pid, one interval apart at least. */
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_assert_cmpuint (messages[i].sequence, ==, i + 1);
      g_assert_cmpint (messages[i].pid, ==, pid);
      g_assert_cmpint (messages[i].monotonic_time_us - messages[0].monotonic_time_us,
                       >=, (gint64) i * 20 * 1000);
    }

  /* Its fds: stdin, stdout and stderr, and the pipe, which it moved from stdout to fd 3
   * (see mpdemo-producer.c). Nothing else leaked into it from us. */
  fd_dir = g_strdup_printf ("%d/fd", pid);
  g_assert_cmpuint (mpd_test_count_proc_entries (fd_dir), ==, 4);
  read_end = g_strdup_printf ("/proc/self/fd/%d", mpd_queue_get_read_fd (queue));
  their_fd = g_strdup_printf ("/proc/%d/fd/3", pid);
  our_pipe = g_file_read_link (read_end, NULL);
  their_pipe = g_file_read_link (their_fd, NULL);
  g_assert_nonnull (our_pipe);
  g_assert_cmpstr (their_pipe, ==, our_pipe);

  mpd_producer_stop (producer);
  wait_status = wait_for_exit (producer);
  g_assert_true (WIFSIGNALED (wait_status));
  g_assert_cmpint (WTERMSIG (wait_status), ==, SIGTERM);
  g_assert_true (mpd_test_pid_is_gone (pid));
}

/* A producer that ignores SIGTERM is killed with SIGKILL after the grace period. */
static void
test_kill_after_grace (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  const char *argv[] = { mpd_test_program ("MPD_DUMMY_PRODUCER"), "--mode=ignore-term", NULL };
  g_autoptr(MpdProducer) producer = mpd_producer_new (argv, 1000);
  int wait_status;
  int pid;

  g_assert_true (mpd_producer_start (producer, queue, NULL));
  pid = mpd_producer_get_pid (producer);

  /* Once its first message is in, it ignores SIGTERM. */
  g_assert_cmpuint (get_message (queue).sequence, ==, 1);

  mpd_producer_stop (producer);
  wait_status = wait_for_exit (producer);
  g_assert_true (WIFSIGNALED (wait_status));
  g_assert_cmpint (WTERMSIG (wait_status), ==, SIGKILL);
  g_assert_true (mpd_test_pid_is_gone (pid));
}

/* When the reader closes the pipe, the producer gets EPIPE and exits by itself, cleanly. */
static void
test_exits_on_closed_pipe (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  const char *argv[] = { mpd_test_program ("MPD_PRODUCER_PROGRAM"), NULL };
  g_autoptr(MpdProducer) producer = mpd_producer_new (argv, 5);
  int wait_status;

  g_assert_true (mpd_producer_start (producer, queue, NULL));
  mpd_queue_close_write_end (queue);
  g_assert_cmpuint (get_message (queue).sequence, ==, 1);

  g_clear_object (&queue);

  wait_status = wait_for_exit (producer);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
}

static volatile sig_atomic_t orphan_pid;
static volatile sig_atomic_t watchdog_fired;

static void
watchdog_cb (int signal_number)
{
  watchdog_fired = 1;
  kill (orphan_pid, SIGKILL);
}

/* Waits for @pid, an orphan handed to us as subreaper, and returns its wait status. If it is
 * still there after ten seconds, it was never going to go: kill it, so that a failing test
 * leaves nothing behind, and fail. */
static int
wait_for_orphan (int pid)
{
  struct sigaction action = { .sa_handler = watchdog_cb };
  int wait_status;

  orphan_pid = pid;
  watchdog_fired = 0;
  sigaction (SIGALRM, &action, NULL);
  alarm (10);

  while (waitpid (pid, &wait_status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);

  alarm (0);
  g_assert_false (watchdog_fired);

  return wait_status;
}

static int
parse_producer_pid (const char *line)
{
  const char *at = strstr (line, "  producer ");

  g_assert_nonnull (at);
  return atoi (at + strlen ("  producer "));
}

/* Runs `mpdemo --console` with @producer_command (or its own producer for NULL), kills it with
 * SIGKILL, which no program can catch, once its producer has sent a message, and returns how
 * that producer ended, as mpdemo-supervisor (the producer's parent) says it with its own exit
 * status: 128 + the signal that ended it, as a shell says it. We become the "subreaper" that
 * orphans are handed to, so that we can wait for the supervisor. */
static int
kill_mpdemo_and_wait_for_producer (const char *producer_command,
                                   gboolean    pause_first)
{
  g_autoptr(GSubprocess) parent = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  MpdProcStat stat;
  int producer_pid, supervisor_pid;
  int wait_status;
  gint64 killed_at;

  g_assert_cmpint (prctl (PR_SET_CHILD_SUBREAPER, 1), ==, 0);

  parent = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             mpd_test_program ("MPDEMO_PROGRAM"), "--console", "--interval=50",
                             producer_command ? "--producer-command" : NULL, producer_command,
                             NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (parent));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  producer_pid = parse_producer_pid (line);
  g_assert_true (mpd_proc_read_stat (producer_pid, &stat));
  supervisor_pid = stat.parent_pid;

  /* A stopped process acts on no signal but SIGKILL and SIGCONT until it runs again. */
  if (pause_first)
    {
      g_assert_cmpint (kill (producer_pid, SIGSTOP), ==, 0);
      mpd_test_wait_for_stopped (producer_pid, TRUE);
    }

  killed_at = g_get_monotonic_time ();
  g_subprocess_force_exit (parent);
  g_assert_true (g_subprocess_wait (parent, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (parent));

  /* Its orphan, the supervisor, is ours now: wait for it. It exits once it has ended and
   * reaped the producer. The time is a figure to read, not a pass mark. */
  wait_status = wait_for_orphan (supervisor_pid);
  g_test_message ("the producer ended %.1f ms after mpdemo was killed",
                  (g_get_monotonic_time () - killed_at) / 1e3);
  g_assert_true (mpd_test_pid_is_gone (producer_pid));
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* When mpdemo is killed with SIGKILL, the producer still ends: the kernel tells the
 * supervisor (PR_SET_PDEATHSIG), which sends the producer SIGTERM. */
static void
test_exits_when_parent_dies (void)
{
  g_assert_cmpint (kill_mpdemo_and_wait_for_producer (NULL, FALSE), ==, 128 + SIGTERM);
}

/* A producer paused with SIGSTOP when mpdemo is killed: the supervisor sends it SIGTERM with
 * SIGCONT, and it ends (issue 13: it used to stay stopped for ever, its SIGTERM pending). */
static void
test_paused_exits_when_parent_dies (void)
{
  g_assert_cmpint (kill_mpdemo_and_wait_for_producer (NULL, TRUE), ==, 128 + SIGTERM);
}

/* The same for a producer command of the user's, even one that ignores SIGTERM and waits
 * forever: the supervisor kills it with SIGKILL after the grace period. */
static void
test_command_exits_when_parent_dies (void)
{
  g_autofree char *command = mpd_test_dummy_command ("ignore-term");

  g_assert_cmpint (kill_mpdemo_and_wait_for_producer (command, FALSE), ==, 128 + SIGKILL);
}

/* A producer whose parent died before it could ask to be told leaves at once. */
static void
test_exits_when_parent_is_gone_already (void)
{
  g_autoptr(GSubprocess) producer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = NULL;

  producer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                               mpd_test_program ("MPD_PRODUCER_PROGRAM"), "--parent-pid=1",
                               NULL);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_communicate (producer, NULL, NULL, &output, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (output), ==, 0);
  g_assert_true (g_subprocess_get_successful (producer));
}

/* A program named without a folder is looked for in PATH, and only there: never in the
 * current folder, where another user may have left a program of that name. */
static void
test_program_not_in_current_folder (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autofree char *folder = g_dir_make_tmp ("mpdemo-XXXXXX", NULL);
  g_autofree char *planted = g_build_filename (folder, "planted-producer", NULL);
  g_autofree char *old_folder = g_get_current_dir ();
  const char *argv[] = { "planted-producer", NULL };
  g_autoptr(MpdProducer) producer = mpd_producer_new (argv, 1000);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (planted, "#!/bin/sh\ntouch ran\n", -1, NULL));
  g_assert_cmpint (g_chmod (planted, 0755), ==, 0);
  g_assert_cmpint (g_chdir (folder), ==, 0);

  g_assert_false (mpd_producer_start (producer, queue, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Could not start the producer: “planted-producer” was not found in PATH");
  g_assert_false (g_file_test ("ran", G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chdir (old_folder), ==, 0);
  g_remove (planted);
  g_rmdir (folder);
}

static void
test_missing_program (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  const char *argv[] = { "/nonexistent/mpdemo-producer", NULL };
  g_autoptr(MpdProducer) producer = mpd_producer_new (argv, 1000);
  g_autoptr(GError) error = NULL;

  g_assert_false (mpd_producer_start (producer, queue, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Could not start the producer: "));
  g_assert_nonnull (strstr (error->message, "/nonexistent/mpdemo-producer"));
  g_assert_false (mpd_producer_get_running (producer));
}

static int
real_wait_status (const char * const *argv,
                  gboolean            kill_it)
{
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, NULL);

  g_assert_nonnull (process);
  if (kill_it)
    g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));

  return g_subprocess_get_status (process);
}

static void
test_describe_exit (void)
{
  const char *exit_3[] = { "/bin/sh", "-c", "exit 3", NULL };
  const char *sleeper[] = { "/bin/sleep", "100", NULL };
  g_autofree char *exited = mpd_producer_describe_exit (real_wait_status (exit_3, FALSE));
  g_autofree char *killed = mpd_producer_describe_exit (real_wait_status (sleeper, TRUE));

  g_assert_cmpstr (exited, ==, "exited with status 3");
  g_assert_cmpstr (killed, ==, "killed by SIGKILL (signal 9)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/producer/start-and-stop", test_start_and_stop);
  g_test_add_func ("/mpd/producer/kill-after-grace", test_kill_after_grace);
  g_test_add_func ("/mpd/producer/exits-on-closed-pipe", test_exits_on_closed_pipe);
  g_test_add_func ("/mpd/producer/exits-when-parent-dies", test_exits_when_parent_dies);
  g_test_add_func ("/mpd/producer/paused-exits-when-parent-dies",
                   test_paused_exits_when_parent_dies);
  g_test_add_func ("/mpd/producer/command-exits-when-parent-dies",
                   test_command_exits_when_parent_dies);
  g_test_add_func ("/mpd/producer/exits-when-parent-is-gone-already",
                   test_exits_when_parent_is_gone_already);
  g_test_add_func ("/mpd/producer/missing-program", test_missing_program);
  g_test_add_func ("/mpd/producer/program-not-in-current-folder",
                   test_program_not_in_current_folder);
  g_test_add_func ("/mpd/producer/describe-exit", test_describe_exit);

  return g_test_run ();
}
