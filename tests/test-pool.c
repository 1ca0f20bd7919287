/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pool.c: the process pool, with real worker processes: order, reuse, timeouts, errors,
 * and a worker killed in the middle of a map. The tasks that must wait block on a "gate", a
 * pipe the test writes one byte into per task to release, so no test sleeps. The workers'
 * events come back on a pipe, as MpDemo's page gets them, and say which task runs where. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "mpd-events.h"
#include "mpd-message.h"
#include "mpd-pool.h"
#include "mpd-test-utils.h"

/* Read by the workers: one byte lets one blocked task go on. */
static int gate[2];
/* The events of every pool of this test. */
static int events[2];

enum { SQUARE, FAIL, WAIT_FOR_GATE };

/* The task: @argument is (action, x); the value is (x * x, the worker's pid). */
static GVariant *
task_func (GVariant  *argument,
           gpointer   user_data,
           GError   **error)
{
  int action, x;
  char byte;

  g_variant_get (argument, "(ii)", &action, &x);
  if (action == FAIL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%d is not a number I like", x);
      return NULL;
    }
  if (action == WAIT_FOR_GATE && read (gate[0], &byte, 1) != 1)
    g_error ("the gate is closed");
  return g_variant_new ("(ii)", x * x, (int) getpid ());
}

static const MpdPoolFunction functions[] = {
  { "square", task_func },
  { NULL },
};

static GVariant *
arguments_for (int action,
               int n)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ii)"));
  for (int x = 0; x < n; x++)
    g_variant_builder_add (&builder, "(ii)", action, x);
  return g_variant_builder_end (&builder);
}

static void
open_gate (int n)
{
  for (int i = 0; i < n; i++)
    g_assert_cmpint (write (gate[1], "x", 1), ==, 1);
}

/* What was read of the events and is not yet taken. */
static guint8 buffer[65536];
static gsize length;

/* The next event, within 10 s. */
static void
next_event (MpdEvent *event)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gsize frame_length;
      struct pollfd poll_fd = { events[0], POLLIN, 0 };
      ssize_t n;

      if (mpd_event_decode_frame (event, buffer, length, &frame_length, &error))
        {
          memmove (buffer, buffer + frame_length, length - frame_length);
          length -= frame_length;
          return;
        }
      g_assert_no_error (error);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_cmpint (poll (&poll_fd, 1, 1000), >=, 0);
      n = read (events[0], buffer + length, sizeof buffer - length);
      if (n < 0 && errno == EAGAIN)
        continue;
      g_assert_cmpint (n, >, 0);
      length += n;
    }
}

/* Forgets every event written so far. */
static void
drain_events (void)
{
  while (read (events[0], buffer, sizeof buffer) > 0)
    ;
  length = 0;
}

static void
assert_workers_gone (MpdPool *pool,
                     int     *pids,
                     guint    n)
{
  for (guint i = 0; i < n; i++)
    g_assert_true (mpd_test_pid_is_gone (pids[i]));
}

static void
save_pids (MpdPool *pool,
           int     *pids)
{
  for (guint i = 0; i < mpd_pool_get_n_workers (pool); i++)
    {
      pids[i] = mpd_pool_get_worker_pid (pool, i);
      g_assert_cmpint (pids[i], >, 0);
    }
}

/* map(): values in the order of the arguments, computed by the pool's own workers and no
 * other process, each worker used more than once; close() and join() leave no worker. */
static void
test_pool_map (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  MpdPool *pool = mpd_pool_new (3, functions, NULL, &error);
  guint fds_before = mpd_test_count_proc_entries ("self/fd");
  int pids[3];

  g_assert_no_error (error);
  g_assert_cmpuint (mpd_pool_get_n_workers (pool), ==, 3);
  save_pids (pool, pids);

  values = mpd_pool_map (pool, "square", arguments_for (SQUARE, 40), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (values), ==, 40);
  for (int x = 0; x < 40; x++)
    {
      g_autoptr(GVariant) value = NULL;
      int square, pid;

      g_variant_get_child (values, x, "v", &value);
      g_variant_get (value, "(ii)", &square, &pid);
      g_assert_cmpint (square, ==, x * x);
      g_assert_true (pid == pids[0] || pid == pids[1] || pid == pids[2]);
      g_hash_table_add (used, GINT_TO_POINTER (pid));
    }
  g_assert_cmpuint (g_hash_table_size (used), >=, 1);

  mpd_pool_close (pool);
  mpd_pool_join (pool);
  assert_workers_gone (pool, pids, 3);
  mpd_pool_free (pool);
  g_assert_cmpuint (mpd_test_wait_for_fds (fds_before), <=, fds_before);
  drain_events ();
}

