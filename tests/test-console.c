/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-console.c: the mpdemo program from the outside: --console, --count, --version, errors. */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <grp.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mpd-test-utils.h"

typedef struct
{
  int   exit_status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs mpdemo with @args (NULL-terminated) and no display, and collects what it says. */
static void
run_mpdemo (Run        *run,
            const char *first_arg,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first_arg);
  argv = mpd_test_mpdemo_argv (first_arg, args);
  va_end (args);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* A student's python3 buffers what it prints into a pipe: so must the tests' (some machines
   * set this for their own tools). */
  g_subprocess_launcher_unsetenv (launcher, "PYTHONUNBUFFERED");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err,
                                                &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->exit_status = g_subprocess_get_exit_status (process);
}

/* mpdemo --console --count 3 --interval 100: three lines, like the seed's console output. */
static void
test_console_count (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GRegex) regex = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 started = g_get_real_time ();
  int producer_pid = 0;

  run_mpdemo (&run, "--console", "--count", "3", "--interval", "100", NULL);

  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.exit_status, ==, 0);

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");

  regex = g_regex_new ("^(\\d{4})-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)(\\.\\d{6})?"
                       "  producer (\\d+)  message (\\d+)$", 0, 0, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GDateTime) sent = NULL;
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autofree char *iso = NULL;
      g_autofree char *pid = NULL;
      g_autofree char *sequence = NULL;
      g_autofree char *date = NULL;
      g_autofree char *time = NULL;

      g_assert_true (g_regex_match (regex, lines[i], 0, &match));

      /* Each line carries the time the message was sent: after we started mpdemo. */
      date = g_strndup (lines[i], 10);
      time = g_strdup (lines[i] + 11);
      *strstr (time, "  ") = '\0';
      iso = g_strdup_printf ("%sT%s", date, time);
      sent = g_date_time_new_from_iso8601 (iso, local);
      g_assert_nonnull (sent);
      g_assert_cmpint (g_date_time_to_unix (sent), >=, started / G_USEC_PER_SEC);

      pid = g_match_info_fetch (match, 8);
      sequence = g_match_info_fetch (match, 9);
      g_assert_cmpint (atoi (sequence), ==, i + 1);
      if (i == 0)
        producer_pid = atoi (pid);
      g_assert_cmpint (atoi (pid), ==, producer_pid);
    }

  /* mpdemo reaped its producer before it exited. */
  g_assert_true (mpd_test_pid_is_gone (producer_pid));
}

/* Ctrl+C or SIGTERM: mpdemo stops its producer, reaps it, and exits with 128 + the signal. */
static void
test_console_signal (gconstpointer data)
{
  int signal_number = GPOINTER_TO_INT (data);
  g_autoptr(GSubprocess) mpdemo = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *pid;

  mpdemo = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             mpd_test_program ("MPDEMO_PROGRAM"), "--console", "--interval=20",
                             NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mpdemo));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  pid = strstr (line, "  producer ");
  g_assert_nonnull (pid);

  g_subprocess_send_signal (mpdemo, signal_number);
  g_assert_true (g_subprocess_wait (mpdemo, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (mpdemo));
  g_assert_cmpint (g_subprocess_get_exit_status (mpdemo), ==, 128 + signal_number);
  g_assert_true (mpd_test_pid_is_gone (atoi (pid + strlen ("  producer "))));
}

/* Checks that @err is the line about bad data that starts with @bad, and, when @exit_line is
 * not NULL, that line too, in either order: a producer can write its garbage and exit before
 * the consumer thread has read it, or after. With @exit_line NULL, the exit line may be
 * there or not. */
static void
assert_bad_data_and_exit (const char *err,
                          const char *bad,
                          const char *exit_line,
                          const char *maybe_exit_line)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  guint n_lines = g_strv_length (lines);
  guint bad_at;

  g_assert_cmpstr (lines[n_lines - 1], ==, "");
  g_assert_cmpuint (n_lines, >=, 2);
  g_assert_cmpuint (n_lines, <=, 3);
  bad_at = g_str_has_prefix (lines[0], bad) ? 0 : 1;
  g_assert_true (g_str_has_prefix (lines[bad_at], bad));
  if (n_lines == 3)
    g_assert_cmpstr (lines[1 - bad_at], ==, exit_line ? exit_line : maybe_exit_line);
  else
    g_assert_null (exit_line);
}

