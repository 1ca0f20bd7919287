/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-consumer.c: the consumer thread: batching, bounded hand-over, end of stream, stopping. */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <libglib-testing/signal-logger.h>

#include "mpd-consumer.h"
#include "mpd-test-utils.h"

/* Must match mpd-consumer.c: the most messages one hand-over can carry. */
#define MAX_HANDOVER (2 * 4096 + 4096)

typedef struct
{
  GArray *messages;     /* every message received, in order */
  guint   n_emissions;
  guint   largest_batch;
} Received;

static void
received_clear (Received *received)
{
  g_clear_pointer (&received->messages, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Received, received_clear)

/* The batch is only lent to handlers (G_SIGNAL_TYPE_STATIC_SCOPE): copy what we keep. */
static void
messages_received_cb (MpdConsumer *consumer,
                      GArray      *messages,
                      Received    *received)
{
  g_assert_cmpuint (messages->len, >, 0);

  if (received->messages == NULL)
    received->messages = g_array_new (FALSE, FALSE, sizeof (MpdMessage));
  g_array_append_vals (received->messages, messages->data, messages->len);
  received->n_emissions++;
  received->largest_batch = MAX (received->largest_batch, messages->len);
}

static void
write_frames (MpdQueue *queue,
              guint64   first,
              guint64   last)
{
  for (guint64 i = first; i <= last; i++)
    {
      MpdMessage message;

      mpd_message_init_now (&message, i);
      g_assert_true (mpd_queue_put (queue, &message, NULL));
    }
}

/* Every message from 1 to @n came, once each, in order. */
static void
assert_numbers_1_to (const Received *received,
                     guint           n)
{
  g_assert_nonnull (received->messages);
  g_assert_cmpuint (received->messages->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (received->messages, MpdMessage, i).sequence, ==, i + 1);
}

static void
run_until_finished (MpdConsumer *consumer)
{
  while (mpd_consumer_get_running (consumer))
    g_main_context_iteration (NULL, TRUE);
}

static GSubprocess *
spawn_producer (MpdQueue *queue,
                guint     count)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *count_arg = g_strdup_printf ("--count=%u", count);
  g_autoptr(GError) error = NULL;
  GSubprocess *subprocess;

  g_subprocess_launcher_take_stdout_fd (launcher, dup (mpd_queue_get_write_fd (queue)));
  subprocess = g_subprocess_launcher_spawn (launcher, &error,
                                            mpd_test_program ("MPD_PRODUCER_PROGRAM"),
                                            "--interval=0", count_arg, NULL);
  g_assert_no_error (error);

  return subprocess;
}

/* Everything that is waiting when the thread reads comes to the main loop as one batch. */
static void
test_one_batch (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GError) finished_error = NULL;
  g_auto(Received) received = { 0 };
  guint threads_before = mpd_test_count_proc_entries ("self/task");

  /* 1000 frames fit in the pipe: write them all, and close, before the thread starts. */
  write_frames (queue, 1, 1000);
  mpd_queue_close_write_end (queue);

  g_signal_connect (consumer, "messages-received", G_CALLBACK (messages_received_cb), &received);
  gt_signal_logger_connect (logger, consumer, "finished");

  g_assert_true (mpd_consumer_start (consumer, NULL));
  g_assert_true (mpd_consumer_get_running (consumer));
  g_assert_cmpint (mpd_consumer_get_thread_id (consumer), >, 0);

  run_until_finished (consumer);

  g_assert_cmpuint (received.n_emissions, ==, 1);
  assert_numbers_1_to (&received, 1000);
  g_assert_cmpuint (mpd_consumer_get_n_messages (consumer), ==, 1000);

  gt_signal_logger_assert_emission_pop (logger, consumer, "finished", &finished_error);
  g_assert_no_error (finished_error);
  gt_signal_logger_assert_no_emissions (logger);

  /* The thread was joined. */
  g_assert_cmpuint (mpd_test_wait_for_threads (threads_before), ==, threads_before);
}

/* A producer floods faster than the main loop takes messages: every message still arrives,
 * in order, and no hand-over is larger than the bound that keeps memory in check. */
static void
test_flood_is_bounded (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_autoptr(GSubprocess) producer = spawn_producer (queue, 150000);
  g_auto(Received) received = { 0 };

  mpd_queue_close_write_end (queue);
  g_signal_connect (consumer, "messages-received", G_CALLBACK (messages_received_cb), &received);
  g_assert_true (mpd_consumer_start (consumer, NULL));

  run_until_finished (consumer);

  g_assert_true (g_subprocess_wait_check (producer, NULL, NULL));
  assert_numbers_1_to (&received, 150000);
  g_assert_cmpuint (received.largest_batch, <=, MAX_HANDOVER);
}

/* The main loop is busy elsewhere while a producer floods: the thread adds batch after batch
 * to the same hand-over, then waits (blocked) when it is full, instead of reading on. When
 * the main loop comes back, the first hand-over holds many batches, in order, and nothing is
 * lost. */