/* The workers tell when each task starts and ends, with its number and its argument. */
static void
test_pool_events (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autoptr(MpdPool) pool = mpd_pool_new (2, functions, NULL, &error);
  gboolean started[4] = { FALSE }, ended[4] = { FALSE };

  g_assert_no_error (error);
  drain_events ();
  values = mpd_pool_map (pool, "square", arguments_for (SQUARE, 4), 1, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 8; i++)
    {
      MpdEvent event = { 0 };
      g_autofree char *label = NULL;

      next_event (&event);
      g_assert_cmpint (event.number, >=, 0);
      g_assert_cmpint (event.number, <, 4);
      g_assert_true (event.pid == mpd_pool_get_worker_pid (pool, 0) ||
                     event.pid == mpd_pool_get_worker_pid (pool, 1));
      label = g_strdup_printf ("square((0, %d))", event.number);
      g_assert_cmpstr (event.label, ==, label);
      if (event.kind == MPD_EVENT_TASK_STARTED)
        started[event.number] = TRUE;
      else
        {
          g_assert_cmpint (event.kind, ==, MPD_EVENT_TASK_ENDED);
          g_assert_true (started[event.number]);
          ended[event.number] = TRUE;
        }
      mpd_event_clear (&event);
    }
  for (int i = 0; i < 4; i++)
    g_assert_true (ended[i]);
}

/* apply_async() returns at once; get(timeout) fails with a timeout while the task runs, then
 * gives its value; apply() waits. */
static void
test_pool_apply_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) timeout = NULL;
  g_autoptr(MpdPool) pool = mpd_pool_new (2, functions, NULL, &error);
  g_autoptr(MpdPoolResult) result = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) applied = NULL;
  int square, pid;

  g_assert_no_error (error);
  result = mpd_pool_apply_async (pool, "square", g_variant_new ("(ii)", WAIT_FOR_GATE, 7));
  g_assert_false (mpd_pool_result_ready (result));
  g_assert_null (mpd_pool_result_get (result, 0.05, &timeout));
  g_assert_error (timeout, MPD_POOL_ERROR, MPD_POOL_ERROR_TIMEOUT);
  g_assert_false (mpd_pool_result_wait (result, 0.01));

  /* The other worker is free meanwhile. */
  applied = mpd_pool_apply (pool, "square", g_variant_new ("(ii)", SQUARE, 5), &error);
  g_assert_no_error (error);
  g_variant_get (applied, "(ii)", &square, &pid);
  g_assert_cmpint (square, ==, 25);

  open_gate (1);
  value = mpd_pool_result_get (result, -1, &error);
  g_assert_no_error (error);
  g_assert_true (mpd_pool_result_ready (result));
  g_variant_get (value, "(ii)", &square, &pid);
  g_assert_cmpint (square, ==, 49);
  drain_events ();
}

/* An error inside a task comes back from get(), with the task and what the function said. */
static void
test_pool_task_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdPool) pool = mpd_pool_new (2, functions, NULL, &error);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) after = NULL;

  g_assert_no_error (error);
  value = mpd_pool_apply (pool, "square", g_variant_new ("(ii)", FAIL, 13), &error);
  g_assert_null (value);
  g_assert_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_TASK_FAILED);
  g_assert_nonnull (strstr (error->message, "square((1, 13))"));
  g_assert_nonnull (strstr (error->message, "13 is not a number I like"));
  g_clear_error (&error);

  /* A function the workers do not know is the caller's error, said at once. */
  g_assert_null (mpd_pool_apply (pool, "cube", g_variant_new ("(ii)", SQUARE, 2), &error));
  g_assert_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_TASK_FAILED);
  g_assert_nonnull (strstr (error->message, "“cube”"));
  g_clear_error (&error);

  /* The worker goes on. */
  after = mpd_pool_map (pool, "square", arguments_for (SQUARE, 5), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (after), ==, 5);
  drain_events ();
}

