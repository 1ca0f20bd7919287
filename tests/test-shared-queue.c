/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shared-queue.c: the queue that processes share, and the pipe's two connections, with
 * real child processes: order, maxsize and Full, Empty, task_done() and join(), values larger
 * than a pipe, many writers and many readers at once, a writer killed in the middle of a
 * value, and end-of-file. No test sleeps: a child that must be blocked is waited for through
 * /proc (its wchan), and a child's result is its exit status. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "mpd-child.h"
#include "mpd-connection.h"
#include "mpd-proc.h"
#include "mpd-shared-queue.h"
#include "mpd-test-utils.h"

/* A value of @size bytes, each byte telling where it is: a reader can check it is whole. */
static GVariant *
big_value (gsize size,
           guint8 seed)
{
  guint8 *bytes = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8) (i * 7 + seed);
  return g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, bytes, size, TRUE, g_free, bytes);
}

/* TRUE when @value is big_value (size, seed) for some seed, and says which. */
static gboolean
is_big_value (GVariant *value,
              gsize     size,
              guint8   *seed)
{
  gsize n;
  const guint8 *bytes;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    return FALSE;
  bytes = g_variant_get_fixed_array (value, &n, 1);
  if (n != size)
    return FALSE;
  *seed = bytes[0];
  for (gsize i = 0; i < size; i++)
    if (bytes[i] != (guint8) (i * 7 + *seed))
      return FALSE;
  return TRUE;
}

/* Forks a child that runs @func (@queue, @data) and _exit()s with what it returns. */
static pid_t
fork_child (int     (*func) (gpointer queue, gpointer data),
            gpointer queue,
            gpointer data)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (func (queue, data));
  return pid;
}

static int
join_status (pid_t pid)
{
  int status = -1;

  g_assert_true (mpd_child_join (pid, MPD_WAIT_FOREVER, &status));
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Waits until @pid sleeps in a kernel function whose name holds @wchan ("pipe_write"). */
static void
wait_for_wchan (pid_t       pid,
                const char *wchan)
{
  char name[64] = "";

  for (guint tries = 0; tries < 10000; tries++)
    {
      mpd_proc_read_wchan (pid, name, sizeof name);
      if (strstr (name, wchan) != NULL)
        return;
      g_usleep (1000);
    }
  g_error ("process %d never waited in %s (it is in “%s”)", (int) pid, wchan, name);
}

static void
test_order_and_sizes (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *queue = mpd_shared_queue_new ("q", 0, FALSE, &error);

  g_assert_no_error (error);
  g_assert_true (mpd_shared_queue_empty (queue));
  for (int i = 1; i <= 3; i++)
    {
      g_assert_true (mpd_shared_queue_put (queue, g_variant_new_int32 (i), MPD_WAIT_FOREVER, &error));
      g_assert_cmpint (mpd_shared_queue_qsize (queue), ==, i);
    }
  g_assert_false (mpd_shared_queue_full (queue));
  for (int i = 1; i <= 3; i++)
    {
      g_autoptr(GVariant) value = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, &error);

      g_assert_no_error (error);
      g_assert_cmpint (g_variant_get_int32 (value), ==, i);
      g_assert_cmpint (mpd_shared_queue_qsize (queue), ==, 3 - i);
    }
  g_assert_true (mpd_shared_queue_empty (queue));
  mpd_shared_queue_free (queue);
}

static int
put_list (gpointer queue,
          gpointer data)
{
  const char *words = data;
  g_auto(GStrv) list = g_strsplit (words, " ", -1);

  return mpd_shared_queue_put (queue, g_variant_new_strv ((const char * const *) list, -1),
                               MPD_WAIT_FOREVER, NULL) ? 0 : 1;
}