/* Any program can be the producer. Random bytes are bad data: mpdemo ends with one clear line
 * and exit status 1. (A line may also say that the producer has ended: it can write its last
 * bytes into the pipe and exit before the consumer thread has read the first ones.) The bytes
 * come from a fixed seed: bytes from /dev/urandom start like text more than half of the time
 * (three printable or UTF-8 bytes), and then a short first line may be valid text. */
static void
test_producer_command_random_bytes (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *command = mpd_test_dummy_command ("random:100000");

  run_mpdemo (&run, "--console", "--producer-command", command, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_bad_data_and_exit (run.err, "mpdemo: Bad data in the pipe at byte 0: ", NULL,
                            "mpdemo: The producer process has ended: exited with status 0.");
}

/* Bad data, and the producer's own exit status (issue 13, item 8): both facts are said, though
 * the bad data made mpdemo stop the producer (this one ignores SIGTERM, and exits with 3). */
static void
test_bad_data_then_exit (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *command = mpd_test_dummy_command ("bad-then-exit:3");

  run_mpdemo (&run, "--console", "--producer-command", command, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  assert_bad_data_and_exit (run.err, "mpdemo: Bad data in the pipe at byte ",
                            "mpdemo: The producer process has ended: exited with status 3.",
                            NULL);
}

/* A producer that closes the pipe and goes on running (issue 13, item 8): mpdemo says so,
 * instead of waiting silently, and Ctrl+C still ends both. */
static void
test_closed_pipe_still_running (void)
{
  g_autofree char *command = mpd_test_dummy_command ("close-stdout");
  g_autoptr(GSubprocess) mpdemo = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  mpdemo = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error, mpd_test_program ("MPDEMO_PROGRAM"), "--console",
                             "--producer-command", command, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (mpdemo));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "mpdemo: the producer closed the pipe but is still running: "
                             "nothing more can come. Waiting for it to end (Ctrl+C stops it).");

  g_subprocess_send_signal (mpdemo, SIGINT);
  g_assert_true (g_subprocess_wait (mpdemo, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (mpdemo));
  g_assert_cmpint (g_subprocess_get_exit_status (mpdemo), ==, 128 + SIGINT);
}

/* A producer of one's own that sends three good messages and exits. */
static void
test_producer_command_own (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *command = mpd_test_dummy_command ("count:3");
  g_auto(GStrv) lines = NULL;

  run_mpdemo (&run, "--console", "--producer-command", command, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.err, ==, "mpdemo: The producer process has ended: exited with status 0.\n");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_suffix (lines[0], "  message 1"));
  g_assert_true (g_str_has_suffix (lines[2], "  message 3"));
}

static void
test_producer_command_bad_quoting (void)
{
  g_auto(Run) run = { 0 };

  run_mpdemo (&run, "--console", "--producer-command", "sh -c 'unfinished", NULL);
  g_assert_cmpint (run.exit_status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "mpdemo: --producer-command cannot be read: "));
}

/* Each kind of bad input: a clear line on stderr that says what was wrong and where, the
 * good message before it printed, exit status 1, and the producer reaped. */
static void
test_bad_input (gconstpointer data)
{
  const char *mode = data;
  g_auto(Run) run = { 0 };
  g_autofree char *command = mpd_test_dummy_command (mode);
  g_autofree char *error = mpd_test_bad_input_error (mode);
  g_autofree char *error_line = g_strdup_printf ("mpdemo: %s", error);
  g_auto(GStrv) lines = NULL;
  const char *pid;

  run_mpdemo (&run, "--console", "--producer-command", command, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  /* (half-frame exits by itself with 0, before or after its half frame is read.) */
  assert_bad_data_and_exit (run.err, error_line, NULL,
                            "mpdemo: The producer process has ended: exited with status 0.");

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_suffix (lines[0], "  message 1"));
  pid = strstr (lines[0], "  producer ");
  g_assert_nonnull (pid);
  g_assert_true (mpd_test_pid_is_gone (atoi (pid + strlen ("  producer "))));
}