/* A worker killed in the middle of map(): Python would wait forever; the result says which
 * task was lost on which worker, and how it died. The pool goes on with the other worker. */
static void
test_pool_worker_killed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdPoolResult) result = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autoptr(GVariant) after = NULL;
  g_autofree char *expected = NULL;
  MpdPool *pool = mpd_pool_new (2, functions, NULL, &error);
  MpdEvent event = { 0 };
  int pids[2];

  g_assert_no_error (error);
  save_pids (pool, pids);
  drain_events ();
  result = mpd_pool_map_async (pool, "square", arguments_for (WAIT_FOR_GATE, 6), 1);

  /* The first task to start is the one to lose: its worker waits at the gate. */
  next_event (&event);
  g_assert_cmpint (event.kind, ==, MPD_EVENT_TASK_STARTED);
  g_assert_cmpint (kill (event.pid, SIGKILL), ==, 0);

  values = mpd_pool_result_get (result, -1, &error);
  g_assert_null (values);
  g_assert_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_WORKER_LOST);
  expected = g_strdup_printf ("Task %d, square((2, %d)), was lost: its worker, pid %d, was "
                              "killed by SIGKILL (signal 9)", event.number, event.number,
                              event.pid);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);
  g_assert_true (mpd_test_pid_is_gone (event.pid));
  mpd_event_clear (&event);

  /* The other worker may be at the gate with a task of the failed map: let it go. */
  open_gate (1);
  after = mpd_pool_map (pool, "square", arguments_for (SQUARE, 4), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (after), ==, 4);

  mpd_pool_free (pool);
  assert_workers_gone (pool, pids, 2);
  drain_events ();
}

/* A closed pool takes no task; free() ends the workers of a pool never joined, even one
 * blocked in a task. */
static void
test_pool_closed_and_freed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdPoolResult) refused = NULL;
  g_autoptr(MpdPoolResult) blocked = NULL;
  MpdPool *pool = mpd_pool_new (2, functions, NULL, &error);
  MpdEvent event = { 0 };
  int pids[2];

  g_assert_no_error (error);
  save_pids (pool, pids);
  drain_events ();
  blocked = mpd_pool_apply_async (pool, "square", g_variant_new ("(ii)", WAIT_FOR_GATE, 1));
  next_event (&event);
  mpd_event_clear (&event);

  mpd_pool_close (pool);
  refused = mpd_pool_apply_async (pool, "square", g_variant_new ("(ii)", SQUARE, 1));
  g_assert_null (mpd_pool_result_get (refused, -1, &error));
  g_assert_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_CLOSED);
  g_clear_error (&error);

  mpd_pool_free (pool);   /* terminates: the blocked task's worker gets SIGTERM */
  assert_workers_gone (pool, pids, 2);
  g_assert_null (mpd_pool_result_get (blocked, -1, &error));
  g_assert_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_WORKER_LOST);
  drain_events ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fd = NULL;

  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (pipe (gate), ==, 0);
  g_assert_true (g_unix_open_pipe (events, FD_CLOEXEC, NULL));
  g_assert_true (g_unix_set_fd_nonblocking (events[0], TRUE, NULL));
  fd = g_strdup_printf ("%d", events[1]);
  g_setenv (MPD_EVENTS_FD_VARIABLE, fd, TRUE);

  g_test_add_func ("/mpd/pool/map", test_pool_map);
  g_test_add_func ("/mpd/pool/events", test_pool_events);
  g_test_add_func ("/mpd/pool/apply-timeout", test_pool_apply_timeout);
  g_test_add_func ("/mpd/pool/task-error", test_pool_task_error);
  g_test_add_func ("/mpd/pool/worker-killed", test_pool_worker_killed);
  g_test_add_func ("/mpd/pool/closed-and-freed", test_pool_closed_and_freed);

  return g_test_run ();
}
