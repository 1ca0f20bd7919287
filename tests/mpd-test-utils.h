/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-test-utils.h: small checks on processes, threads and fds that several tests share. */

#pragma once

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/types.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mpd-message.h"
#include "mpd-proc.h"

G_BEGIN_DECLS

/* TRUE when no process @pid exists any more, not even as a zombie: it was reaped. */
static inline gboolean
mpd_test_pid_is_gone (int pid)
{
  return kill (pid, 0) == -1 && errno == ESRCH;
}

/* How many entries /proc/@path holds, such as "self/task" (threads) or "self/fd". */
static inline guint
mpd_test_count_proc_entries (const char *path)
{
  g_autofree char *full = g_build_filename ("/proc", path, NULL);
  g_autoptr(GDir) dir = g_dir_open (full, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Waits until /proc/@path (such as "self/task" or "self/fd") holds at most @expected entries,
 * and returns how many it holds.
 *
 * Some things end a moment after we are told they have: pthread_join() returns before the
 * kernel has removed the thread from /proc/self/task, and GLib's worker thread closes the pidfd
 * of a child it has reaped after telling us. There is no event to wait for that last step, so
 * this looks again, briefly, for up to ten seconds; what really leaked stays, and the caller's
 * assertion fails. */
static inline guint
mpd_test_wait_for_proc_entries (const char *path,
                                guint       expected)
{
  guint n = mpd_test_count_proc_entries (path);

  for (guint tries = 0; n > expected && tries < 10000; tries++)
    {
      g_usleep (1000);
      n = mpd_test_count_proc_entries (path);
    }

  return n;
}

static inline guint
mpd_test_wait_for_threads (guint expected)
{
  return mpd_test_wait_for_proc_entries ("self/task", expected);
}

static inline guint
mpd_test_wait_for_fds (guint expected)
{
  return mpd_test_wait_for_proc_entries ("self/fd", expected);
}

/* How many child processes of ours exist, zombies included. */
static inline guint
mpd_test_count_children (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *after_name;
      char state;
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid …", and comm may hold spaces or parentheses */
      after_name = strrchr (stat, ')');
      if (after_name != NULL && sscanf (after_name + 1, " %c %d", &state, &ppid) == 2 &&
          ppid == getpid ())
        n++;
    }

  return n;
}

/* Waits until the thread @tid of this process is gone, as mpd_test_wait_for_threads() does;
 * returns FALSE when it is still there after ten seconds. */
static inline gboolean
mpd_test_wait_for_thread_gone (int tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%d", tid);

  for (guint tries = 0; g_file_test (path, G_FILE_TEST_EXISTS); tries++)
    {
      if (tries == 10000)
        return FALSE;
      g_usleep (1000);
    }

  return TRUE;
}

/* How many of our fds are pipes. (Other fds come and go under GLib's own control: its worker
 * thread holds a pidfd for each child it watches until it has reaped it.) */
static inline guint
mpd_test_count_pipes (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "pipe:"))
        n++;
    }

  return n;
}

/* The contents of /proc/@pid/@name, without the trailing newline. */
static inline char *
mpd_test_read_proc (int         pid,
                    const char *name)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", pid, name);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  return g_strchomp (g_steal_pointer (&contents));
}

/* GLib starts a thread of its own the first time it watches a child process, and keeps it.
 * Start it before counting threads, so that it is not taken for one we leaked. */
static inline void
mpd_test_start_glib_worker (void)
{
  const char *argv[] = { "/bin/true", NULL };
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, NULL);

  g_assert_nonnull (process);
  g_assert_true (g_subprocess_wait_check (process, NULL, NULL));
}

typedef gboolean (*MpdTestPredicate) (gpointer data);

/* Runs the default main context until @predicate holds, or fails the test after @seconds,
 * saying what it waited for. It looks again at least every 10 ms, for what comes with no
 * event in this process (a process leaving /proc, say). */
static inline void
mpd_test_wait_until (MpdTestPredicate  predicate,
                     gpointer          data,
                     guint             seconds,
                     const char       *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited %u s for %s", seconds, what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
}

static inline gboolean
mpd_test_process_is_stopped (gpointer pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", GPOINTER_TO_INT (pid));
  g_autofree char *stat = NULL;

  return g_file_get_contents (path, &stat, NULL, NULL) && strstr (stat, ") T ") != NULL;
}

static inline gboolean
mpd_test_process_is_running (gpointer pid)
{
  return !mpd_test_process_is_stopped (pid);
}

/* Waits until the kernel says that process @pid is stopped (SIGSTOP), or runs again. The
 * producers run under mpdemo-supervisor, not as our children: waitid() cannot tell, /proc
 * can ("T" in /proc/PID/stat). */