/* --flood --count: no line per message, one summary at the end, and nothing lost. */
static void
test_flood_summary (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) with_interval = { 0 };

  run_mpdemo (&run, "--console", "--flood", "--count", "200000", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_regex_match_simple ("^received 200000 messages in \\d+\\.\\d{3} s "
                                       "\\(\\d+ msg/s\\), lost 0\n$", run.out, 0, 0));

  run_mpdemo (&with_interval, "--console", "--flood", "--interval", "5", NULL);
  g_assert_cmpint (with_interval.exit_status, ==, 2);
  g_assert_cmpstr (with_interval.err, ==,
                   "mpdemo: --flood sends without a pause, so it cannot go with --interval.\n");
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_mpdemo (&run, "--version", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.out, ==, "mpdemo " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_mpdemo (&run, "--help", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--console"));
  g_assert_nonnull (strstr (run.out, "--interval=MS"));
  g_assert_nonnull (strstr (run.out, "--count=N"));
}

static void
test_bad_options (void)
{
  g_auto(Run) zero_interval = { 0 };
  g_auto(Run) zero_count = { 0 };
  g_auto(Run) not_a_number = { 0 };

  run_mpdemo (&zero_interval, "--console", "--interval", "0", NULL);
  g_assert_cmpint (zero_interval.exit_status, ==, 2);
  g_assert_cmpstr (zero_interval.out, ==, "");
  g_assert_cmpstr (zero_interval.err, ==,
                   "mpdemo: --interval must be a number of milliseconds from 1 to 3600000, "
                   "not “0”.\n");

  run_mpdemo (&zero_count, "--console", "--count", "0", NULL);
  g_assert_cmpint (zero_count.exit_status, ==, 2);
  g_assert_cmpstr (zero_count.err, ==, "mpdemo: --count must be a whole number, 1 or more, "
                                       "not “0”.\n");

  run_mpdemo (&not_a_number, "--interval", "soon", NULL);
  g_assert_cmpint (not_a_number.exit_status, !=, 0);
  g_assert_nonnull (strstr (not_a_number.err, "soon"));

  /* -1 is a number like any other (issue 13: --count -1 ran for ever, --interval -1 ran at
   * 1000 ms, and --flood --interval -1 was taken). */
  {
    g_auto(Run) minus_count = { 0 };
    g_auto(Run) minus_interval = { 0 };
    g_auto(Run) minus_flood = { 0 };

    run_mpdemo (&minus_count, "--console", "--count", "-1", NULL);
    g_assert_cmpint (minus_count.exit_status, ==, 2);
    g_assert_cmpstr (minus_count.err, ==, "mpdemo: --count must be a whole number, 1 or "
                                          "more, not “-1”.\n");
    run_mpdemo (&minus_interval, "--console", "--interval", "-1", NULL);
    g_assert_cmpint (minus_interval.exit_status, ==, 2);
    run_mpdemo (&minus_flood, "--console", "--flood", "--interval=-1", NULL);
    g_assert_cmpint (minus_flood.exit_status, ==, 2);
  }
}

/* Without a display, the window cannot open: one line that says what to do instead. */
static void
test_no_display (void)
{
  g_auto(Run) run = { 0 };

  run_mpdemo (&run, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "mpdemo: No graphical display was found"));
  g_assert_nonnull (strstr (run.err, "mpdemo --console"));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
}

/* mpdemo ARGUMENTS run by sh with REDIRECTIONS ("2>&-", "> /dev/full"): its exit status, and
 * what it wrote to stdout and stderr (where they are not closed or redirected). */
static int
run_redirected (const char  *redirections,
                const char  *arguments,
                char       **out,
                char       **err)
{
  g_autofree char *script = g_strdup_printf ("exec \"$0\" %s %s", arguments, redirections);
  const char *argv[] = { "sh", "-c", script, mpd_test_program ("MPDEMO_PROGRAM"), NULL };
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out, err, &wait_status, NULL));
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* Started with stderr closed, mpdemo and its producer still work: the producer's messages
 * do not go into a pipe that took fd 2 (issue 13: it exited with status 1 and no output). */
static void
test_closed_stderr (void)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_redirected ("2>&-", "--console --count 2 --interval 10", &out, NULL),
                   ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[1], "  message 2"));
}

/* Output that cannot be written is an error, with exit status 1: a full disk (one line per
 * message, and the flood's summary) or a closed stdout. */