static void
test_busy_main_loop (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_autoptr(GSubprocess) producer = spawn_producer (queue, 150000);
  g_auto(Received) received = { 0 };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  mpd_queue_close_write_end (queue);
  g_signal_connect (consumer, "messages-received", G_CALLBACK (messages_received_cb), &received);
  g_assert_true (mpd_consumer_start (consumer, NULL));

  /* Not a single main-loop iteration until the thread says the hand-over is full. */
  while (mpd_consumer_get_state (consumer) != MPD_CONSUMER_STATE_BLOCKED)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited 30 s for the consumer to fill its hand-over and wait");
      g_usleep (1000);
    }

  run_until_finished (consumer);

  g_assert_true (g_subprocess_wait_check (producer, NULL, NULL));
  g_assert_cmpuint (received.largest_batch, >, 4096);
  g_assert_cmpuint (received.largest_batch, <=, MAX_HANDOVER);
  assert_numbers_1_to (&received, 150000);
}

/* A window redraws at G_PRIORITY_HIGH_IDLE + 20 (GDK_PRIORITY_REDRAW). */
#define REDRAW_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

static gboolean
always_due_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* The first message of a run comes before the window's next frame: here a frame that is
 * always due (an idle at the redraw priority, ready at every turn of the main loop), which
 * would keep a delivery made after drawing out for ever. */
static void
test_first_before_redraw (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_auto(Received) received = { 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint n_frames = 0;
  guint frames_id;

  write_frames (queue, 1, 1);
  g_signal_connect (consumer, "messages-received", G_CALLBACK (messages_received_cb), &received);
  g_assert_true (mpd_consumer_start (consumer, NULL));
  frames_id = g_idle_add_full (REDRAW_PRIORITY, always_due_cb, &n_frames, NULL);

  while (received.messages == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The first message waited 10 s behind %u frames", n_frames);
      g_main_context_iteration (NULL, FALSE);
    }
  g_source_remove (frames_id);
  assert_numbers_1_to (&received, 1);
  mpd_consumer_stop (consumer);
}

/* A window, as the consumer sees it: each batch asks for a frame (an idle at the redraw
 * priority, as gtk_widget_queue_draw() does), and takes its handler 2 ms, longer than the
 * flood takes to fill the next hand-over: the next batch is always waiting. */
typedef struct
{
  guint frame_id;        /* the frame asked for and not drawn yet */
  guint n_frames;
  guint n_batches;
  guint n_before_frame;  /* batches that came before the frame the one before asked for */
} Window;

static gboolean
frame_cb (gpointer data)
{
  Window *window = data;

  window->frame_id = 0;
  window->n_frames++;
  return G_SOURCE_REMOVE;
}

static void
window_messages_received_cb (MpdConsumer *consumer,
                             GArray      *messages,
                             Window      *window)
{
  gint64 until = g_get_monotonic_time () + 2000;

  if (window->frame_id != 0)
    window->n_before_frame++;
  window->n_batches++;

  while (g_get_monotonic_time () < until)
    ;
  window->frame_id = g_idle_add_full (REDRAW_PRIORITY, frame_cb, window, NULL);
}

/* A flood gives way to the window's frames, even when its handler cannot keep up: the frame
 * a batch asked for is drawn before the next batch comes, and the batches keep coming between
 * frames. */
static void
test_flood_gives_way_to_redraw (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_autoptr(GSubprocess) producer = spawn_producer (queue, 0);  /* for ever */
  Window window = { 0 };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  mpd_queue_close_write_end (queue);
  g_signal_connect (consumer, "messages-received", G_CALLBACK (window_messages_received_cb),
                    &window);
  g_assert_true (mpd_consumer_start (consumer, NULL));
  while (window.n_batches < 50)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited 30 s for 50 batches of a flood");
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpuint (window.n_before_frame, ==, 0);
  g_assert_cmpuint (window.n_frames, ==, window.n_batches - 1);
  g_assert_cmpuint (mpd_consumer_get_n_messages (consumer), >, 50 * 64);

  mpd_consumer_stop (consumer);
  g_clear_handle_id (&window.frame_id, g_source_remove);
  g_subprocess_force_exit (producer);
  g_assert_false (g_subprocess_wait_check (producer, NULL, NULL));
}

/* Four producers share one pipe. Each frame is written whole, so none is ever mixed with
 * another, and each producer's messages arrive in order. */
static void
test_shared_pipe (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_autoptr(GHashTable) next_sequence = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) producers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Received) received = { 0 };

  for (guint i = 0; i < 4; i++)
    {
      GSubprocess *producer = spawn_producer (queue, 25000);
      int pid = atoi (g_subprocess_get_identifier (producer));

      g_hash_table_insert (next_sequence, GINT_TO_POINTER (pid), GUINT_TO_POINTER (1));
      g_ptr_array_add (producers, producer);
    }
  mpd_queue_close_write_end (queue);

  g_signal_connect (consumer, "messages-received", G_CALLBACK (messages_received_cb), &received);
  g_assert_true (mpd_consumer_start (consumer, NULL));
  run_until_finished (consumer);

  g_assert_cmpuint (received.messages->len, ==, 4 * 25000);
  for (guint i = 0; i < received.messages->len; i++)
    {
      const MpdMessage *message = &g_array_index (received.messages, MpdMessage, i);
      gpointer pid = GINT_TO_POINTER (message->pid);
      guint expected;

      g_assert_true (g_hash_table_contains (next_sequence, pid));
      expected = GPOINTER_TO_UINT (g_hash_table_lookup (next_sequence, pid));
      g_assert_cmpuint (message->sequence, ==, expected);
      g_hash_table_insert (next_sequence, pid, GUINT_TO_POINTER (expected + 1));
    }

  for (guint i = 0; i < producers->len; i++)
    g_assert_true (g_subprocess_wait_check (g_ptr_array_index (producers, i), NULL, NULL));
}