/* queue-basics: two processes each put a list; the parent gets both. */
static void
test_two_children_put (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *queue = mpd_shared_queue_new ("q", 0, FALSE, &error);
  pid_t a = fork_child (put_list, queue, (gpointer) "a b c");
  pid_t b = fork_child (put_list, queue, (gpointer) "x y");
  g_autoptr(GVariant) first = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, &error);
  g_autoptr(GVariant) second = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, &error);
  g_autofree char *one = NULL, *two = NULL;

  g_assert_no_error (error);
  one = g_variant_print (first, FALSE);
  two = g_variant_print (second, FALSE);
  g_assert_true ((g_str_equal (one, "['a', 'b', 'c']") && g_str_equal (two, "['x', 'y']")) ||
                 (g_str_equal (two, "['a', 'b', 'c']") && g_str_equal (one, "['x', 'y']")));
  g_assert_cmpint (join_status (a), ==, 0);
  g_assert_cmpint (join_status (b), ==, 0);
  mpd_shared_queue_free (queue);
}

static int
put_one_more (gpointer queue,
              gpointer data)
{
  return mpd_shared_queue_put (queue, g_variant_new_int32 (4), MPD_WAIT_FOREVER, NULL) ? 0 : 1;
}

/* queue-api: maxsize 3; a fourth put waits (the child sleeps on the queue's condition, a
 * futex) until the parent takes one; put(timeout) and put_nowait() fail with Full;
 * get_nowait() and get(timeout) on an empty queue fail with Empty. */