static void
test_stdout_errors (void)
{
  g_autofree char *err_full = NULL, *err_summary = NULL, *err_closed = NULL;

  g_assert_cmpint (run_redirected ("> /dev/full", "--console --count 2 --interval 10", NULL,
                                   &err_full), ==, 1);
  g_assert_cmpstr (err_full, ==, "mpdemo: the messages cannot be written to the standard "
                                 "output: No space left on device\n");

  g_assert_cmpint (run_redirected ("> /dev/full", "--console --flood --count 1000", NULL,
                                   &err_summary), ==, 1);
  g_assert_cmpstr (err_summary, ==, err_full);

  g_assert_cmpint (run_redirected (">&-", "--console --count 2", NULL, &err_closed), ==, 1);
  g_assert_cmpstr (err_closed, ==, "mpdemo: the standard output is closed, so --console has "
                                   "nowhere to print the messages.\n");
}

/* A copy of mpdemo in a folder where someone else planted an mpdemo-producer and an
 * mpdemo-supervisor beside it runs neither (issue 13, item 3: it preferred a producer beside
 * its own executable): its helpers come from its libexec folder only. */
static void
test_nothing_run_beside_the_program (void)
{
  g_autofree char *folder = g_dir_make_tmp ("mpdemo-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (folder, "mpdemo", NULL);
  g_autofree char *ran = g_build_filename (folder, "ran", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *plant = NULL;
  const char *argv[] = { copy, "--console", "--count", "1", NULL };
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "MPD_PRODUCER_PROGRAM");
  int wait_status;
  gsize length;

  g_assert_true (g_file_get_contents (mpd_test_program ("MPDEMO_PROGRAM"), &contents, &length,
                                      NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  g_assert_cmpint (g_chmod (copy, 0755), ==, 0);
  plant = g_strdup_printf ("#!/bin/sh\ntouch %s\n", ran);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *planted = g_build_filename (folder, i ? "mpdemo-supervisor"
                                                             : "mpdemo-producer", NULL);

      g_assert_true (g_file_set_contents (planted, plant, -1, NULL));
      g_assert_cmpint (g_chmod (planted, 0755), ==, 0);
    }

  g_assert_true (g_spawn_sync (folder, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &wait_status, NULL));
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_false (g_file_test (ran, G_FILE_TEST_EXISTS));

  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_remove (path);
      }
  }
  g_rmdir (folder);
}

/* A stream that claims a thousand producer pids: the first 64 are checked for losses, as in
 * the window, the rest only counted, so memory stays bounded whatever comes (issue 13, item
 * 4: one table entry per pid took 342 MB to 1.48 GB in 8 s). A sequence number near 2^64
 * does not wrap the count of losses. */
static void
test_flood_hostile_streams (void)
{
  g_autofree char *many = mpd_test_dummy_command ("many-pids:1000");
  g_autofree char *huge = mpd_test_dummy_command ("huge-sequence");
  g_auto(Run) many_pids = { 0 };
  g_auto(Run) huge_sequence = { 0 };

  run_mpdemo (&many_pids, "--console", "--flood", "--producer-command", many, NULL);
  g_assert_true (g_regex_match_simple ("^received 1000 messages in .*, lost 0\n"
                                       "936 messages came from pids past the first 64, and "
                                       "were not checked for losses\n$",
                                       many_pids.out, 0, 0));

  run_mpdemo (&huge_sequence, "--console", "--flood", "--producer-command", huge, NULL);
  g_assert_true (g_regex_match_simple ("^received 2 messages in .*, lost 18446744073709551612\n$",
                                       huge_sequence.out, 0, 0));
}

/* Losses, message by message (issue 14, item 7: only the window counted them): a producer
 * that jumps from message 1 to message 2^64 - 2 has lost all those in between, and mpdemo
 * says so on stderr, between its lines. */
static void
test_losses_said (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *command = mpd_test_dummy_command ("huge-sequence");
  g_auto(GStrv) lines = NULL;

  run_mpdemo (&run, "--console", "--producer-command", command, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_suffix (lines[1], "  message 18446744073709551614"));
  /* (The producer's end may be said before or after: it exits as soon as it has written.) */
  g_assert_true (g_regex_match_simple ("^mpdemo: producer \\d+: message numbers 2 to "
                                       "18446744073709551613 never came$", run.err,
                                       G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (run.err, "mpdemo: The producer process has ended: exited with "
                                     "status 0.\n"));
}

/* In the child, before exec: a limit of 3 threads and processes (ulimit -u 3) for a user of
 * its own, since root has no such limit. */
static void
limit_processes (gpointer data)
{
  struct rlimit limit = { 3, 3 };

  if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0))
    _exit (125);
  /* A build folder under /root, say, that the user nobody cannot reach. */
  if (access ((const char *) data, X_OK) != 0)
    _exit (126);
  if (setrlimit (RLIMIT_NPROC, &limit) != 0)
    _exit (125);
}