/* A stream that ends inside a frame: the whole messages come first, then the error. */
static void
test_truncated_stream (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GError) finished_error = NULL;
  g_auto(Received) received = { 0 };
  guint8 frame[MPD_FRAME_MAX_SIZE];
  MpdMessage message;
  gsize length;

  write_frames (queue, 1, 2);
  mpd_message_init_now (&message, 3);
  length = mpd_message_encode_frame (&message, frame, sizeof frame);
  g_assert_cmpint (write (mpd_queue_get_write_fd (queue), frame, length - 1), ==, length - 1);
  mpd_queue_close_write_end (queue);

  g_signal_connect (consumer, "messages-received", G_CALLBACK (messages_received_cb), &received);
  gt_signal_logger_connect (logger, consumer, "finished");
  g_assert_true (mpd_consumer_start (consumer, NULL));
  run_until_finished (consumer);

  g_assert_cmpuint (received.messages->len, ==, 2);
  gt_signal_logger_assert_emission_pop (logger, consumer, "finished", &finished_error);
  g_assert_error (finished_error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_TRUNCATED);
}

/* Stopping a thread that waits for a silent pipe: it ends, is joined, and says nothing. */
static void
test_stop_while_waiting (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  guint threads_before = mpd_test_count_proc_entries ("self/task");
  g_autofree char *task = NULL;
  g_autofree char *name = NULL;
  int thread_id;

  gt_signal_logger_connect (logger, consumer, "messages-received");
  gt_signal_logger_connect (logger, consumer, "finished");

  g_assert_true (mpd_consumer_start (consumer, NULL));
  thread_id = mpd_consumer_get_thread_id (consumer);
  g_assert_cmpuint (mpd_test_count_proc_entries ("self/task"), ==, threads_before + 1);
  task = g_strdup_printf ("task/%d/comm", thread_id);
  name = mpd_test_read_proc (getpid (), task);
  g_assert_cmpstr (name, ==, "mpd-consumer");

  mpd_consumer_stop (consumer);

  g_assert_false (mpd_consumer_get_running (consumer));
  g_assert_cmpuint (mpd_test_wait_for_threads (threads_before), ==, threads_before);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gt_signal_logger_assert_no_emissions (logger);

  /* Stopping twice, and disposing a stopped consumer, are fine. */
  mpd_consumer_stop (consumer);
}

/* Dropping the last reference to a running consumer stops and joins its thread. */
static void
test_dispose_running (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  MpdConsumer *consumer = mpd_consumer_new (queue);
  guint threads_before = mpd_test_count_proc_entries ("self/task");

  g_assert_true (mpd_consumer_start (consumer, NULL));
  write_frames (queue, 1, 10);
  g_clear_object (&consumer);

  g_assert_cmpuint (mpd_test_wait_for_threads (threads_before), ==, threads_before);
  /* A hand-over that was pending is gone with it: nothing runs on a freed consumer. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  mpd_test_start_glib_worker ();

  g_test_add_func ("/mpd/consumer/one-batch", test_one_batch);
  g_test_add_func ("/mpd/consumer/flood-is-bounded", test_flood_is_bounded);
  g_test_add_func ("/mpd/consumer/busy-main-loop", test_busy_main_loop);
  g_test_add_func ("/mpd/consumer/first-before-redraw", test_first_before_redraw);
  g_test_add_func ("/mpd/consumer/flood-gives-way-to-redraw", test_flood_gives_way_to_redraw);
  g_test_add_func ("/mpd/consumer/shared-pipe", test_shared_pipe);
  g_test_add_func ("/mpd/consumer/truncated-stream", test_truncated_stream);
  g_test_add_func ("/mpd/consumer/stop-while-waiting", test_stop_while_waiting);
  g_test_add_func ("/mpd/consumer/dispose-running", test_dispose_running);

  return g_test_run ();
}