static void
test_maxsize_full_empty (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *queue = mpd_shared_queue_new ("q", 3, FALSE, &error);
  g_autoptr(GVariant) value = NULL;
  pid_t child;

  for (int i = 1; i <= 3; i++)
    g_assert_true (mpd_shared_queue_put (queue, g_variant_new_int32 (i), 0, &error));
  g_assert_true (mpd_shared_queue_full (queue));

  g_assert_false (mpd_shared_queue_put_nowait (queue, g_variant_new_int32 (9), &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (mpd_shared_queue_put (queue, g_variant_new_int32 (9), 0.05, &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  child = fork_child (put_one_more, queue, NULL);
  wait_for_wchan (child, "futex");
  g_assert_false (mpd_child_join (child, 0, NULL));   /* it waits for room */
  value = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, &error);
  g_assert_cmpint (g_variant_get_int32 (value), ==, 1);
  g_assert_cmpint (join_status (child), ==, 0);       /* room came: its put() returned */
  for (int i = 2; i <= 4; i++)
    {
      g_autoptr(GVariant) next = mpd_shared_queue_get_nowait (queue, &error);

      g_assert_no_error (error);
      g_assert_cmpint (g_variant_get_int32 (next), ==, i);
    }

  g_assert_null (mpd_shared_queue_get_nowait (queue, &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_EMPTY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_null (mpd_shared_queue_get (queue, 0.05, &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_EMPTY);
  g_assert_cmpint (mpd_shared_queue_qsize (queue), ==, 0);
  mpd_shared_queue_free (queue);
}

static int
consume_and_task_done (gpointer queue,
                       gpointer data)
{
  for (int i = 0; i < GPOINTER_TO_INT (data); i++)
    {
      g_autoptr(GVariant) value = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, NULL);

      if (value == NULL || !mpd_shared_queue_task_done (queue, NULL))
        return 1;
    }
  return 0;
}

/* JoinableQueue: join() returns once a consumer said task_done() for every value; one more
 * task_done() is an error. */
static void
test_joinable (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *queue = mpd_shared_queue_new ("jq", 0, TRUE, &error);
  pid_t child;

  for (int i = 0; i < 5; i++)
    g_assert_true (mpd_shared_queue_put (queue, g_variant_new_int32 (i), MPD_WAIT_FOREVER, &error));
  child = fork_child (consume_and_task_done, queue, GINT_TO_POINTER (5));
  mpd_shared_queue_join (queue);
  g_assert_true (mpd_shared_queue_empty (queue));
  g_assert_cmpint (join_status (child), ==, 0);
  g_assert_false (mpd_shared_queue_task_done (queue, &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_TASK_DONE);
  g_test_message ("%s", error->message);
  mpd_shared_queue_free (queue);
}

#define BIG (1024 * 1024)

static int
put_big (gpointer queue,
         gpointer data)
{
  for (int i = 0; i < 3; i++)
    if (!mpd_shared_queue_put (queue, big_value (BIG, GPOINTER_TO_INT (data)), MPD_WAIT_FOREVER,
                               NULL))
      return 1;
  return 0;
}

static int
get_big (gpointer queue,
         gpointer data)
{
  int *pipe_fds = data;
  guint8 seed;

  for (;;)
    {
      g_autoptr(GVariant) value = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, NULL);

      if (value == NULL)
        return 1;
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        return 0;   /* the end */
      if (!is_big_value (value, BIG, &seed) || write (pipe_fds[1], &seed, 1) != 1)
        return 2;
    }
}

/* Values of 1 MiB (256 frames each, sixteen pipes full) from three writers at once, read by
 * two readers at once: each value arrives whole, once. */
static void
test_big_values_many_writers_readers (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *queue = mpd_shared_queue_new ("q", 0, FALSE, &error);
  int seen[2];
  pid_t writers[3], readers[2];
  guint counts[256] = { 0 };
  guint8 seed;

  g_assert_true (g_unix_open_pipe (seen, FD_CLOEXEC, NULL));
  for (int i = 0; i < 3; i++)
    writers[i] = fork_child (put_big, queue, GINT_TO_POINTER (10 * (i + 1)));
  for (int i = 0; i < 2; i++)
    readers[i] = fork_child (get_big, queue, seen);
  close (seen[1]);
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (join_status (writers[i]), ==, 0);
  for (int i = 0; i < 2; i++)
    g_assert_true (mpd_shared_queue_put (queue, g_variant_new_int32 (-1), MPD_WAIT_FOREVER, &error));
  for (int i = 0; i < 2; i++)
    g_assert_cmpint (join_status (readers[i]), ==, 0);
  while (read (seen[0], &seed, 1) == 1)
    counts[seed]++;
  close (seen[0]);
  g_assert_cmpuint (counts[10], ==, 3);
  g_assert_cmpuint (counts[20], ==, 3);
  g_assert_cmpuint (counts[30], ==, 3);
  g_assert_cmpuint (mpd_shared_queue_get_n_lost (queue), ==, 0);
  g_assert_cmpint (mpd_shared_queue_qsize (queue), ==, 0);
  mpd_shared_queue_free (queue);
}

static int
put_one_big (gpointer queue,
             gpointer data)
{
  return mpd_shared_queue_put (queue, big_value (BIG, 1), MPD_WAIT_FOREVER, NULL) ? 0 : 1;
}

static int
put_whole (gpointer queue,
           gpointer data)
{
  return mpd_shared_queue_put (queue, g_variant_new_string ("whole"), MPD_WAIT_FOREVER, NULL) ? 0 : 1;
}

/* A writer killed in the middle of a 1-MiB value (blocked on the full pipe, 64 KiB of it
 * written) leaves a half value: the reader drops it and counts it lost, and takes the next
 * whole value, whether it comes after (a second writer, which takes the lock the dead one
 * held) or never (get() times out). */
static void
test_writer_killed_mid_value (void)
{
  g_autoptr(GError) error = NULL;

  for (int then_put = 0; then_put < 2; then_put++)
    {
      MpdSharedQueue *queue = mpd_shared_queue_new ("q", 0, TRUE, &error);
      g_autoptr(GVariant) value = NULL;
      int status;
      pid_t child = fork_child (put_one_big, queue, NULL);

      wait_for_wchan (child, "pipe_write");
      kill (child, SIGKILL);
      g_assert_true (mpd_child_join (child, MPD_WAIT_FOREVER, &status));
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (mpd_shared_queue_qsize (queue), ==, 1);

      if (then_put)
        {
          /* The pipe is full of the dead writer's frames: the second writer waits for room. */
          pid_t second = fork_child (put_whole, queue, NULL);

          value = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "whole");
          g_assert_cmpint (join_status (second), ==, 0);
        }
      else
        {
          value = mpd_shared_queue_get (queue, 0.5, &error);
          g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_EMPTY);
          g_clear_error (&error);
        }
      g_assert_cmpuint (mpd_shared_queue_get_n_lost (queue), ==, 1);
      g_assert_cmpint (mpd_shared_queue_qsize (queue), ==, 0);
      if (then_put)
        g_assert_true (mpd_shared_queue_task_done (queue, &error));
      mpd_shared_queue_join (queue);   /* the lost value is not waited for */
      mpd_shared_queue_free (queue);
    }
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *queue = mpd_shared_queue_new ("q", 0, FALSE, &error);
  MpdConnection *a, *b;

  g_assert_false (mpd_shared_queue_put (queue, big_value (MPD_SHARED_QUEUE_MAX_VALUE + 1, 0),
                                        MPD_WAIT_FOREVER, &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (mpd_shared_queue_qsize (queue), ==, 0);
  g_assert_true (mpd_shared_queue_empty (queue));
  mpd_shared_queue_free (queue);

  g_assert_true (mpd_pipe_new (TRUE, &a, &b, &error));
  g_assert_false (mpd_connection_send (a, big_value (MPD_SHARED_QUEUE_MAX_VALUE + 1, 0), &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_TOO_LARGE);
  mpd_connection_free (a);
  mpd_connection_free (b);
}

static int
echo_back (gpointer conn,
           gpointer data)
{
  MpdConnection *other = data;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) after_end = NULL;
  g_autoptr(GError) error = NULL;
  guint8 seed;

  mpd_connection_close (other);   /* the end the child does not use */
  value = mpd_connection_recv (conn, NULL);
  if (value == NULL || !is_big_value (value, BIG, &seed))
    return 1;
  if (!mpd_connection_send (conn, g_variant_new_strv ((const char *[]) { "back", NULL }, -1), NULL))
    return 2;
  after_end = mpd_connection_recv (conn, &error);   /* the parent closes its end: EOF */
  return after_end == NULL &&
         g_error_matches (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_EOF) ? 0 : 3;
}

/* pipe-duplex: a value each way on one socket pair; end-of-file once the parent closes. */
static void
test_duplex (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree const char **words = NULL;
  MpdConnection *parent_end, *child_end;
  pid_t child;

  g_assert_true (mpd_pipe_new (TRUE, &parent_end, &child_end, &error));
  child = fork_child (echo_back, child_end, parent_end);
  mpd_connection_close (child_end);
  g_assert_true (mpd_connection_send (parent_end, big_value (BIG, 5), &error));
  value = mpd_connection_recv (parent_end, &error);
  g_assert_no_error (error);
  words = g_variant_get_strv (value, NULL);
  g_assert_cmpstr (words[0], ==, "back");
  mpd_connection_close (parent_end);
  g_assert_cmpint (join_status (child), ==, 0);

  g_assert_null (mpd_connection_recv (parent_end, &error));
  g_assert_error (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_CLOSED);
  mpd_connection_free (parent_end);
  mpd_connection_free (child_end);
}

static int
send_subtotal (gpointer conn,
               gpointer data)
{
  /* A large value, then a small one: five writers at once, on one end. */
  return mpd_connection_send (conn, big_value (BIG, GPOINTER_TO_INT (data)), NULL) &&
         mpd_connection_send (conn, g_variant_new_int32 (GPOINTER_TO_INT (data)), NULL) ? 0 : 1;
}

/* pipe-sum and pipe-unclosed: five writers share one end of a one-way pipe; every value comes
 * whole. While the parent holds its copy of the write end, the reader sees no end-of-file;
 * once it closes it, end-of-file comes. */
static void
test_one_way_shared_and_unclosed (void)
{
  g_autoptr(GError) error = NULL;
  MpdConnection *reader, *writer;
  pid_t children[5];
  int sum = 0, bigs = 0;

  g_assert_true (mpd_pipe_new (FALSE, &reader, &writer, &error));
  g_assert_false (mpd_connection_send (reader, g_variant_new_int32 (1), &error));
  g_assert_error (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_ONE_WAY);
  g_clear_error (&error);
  for (int i = 0; i < 5; i++)
    children[i] = fork_child (send_subtotal, writer, GINT_TO_POINTER (i + 1));
  for (int i = 0; i < 10; i++)
    {
      g_autoptr(GVariant) value = mpd_connection_recv (reader, &error);
      guint8 seed;

      g_assert_no_error (error);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        sum += g_variant_get_int32 (value);
      else
        {
          g_assert_true (is_big_value (value, BIG, &seed));
          bigs++;
        }
    }
  g_assert_cmpint (sum, ==, 15);
  g_assert_cmpint (bigs, ==, 5);
  for (int i = 0; i < 5; i++)
    g_assert_cmpint (join_status (children[i]), ==, 0);

  /* Every child has ended, but this process still holds the write end: no end-of-file. */
  g_assert_false (mpd_connection_poll (reader, 0.1));
  mpd_connection_close (writer);
  g_assert_true (mpd_connection_poll (reader, 5));
  g_assert_null (mpd_connection_recv (reader, &error));
  g_assert_error (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_EOF);
  g_test_message ("%s", error->message);
  mpd_connection_free (reader);
  mpd_connection_free (writer);
}

/* The reader takes frames that are not a value's with an error, and half values never. */
static void
test_reader_refuses_bad_frames (void)
{
  g_autoptr(MpdValueReader) reader = mpd_value_reader_new ();
  g_autoptr(GError) error = NULL;
  GVariant *value = NULL;
  guint8 frame[64] = { 0 };
  guint32 header[5] = { GUINT32_TO_LE (16 + 8), GUINT32_TO_LE (7), 0, 0, GUINT32_TO_LE (100) };

  /* The first 8 bytes of a value of 100: taken, nothing yet. */
  memcpy (frame, header, sizeof header);
  g_assert_true (mpd_value_reader_push (reader, frame, 28, &value, &error));
  g_assert_null (value);
  g_assert_true (mpd_value_reader_is_partial (reader));
  /* The same writer starts again: the half value is dropped, never given. */
  g_assert_true (mpd_value_reader_push (reader, frame, 28, &value, &error));
  g_assert_null (value);
  g_assert_cmpuint (mpd_value_reader_take_lost (reader), ==, 1);
  /* A length that is not the frame's size. */
  g_assert_false (mpd_value_reader_push (reader, frame, 30, &value, &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_BAD_DATA);
  g_clear_error (&error);
  /* A whole value of 8 bytes that is not a GVariant in normal form. */
  header[4] = GUINT32_TO_LE (8);
  memcpy (frame, header, sizeof header);
  memset (frame + 20, 0xff, 8);
  g_assert_false (mpd_value_reader_push (reader, frame, 28, &value, &error));
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_BAD_DATA);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (mpd_value_reader_take_lost (reader), ==, 1);
  g_assert_cmpuint (mpd_value_reader_drop (reader), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/shared-queue/order-and-sizes", test_order_and_sizes);
  g_test_add_func ("/mpd/shared-queue/two-children-put", test_two_children_put);
  g_test_add_func ("/mpd/shared-queue/maxsize-full-empty", test_maxsize_full_empty);
  g_test_add_func ("/mpd/shared-queue/joinable", test_joinable);
  g_test_add_func ("/mpd/shared-queue/big-values-many-writers-readers",
                   test_big_values_many_writers_readers);
  g_test_add_func ("/mpd/shared-queue/writer-killed-mid-value", test_writer_killed_mid_value);
  g_test_add_func ("/mpd/shared-queue/too-large", test_too_large);
  g_test_add_func ("/mpd/connection/duplex", test_duplex);
  g_test_add_func ("/mpd/connection/one-way-shared-and-unclosed", test_one_way_shared_and_unclosed);
  g_test_add_func ("/mpd/connection/reader-refuses-bad-frames", test_reader_refuses_bad_frames);

  return g_test_run ();
}