/* Too few threads and processes allowed (issue 13, item 9): GLib would abort when it cannot
 * create a thread of its own; mpdemo says so before it starts any, with exit status 1. */
static void
test_thread_limit (void)
{
  const char *argv[] = { mpd_test_program ("MPDEMO_PROGRAM"), "--console", "--count", "1", NULL };
  g_autofree char *err = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               limit_processes, (gpointer) argv[0], NULL, &err, &wait_status,
                               NULL));
  g_assert_true (WIFEXITED (wait_status));
  if (WEXITSTATUS (wait_status) == 126)
    {
      g_test_skip ("the user nobody cannot reach mpdemo in this build folder");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_true (g_str_has_prefix (err, "mpdemo: MpDemo needs about 12 threads and processes "
                                        "at once, and this user cannot have that many more: the "
                                        "limit is 3 threads and processes in all (ulimit -u). "));
}

/* The producer gets the environment mpdemo was given, not what mpdemo sets for its own
 * window (GSK_RENDERER, GDK_DEBUG: issue 13, item 9). */
static void
test_producer_environment (void)
{
  g_autofree char *folder = g_dir_make_tmp ("mpdemo-XXXXXX", NULL);
  g_autofree char *env_file = g_build_filename (folder, "env", NULL);
  g_autofree char *script = g_strdup_printf ("env > %s; exec %s", env_file,
                                             mpd_test_program ("MPD_PRODUCER_PROGRAM"));
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *command = g_strdup_printf ("sh -c %s", quoted);
  const char *argv[] = { mpd_test_program ("MPDEMO_PROGRAM"), "--console", "--count", "1",
                         "--producer-command", command, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *env = NULL;
  int wait_status;

  envp = g_environ_unsetenv (envp, "GSK_RENDERER");
  envp = g_environ_unsetenv (envp, "GDK_DEBUG");
  envp = g_environ_setenv (envp, "MPD_TEST_MARK", "given", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &wait_status, NULL));
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  g_assert_true (g_file_get_contents (env_file, &env, NULL, NULL));
  g_assert_nonnull (strstr (env, "MPD_TEST_MARK=given\n"));
  g_assert_null (strstr (env, "GSK_RENDERER="));
  g_assert_null (strstr (env, "GDK_DEBUG="));

  g_remove (env_file);
  g_rmdir (folder);
}

/* Whether python3 is here to run a student's producer; if not, the test is skipped. */
static gboolean
have_python3 (void)
{
  g_autofree char *python3 = g_find_program_in_path ("python3");

  if (python3 == NULL)
    g_test_skip ("python3 is not installed");
  return python3 != NULL;
}

/* Writes @source as a Python program in a new folder: returns the command that runs it. */
static char *
python_producer (const char *source,
                 char      **folder)
{
  g_autofree char *path = NULL;

  *folder = g_dir_make_tmp ("mpdemo-XXXXXX", NULL);
  path = g_build_filename (*folder, "producer.py", NULL);
  g_assert_true (g_file_set_contents (path, source, -1, NULL));
  return g_strdup_printf ("python3 %s", path);
}

static void
remove_python_producer (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "producer.py", NULL);

  g_remove (path);
  g_rmdir (folder);
}

/* A student's first producer, seed 004's loop: text, not frames (issue 14, item 6). mpdemo
 * reads it line by line; each line is shown as printed, with the producer's pid. With flush=True
 * each line comes at once; without it, when Python's buffer is written (here: at its exit). */