static inline void
mpd_test_wait_for_stopped (int      pid,
                           gboolean stopped)
{
  mpd_test_wait_until (stopped ? mpd_test_process_is_stopped : mpd_test_process_is_running,
                       GINT_TO_POINTER (pid), 10,
                       stopped ? "the process to be stopped" : "the process to go on");
}

/* The first process named @name below @root, as /proc shows them, or 0. */
static inline int
mpd_test_find_descendant (int         root,
                          const char *name)
{
  g_autoptr(GArray) found = mpd_proc_list_descendants (root);

  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (g_array_index (found, MpdProcStat, i).name, name))
      return g_array_index (found, MpdProcStat, i).pid;
  return 0;
}

/* The path of a program built for the tests, from the environment meson sets. */
static inline const char *
mpd_test_program (const char *variable)
{
  const char *path = g_getenv (variable);

  if (path == NULL)
    g_error ("%s is not set: run the tests with `meson test`", variable);

  return path;
}

/* The command line "mpdemo @first_arg …", from a NULL-terminated list of arguments. */
static inline GPtrArray *
mpd_test_mpdemo_argv (const char *first_arg,
                      va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) mpd_test_program ("MPDEMO_PROGRAM"));
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* The command line of tests/dummy-producer in @mode, as a user would type it as the producer
 * command: "…/dummy-producer --mode=MODE". */
static inline char *
mpd_test_dummy_command (const char *mode)
{
  g_autofree char *quoted = g_shell_quote (mpd_test_program ("MPD_DUMMY_PRODUCER"));

  return g_strdup_printf ("%s --mode=%s", quoted, mode);
}

/* The bad input that tests/dummy-producer writes in each of its modes below, after one good
 * message: what it is, and the error the app must give for it, byte offset included. */
static const char * const mpd_test_bad_input_modes[] = {
  "bad:zero-length",
  "bad:too-long",
  "bad:not-gvariant",
  "bad:wrong-type",
  "half-frame",
};

static inline char *
mpd_test_bad_input_error (const char *mode)
{
  guint8 frame[MPD_FRAME_MAX_SIZE];
  MpdMessage message;
  gsize size;

  /* Every message has the same size: the bad data begins right after the first one. */
  mpd_message_init_now (&message, 1);
  size = mpd_message_encode_frame (&message, frame, sizeof frame);
  g_assert_cmpuint (size, >, 0);

  if (g_str_equal (mode, "bad:zero-length"))
    return g_strdup_printf ("Bad data in the pipe at byte %" G_GSIZE_FORMAT ": A message says "
                            "it is 0 bytes long, but a message must be 1 to %u bytes long.",
                            size, (guint) MPD_FRAME_MAX_PAYLOAD);
  if (g_str_equal (mode, "bad:too-long"))
    return g_strdup_printf ("Bad data in the pipe at byte %" G_GSIZE_FORMAT ": A message says "
                            "it is %u bytes long, but a message must be 1 to %u bytes long.",
                            size, (guint) MPD_FRAME_MAX_PAYLOAD + 1, (guint) MPD_FRAME_MAX_PAYLOAD);
  if (g_str_equal (mode, "bad:not-gvariant"))
    return g_strdup_printf ("Bad data in the pipe at byte %" G_GSIZE_FORMAT ": A message of 8 "
                            "bytes is not a valid GVariant.", size);
  if (g_str_equal (mode, "bad:wrong-type"))
    return g_strdup_printf ("Bad data in the pipe at byte %" G_GSIZE_FORMAT ": The message has "
                            "the type “s”, but a message must have the type “(tixx)”.", size);
  if (g_str_equal (mode, "half-frame"))
    return g_strdup_printf ("The pipe was closed in the middle of a message: the last "
                            "%" G_GSIZE_FORMAT " bytes, from byte %" G_GSIZE_FORMAT " on, are "
                            "not a whole message.", size / 2, size);

  g_assert_not_reached ();
}

/* @json passes tests/check-trace.py: the structure that Perfetto's UI reads (MPD_SOURCE_DIR
 * says where the script is). */
static inline void
mpd_test_check_trace_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("mpdemo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "run.json", NULL);
  g_autofree char *check_out = NULL;
  g_autofree char *check_program = NULL;
  const char *check[] = { "python3", NULL, NULL, NULL };
  int wait_status;

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);
  check_program = g_build_filename (g_getenv ("MPD_SOURCE_DIR"), "tests", "check-trace.py", NULL);
  check[1] = check_program;
  check[2] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) check, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &check_out, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", check_out);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  g_remove (path);
  g_rmdir (folder);
}

G_END_DECLS