static void
test_text_producer (gconstpointer data)
{
  static const char *const sources[] = {
    "import time\n"
    "from datetime import datetime\n"
    "\n"
    "while True:\n"
    "    print(str(datetime.now()), flush=True)\n"
    "    time.sleep(0.2)\n",

    "import time\n"
    "from datetime import datetime\n"
    "\n"
    "for i in range(5):\n"
    "    print(str(datetime.now()))\n"
    "    time.sleep(0.05)\n",
  };
  g_auto(Run) run = { 0 };
  g_autoptr(GRegex) regex = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *command = NULL;
  int producer_pid = 0;

  if (!have_python3 ())
    return;

  command = python_producer (sources[GPOINTER_TO_INT (data)], &folder);
  run_mpdemo (&run, "--console", "--count", "3", "--producer-command", command, NULL);
  remove_python_producer (folder);

  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.exit_status, ==, 0);

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  regex = g_regex_new ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"
                       "  producer (\\d+)  message (\\d+)$", 0, 0, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *pid = NULL;
      g_autofree char *sequence = NULL;

      g_assert_true (g_regex_match (regex, lines[i], 0, &match));
      pid = g_match_info_fetch (match, 1);
      sequence = g_match_info_fetch (match, 2);
      g_assert_cmpint (atoi (sequence), ==, i + 1);
      if (i == 0)
        producer_pid = atoi (pid);
      g_assert_cmpint (atoi (pid), ==, producer_pid);
    }

  /* The pid is the producer's, which mpdemo reaped before it exited. */
  g_assert_cmpint (producer_pid, >, 0);
  g_assert_true (mpd_test_pid_is_gone (producer_pid));
}

/* What a producer writes to its stderr (a traceback) reaches ours; the end is explained. */
static void
test_producer_stderr (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *folder = NULL;
  g_autofree char *command = NULL;

  if (!have_python3 ())
    return;

  command = python_producer ("print('started', flush=True)\n"
                             "1 / 0\n", &folder);
  run_mpdemo (&run, "--console", "--producer-command", command, NULL);
  remove_python_producer (folder);

  g_assert_true (g_str_has_prefix (run.out, "started  producer "));
  g_assert_nonnull (strstr (run.err, "Traceback (most recent call last):\n"));
  g_assert_nonnull (strstr (run.err, "ZeroDivisionError: division by zero\n"));
  g_assert_nonnull (strstr (run.err, "exited with status 1"));
  g_assert_cmpint (run.exit_status, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/console/count", test_console_count);
  g_test_add_data_func ("/mpd/console/text-producer/flush", GINT_TO_POINTER (0),
                        test_text_producer);
  g_test_add_data_func ("/mpd/console/text-producer/no-flush", GINT_TO_POINTER (1),
                        test_text_producer);
  g_test_add_func ("/mpd/console/producer-stderr", test_producer_stderr);
  g_test_add_data_func ("/mpd/console/sigint", GINT_TO_POINTER (SIGINT), test_console_signal);
  g_test_add_data_func ("/mpd/console/sigterm", GINT_TO_POINTER (SIGTERM), test_console_signal);
  g_test_add_func ("/mpd/console/producer-command/random-bytes",
                   test_producer_command_random_bytes);
  g_test_add_func ("/mpd/console/producer-command/own", test_producer_command_own);
  g_test_add_func ("/mpd/console/thread-limit", test_thread_limit);
  g_test_add_func ("/mpd/console/losses-said", test_losses_said);
  g_test_add_func ("/mpd/console/producer-command/bad-data-then-exit", test_bad_data_then_exit);
  g_test_add_func ("/mpd/console/producer-command/closed-pipe-still-running",
                   test_closed_pipe_still_running);
  g_test_add_func ("/mpd/console/producer-command/bad-quoting", test_producer_command_bad_quoting);
  for (guint i = 0; i < G_N_ELEMENTS (mpd_test_bad_input_modes); i++)
    {
      const char *mode = mpd_test_bad_input_modes[i];
      g_autofree char *path = g_strdup_printf ("/mpd/console/bad-input/%s",
                                               strchr (mode, ':') ? strchr (mode, ':') + 1 : mode);

      g_test_add_data_func (path, mode, test_bad_input);
    }
  g_test_add_func ("/mpd/console/flood-summary", test_flood_summary);
  g_test_add_func ("/mpd/console/version", test_version);
  g_test_add_func ("/mpd/console/help", test_help);
  g_test_add_func ("/mpd/console/bad-options", test_bad_options);
  g_test_add_func ("/mpd/console/no-display", test_no_display);
  g_test_add_func ("/mpd/console/closed-stderr", test_closed_stderr);
  g_test_add_func ("/mpd/console/stdout-errors", test_stdout_errors);
  g_test_add_func ("/mpd/console/producer-environment", test_producer_environment);
  g_test_add_func ("/mpd/console/flood-hostile-streams", test_flood_hostile_streams);
  g_test_add_func ("/mpd/console/nothing-run-beside-the-program",
                   test_nothing_run_beside_the_program);

  return g_test_run ();
}
