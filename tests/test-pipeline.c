/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pipeline.c: producer, queue and consumer together: how a run starts and every way it ends. */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <gio/gio.h>

#include "mpd-pipeline.h"
#include "mpd-proc.h"
#include "mpd-stats.h"
#include "mpd-test-utils.h"

typedef struct
{
  guint64  n_messages;
  guint64  last_sequence;
  guint    n_exits;
  int      wait_status;
  gboolean requested;
  guint    n_closed;
  GError  *closed_error;
} Events;

static void
events_clear (Events *events)
{
  g_clear_error (&events->closed_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Events, events_clear)

static void
messages_received_cb (MpdPipeline *pipeline,
                      GArray      *messages,
                      Events      *events)
{
  for (guint i = 0; i < messages->len; i++)
    {
      const MpdMessage *message = &g_array_index (messages, MpdMessage, i);

      /* Nothing lost, nothing twice, nothing out of order. */
      g_assert_cmpuint (message->sequence, ==, events->last_sequence + 1);
      g_assert_cmpint (message->pid, ==, mpd_pipeline_get_producer_pid (pipeline));
      events->last_sequence = message->sequence;
    }
  events->n_messages += messages->len;
}

static void
producer_exited_cb (MpdPipeline *pipeline,
                    int          wait_status,
                    gboolean     requested,
                    Events      *events)
{
  events->n_exits++;
  events->wait_status = wait_status;
  events->requested = requested;
}

static void
stream_closed_cb (MpdPipeline  *pipeline,
                  const GError *error,
                  Events       *events)
{
  events->n_closed++;
  events->closed_error = error ? g_error_copy (error) : NULL;
}

/* A pipeline whose producer is the dummy producer in @mode, or mpdemo-producer for NULL. */
static MpdPipeline *
new_pipeline (const char *dummy_mode,
              guint       interval_ms,
              Events     *events)
{
  g_autofree char *mode_arg = g_strconcat ("--mode=", dummy_mode, NULL);
  const char *dummy_argv[] = { mpd_test_program ("MPD_DUMMY_PRODUCER"), mode_arg, NULL };
  MpdPipeline *pipeline = mpd_pipeline_new (dummy_mode ? dummy_argv : NULL, interval_ms);

  g_signal_connect (pipeline, "messages-received", G_CALLBACK (messages_received_cb), events);
  g_signal_connect (pipeline, "producer-exited", G_CALLBACK (producer_exited_cb), events);
  g_signal_connect (pipeline, "stream-closed", G_CALLBACK (stream_closed_cb), events);

  return pipeline;
}

static void
run_until_stopped (MpdPipeline *pipeline)
{
  while (mpd_pipeline_get_running (pipeline))
    g_main_context_iteration (NULL, TRUE);
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL));
  *done = TRUE;
}

static void
stop_and_wait (MpdPipeline *pipeline)
{
  gboolean done = FALSE;

  mpd_pipeline_stop_async (pipeline, NULL, stopped_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_start_and_stop (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline (NULL, 10, &events);
  guint threads_before = mpd_test_count_proc_entries ("self/task");
  guint pipes_before = mpd_test_count_pipes ();
  g_autoptr(GError) error = NULL;
  int producer_pid;

  g_assert_true (mpd_pipeline_start (pipeline, &error));
  g_assert_no_error (error);
  g_assert_true (mpd_pipeline_get_running (pipeline));
  producer_pid = mpd_pipeline_get_producer_pid (pipeline);
  g_assert_cmpint (producer_pid, >, 0);
  g_assert_cmpint (mpd_pipeline_get_consumer_thread_id (pipeline), >, 0);

  while (events.n_messages < 5)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mpd_pipeline_get_n_messages (pipeline), ==, events.n_messages);

  stop_and_wait (pipeline);

  g_assert_false (mpd_pipeline_get_running (pipeline));
  g_assert_cmpuint (events.n_exits, ==, 1);
  g_assert_true (events.requested);
  g_assert_true (WIFSIGNALED (events.wait_status));
  g_assert_cmpuint (events.n_closed, ==, 0);
  g_assert_cmpint (mpd_pipeline_get_producer_pid (pipeline), ==, 0);

  /* Nothing left behind: the child was reaped, the thread joined, the pipe closed. */
  g_assert_true (mpd_test_pid_is_gone (producer_pid));
  g_assert_cmpuint (mpd_test_wait_for_threads (threads_before), ==, threads_before);
  g_assert_cmpuint (mpd_test_count_pipes (), ==, pipes_before);

  /* And it starts again, with a new producer that counts from 1 again. */
  events.last_sequence = 0;
  g_assert_true (mpd_pipeline_start (pipeline, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mpd_pipeline_get_producer_pid (pipeline), !=, producer_pid);
  stop_and_wait (pipeline);
}

/* A producer that sends five messages and exits: all five arrive before the run ends. */
static void
test_producer_finishes (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline ("count:5", 1000, &events);

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  run_until_stopped (pipeline);

  g_assert_cmpuint (events.n_messages, ==, 5);
  g_assert_cmpuint (events.n_exits, ==, 1);
  g_assert_false (events.requested);
  g_assert_true (WIFEXITED (events.wait_status));
  g_assert_cmpint (WEXITSTATUS (events.wait_status), ==, 0);
  g_assert_cmpuint (events.n_closed, ==, 1);
  g_assert_no_error (events.closed_error);
}

static void
test_producer_fails (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline ("exit:3", 1000, &events);
  g_autofree char *how = NULL;

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  run_until_stopped (pipeline);

  g_assert_cmpuint (events.n_messages, ==, 1);
  g_assert_false (events.requested);
  how = mpd_producer_describe_exit (events.wait_status);
  g_assert_cmpstr (how, ==, "exited with status 3");
}

/* A producer that dies in the middle of a message: the whole ones arrive, then the error. */
static void
test_truncated_stream (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline ("half-frame", 1000, &events);

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  run_until_stopped (pipeline);

  g_assert_cmpuint (events.n_messages, ==, 1);
  g_assert_cmpuint (events.n_closed, ==, 1);
  g_assert_error (events.closed_error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_TRUNCATED);
}

/* A producer that sends bad data and goes on running: the error is reported, and the pipeline
 * stops the producer itself (so its end is reported as requested, not as news). */
static void
test_bad_data_stops_producer (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline ("bad:zero-length", 1000, &events);
  int producer_pid;

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  producer_pid = mpd_pipeline_get_producer_pid (pipeline);
  run_until_stopped (pipeline);

  g_assert_cmpuint (events.n_messages, ==, 1);
  g_assert_cmpuint (events.n_closed, ==, 1);
  g_assert_error (events.closed_error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_LENGTH);
  g_assert_cmpuint (events.n_exits, ==, 1);
  g_assert_true (events.requested);
  g_assert_true (WIFSIGNALED (events.wait_status));
  g_assert_cmpint (WTERMSIG (events.wait_status), ==, SIGTERM);
  g_assert_true (mpd_test_pid_is_gone (producer_pid));
}

/* Bad data, then the producer's own exit (it ignores SIGTERM, and exits with 3): the pipeline
 * stopped it, but that is not how it ended, so the exit is reported as not requested. */
static void
test_bad_data_then_own_exit (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline ("bad-then-exit:3", 1000, &events);

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  run_until_stopped (pipeline);

  g_assert_cmpuint (events.n_closed, ==, 1);
  g_assert_error (events.closed_error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_LENGTH);
  g_assert_cmpuint (events.n_exits, ==, 1);
  g_assert_false (events.requested);
  g_assert_true (WIFEXITED (events.wait_status));
  g_assert_cmpint (WEXITSTATUS (events.wait_status), ==, 3);
}

static void
pipe_closed_while_running_cb (MpdPipeline *pipeline,
                              guint       *n_signals)
{
  (*n_signals)++;
}

/* A producer that closes the pipe and goes on running: the stream ends, the run does not, and
 * the pipeline says so once; Stop then ends it as any other. A producer that exits gives no
 * such signal, though the end of its stream comes before its end is reported. */
static void
test_pipe_closed_while_running (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline ("close-stdout", 1000, &events);
  g_auto(Events) exit_events = { 0 };
  g_autoptr(MpdPipeline) exits = new_pipeline ("count:3", 1000, &exit_events);
  guint n_signals = 0;

  g_signal_connect (pipeline, "pipe-closed-while-running",
                    G_CALLBACK (pipe_closed_while_running_cb), &n_signals);
  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  while (n_signals == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (events.n_closed, ==, 1);
  g_assert_null (events.closed_error);
  g_assert_cmpuint (events.n_exits, ==, 0);
  g_assert_true (mpd_pipeline_get_running (pipeline));

  stop_and_wait (pipeline);
  g_assert_true (events.requested);
  g_assert_cmpuint (n_signals, ==, 1);

  g_signal_connect (exits, "pipe-closed-while-running",
                    G_CALLBACK (pipe_closed_while_running_cb), &n_signals);
  for (guint i = 0; i < 20; i++)
    {
      exit_events.last_sequence = 0;
      g_assert_true (mpd_pipeline_start (exits, NULL));
      run_until_stopped (exits);
    }
  g_assert_cmpuint (exit_events.n_exits, ==, 20);
  g_assert_cmpuint (n_signals, ==, 1);
}

/* 200 times: kill the producer with SIGKILL, let the run end, start again. Afterwards the
 * process has exactly the fds, threads and children it had before: nothing leaks. */
static void
test_kill_restart_cycles (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline (NULL, 1000, &events);
  guint fds_before = mpd_test_count_proc_entries ("self/fd");
  guint threads_before = mpd_test_count_proc_entries ("self/task");
  guint children_before = mpd_test_count_children ();

  for (guint cycle = 0; cycle < 200; cycle++)
    {
      guint64 received_before = events.n_messages;
      int producer_pid;

      events.last_sequence = 0;
      g_assert_true (mpd_pipeline_start (pipeline, NULL));
      producer_pid = mpd_pipeline_get_producer_pid (pipeline);

      /* Its first message comes at once: then it surely runs. */
      while (events.n_messages == received_before)
        g_main_context_iteration (NULL, TRUE);

      g_assert_cmpint (kill (producer_pid, SIGKILL), ==, 0);
      run_until_stopped (pipeline);

      g_assert_false (events.requested);
      g_assert_true (WIFSIGNALED (events.wait_status));
      g_assert_cmpint (WTERMSIG (events.wait_status), ==, SIGKILL);
      g_assert_true (mpd_test_pid_is_gone (producer_pid));
    }

  g_assert_cmpuint (events.n_exits, ==, 200);
  g_assert_cmpuint (mpd_test_count_children (), ==, children_before);
  g_assert_cmpuint (mpd_test_wait_for_threads (threads_before), ==, threads_before);
  /* (At most: a pidfd that GLib still held for the last child spawned before the test may
   * have been counted in the "before".) */
  g_assert_cmpuint (mpd_test_wait_for_fds (fds_before), <=, fds_before);
}

/* Stopping works while the producer is paused with SIGSTOP: SIGTERM alone would wait for it
 * to run again, so the stop also sends SIGCONT. */
static void
test_stop_paused_producer (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline (NULL, 10, &events);
  int producer_pid;

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  producer_pid = mpd_pipeline_get_producer_pid (pipeline);
  while (events.n_messages < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (kill (producer_pid, SIGSTOP), ==, 0);

  stop_and_wait (pipeline);

  g_assert_true (events.requested);
  g_assert_true (WIFSIGNALED (events.wait_status));
  g_assert_cmpint (WTERMSIG (events.wait_status), ==, SIGTERM);
  g_assert_true (mpd_test_pid_is_gone (producer_pid));
}

/* Stopping works while the producer floods the pipe (interval 0): the pipe is full, the
 * producer blocked in write(2), the thread busy. Every message delivered was in order. */
static void
test_stop_during_flood (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline (NULL, 0, &events);
  guint threads_before = mpd_test_count_proc_entries ("self/task");
  int producer_pid;

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  producer_pid = mpd_pipeline_get_producer_pid (pipeline);
  while (events.n_messages < 100000)
    g_main_context_iteration (NULL, TRUE);

  stop_and_wait (pipeline);

  g_assert_true (events.requested);
  g_assert_true (mpd_test_pid_is_gone (producer_pid));
  g_assert_cmpuint (mpd_test_wait_for_threads (threads_before), ==, threads_before);
}

/* A student's producer command that leaves a process behind it: `sleep` holds a copy of the
 * pipe's write end, and outlives the producer. The producer runs under mpdemo-supervisor, so
 * the sleep is a process of the run: Stop ends it too; and after Kill the pipe reaches its
 * end, since nothing of the run is left to hold it open. */
static void
test_leftover_process_of_a_producer (gconstpointer data)
{
  gboolean kill_it = GPOINTER_TO_INT (data);
  g_auto(Events) events = { 0 };
  g_autofree char *script = g_strdup_printf ("sleep 300 & exec %s --interval=50",
                                             mpd_test_program ("MPD_PRODUCER_PROGRAM"));
  const char *argv[] = { "sh", "-c", script, NULL };
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (argv, 50);
  int producer_pid, sleep_pid;
  MpdProcStat stat;

  g_signal_connect (pipeline, "messages-received", G_CALLBACK (messages_received_cb), &events);
  g_signal_connect (pipeline, "producer-exited", G_CALLBACK (producer_exited_cb), &events);
  g_signal_connect (pipeline, "stream-closed", G_CALLBACK (stream_closed_cb), &events);
  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  while (events.n_messages < 2)
    g_main_context_iteration (NULL, TRUE);

  /* The producer's parent is the supervisor, and the sleep is the supervisor's too. */
  producer_pid = mpd_pipeline_get_producer_pid (pipeline);
  g_assert_true (mpd_proc_read_stat (producer_pid, &stat));
  sleep_pid = mpd_test_find_descendant (stat.parent_pid, "sleep");
  g_assert_cmpint (sleep_pid, >, 0);

  if (kill_it)
    {
      mpd_pipeline_kill_producer (pipeline);
      run_until_stopped (pipeline);
      g_assert_true (WIFSIGNALED (events.wait_status));
      g_assert_cmpint (WTERMSIG (events.wait_status), ==, SIGKILL);
    }
  else
    {
      stop_and_wait (pipeline);
    }

  g_assert_true (mpd_test_pid_is_gone (producer_pid));
  g_assert_true (mpd_test_pid_is_gone (sleep_pid));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

/* Pause is SIGSTOP, for real; resume is SIGCONT, and messages go on from where they were;
 * kill is SIGKILL, not asked for, and the pipeline is no longer paused. */
static void
test_pause_resume_kill (void)
{
  g_auto(Events) events = { 0 };
  g_autoptr(MpdPipeline) pipeline = new_pipeline (NULL, 10, &events);
  guint64 last_before_pause;
  int pid;

  mpd_pipeline_set_paused (pipeline, TRUE);  /* not running: nothing happens */
  g_assert_false (mpd_pipeline_get_paused (pipeline));

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  pid = mpd_pipeline_get_producer_pid (pipeline);
  while (events.n_messages < 2)
    g_main_context_iteration (NULL, TRUE);

  /* The producer runs under mpdemo-supervisor, not as our child: the kernel's word for its
   * state is /proc/PID/stat ("T", stopped). */
  mpd_pipeline_set_paused (pipeline, TRUE);
  g_assert_true (mpd_pipeline_get_paused (pipeline));
  mpd_test_wait_for_stopped (pid, TRUE);
  last_before_pause = events.last_sequence;

  mpd_pipeline_set_paused (pipeline, FALSE);
  mpd_test_wait_for_stopped (pid, FALSE);
  while (events.last_sequence <= last_before_pause + 1)
    g_main_context_iteration (NULL, TRUE);

  mpd_pipeline_set_paused (pipeline, TRUE);
  mpd_pipeline_kill_producer (pipeline);
  run_until_stopped (pipeline);
  g_assert_cmpuint (events.n_exits, ==, 1);
  g_assert_true (WIFSIGNALED (events.wait_status));
  g_assert_cmpint (WTERMSIG (events.wait_status), ==, SIGKILL);
  g_assert_false (events.requested);
  g_assert_false (mpd_pipeline_get_paused (pipeline));
  g_assert_true (mpd_test_pid_is_gone (pid));
}

static void
test_missing_program (void)
{
  const char *argv[] = { "/nonexistent/producer", NULL };
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (argv, 1000);
  guint pipes_before = mpd_test_count_pipes ();
  g_autoptr(GError) error = NULL;

  g_assert_false (mpd_pipeline_start (pipeline, &error));
  g_assert_nonnull (error);
  g_assert_false (mpd_pipeline_get_running (pipeline));
  g_assert_cmpuint (mpd_test_count_pipes (), ==, pipes_before);
}

/* Dropping a running pipeline kills and reaps its producer and joins its thread at once. */
static void
test_dispose_running (void)
{
  g_auto(Events) events = { 0 };
  MpdPipeline *pipeline = new_pipeline (NULL, 10, &events);
  guint threads_before = mpd_test_count_proc_entries ("self/task");
  int producer_pid;

  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  producer_pid = mpd_pipeline_get_producer_pid (pipeline);
  while (events.n_messages < 1)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&pipeline);

  g_assert_true (mpd_test_pid_is_gone (producer_pid));
  g_assert_cmpuint (mpd_test_wait_for_threads (threads_before), ==, threads_before);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
count_cb (MpdPipeline *pipeline,
          GArray      *messages,
          MpdStats    *stats)
{
  mpd_stats_add_batch (stats, (const MpdMessage *) messages->data, messages->len,
                       g_get_monotonic_time ());
}

/* The pids of the pipeline's producers, in order. */
static GArray *
producer_pids (MpdPipeline *pipeline)
{
  GPtrArray *producers = mpd_pipeline_get_producers (pipeline);
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < producers->len; i++)
    {
      int pid = mpd_producer_get_pid (g_ptr_array_index (producers, i));

      g_array_append_val (pids, pid);
    }

  return pids;
}

/* Eight flooding producers share one pipe: each one's messages all arrive, in order, none
 * lost; stopping ends all eight. */
static void
test_many_producers (void)
{
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 0);
  g_autoptr(MpdStats) stats = mpd_stats_new ();
  g_autoptr(GArray) pids = NULL;
  gboolean all_counted = FALSE;

  mpd_pipeline_set_n_producers (pipeline, MPD_PIPELINE_MAX_PRODUCERS);
  g_signal_connect (pipeline, "messages-received", G_CALLBACK (count_cb), stats);
  g_assert_true (mpd_pipeline_start (pipeline, NULL));

  pids = producer_pids (pipeline);
  g_assert_cmpuint (pids->len, ==, MPD_PIPELINE_MAX_PRODUCERS);
  g_assert_cmpint (mpd_pipeline_get_producer_pid (pipeline), ==, g_array_index (pids, int, 0));
  mpd_stats_reset (stats, (const int *) pids->data, pids->len);

  while (!all_counted)
    {
      g_main_context_iteration (NULL, TRUE);
      all_counted = TRUE;
      for (guint i = 0; i < pids->len; i++)
        all_counted &= mpd_stats_get_producer (stats, i)->received >= 20000;
    }
  g_assert_cmpuint (mpd_stats_get_n_producers (stats), ==, MPD_PIPELINE_MAX_PRODUCERS);

  stop_and_wait (pipeline);

  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, 0);
  g_assert_cmpuint (mpd_stats_get_out_of_order (stats), ==, 0);
  for (guint i = 0; i < pids->len; i++)
    {
      MpdProducer *producer = g_ptr_array_index (mpd_pipeline_get_producers (pipeline), i);
      int wait_status;

      g_assert_true (mpd_test_pid_is_gone (g_array_index (pids, int, i)));
      g_assert_true (mpd_producer_get_wait_status (producer, &wait_status));
      g_assert_cmpint (mpd_producer_get_state (producer), ==, MPD_PRODUCER_STATE_EXITED);
      g_assert_true (WIFSIGNALED (wait_status));
    }
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

/* Waits until @done says yes. Nothing tells when a process starts to wait in write(2), or a
 * thread on a condition, so this looks again every millisecond, for up to ten seconds. */
static gboolean
poll_until (gboolean (*done) (MpdPipeline *pipeline),
            MpdPipeline *pipeline)
{
  for (guint tries = 0; tries < 10000; tries++)
    {
      if (done (pipeline))
        return TRUE;
      g_usleep (1000);
    }

  return done (pipeline);
}

static gboolean
everyone_blocked (MpdPipeline *pipeline)
{
  GPtrArray *producers = mpd_pipeline_get_producers (pipeline);

  for (guint i = 0; i < producers->len; i++)
    if (mpd_producer_get_state (g_ptr_array_index (producers, i)) != MPD_PRODUCER_STATE_BLOCKED)
      return FALSE;

  return mpd_pipeline_get_consumer_state (pipeline) == MPD_CONSUMER_STATE_BLOCKED;
}

/* Every producer in write(2), the thread waiting for the main loop, and the pipe full: looked
 * at together, as each look at /proc is a moment of its own. */
static gboolean
everyone_blocked_on_a_full_pipe (MpdPipeline *pipeline)
{
  guint waiting, capacity;

  return everyone_blocked (pipeline) &&
         mpd_pipeline_get_queue_fill (pipeline, &waiting, &capacity) &&
         waiting > capacity - MPD_FRAME_MAX_SIZE;
}

/* When the main loop does not take what the thread read, the thread waits for it, the pipe
 * fills up, and the producers wait in write(2): the kernel says so, and FIONREAD shows a full
 * pipe. Once the main loop runs, everyone goes on; paused producers are stopped, for the
 * kernel too. */
static void
test_full_pipe_and_states (void)
{
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 0);
  guint waiting = 0, capacity = 0;
  GPtrArray *producers;
  guint64 n_before;

  g_assert_false (mpd_pipeline_get_queue_fill (pipeline, &waiting, &capacity));
  g_assert_cmpint (mpd_pipeline_get_consumer_state (pipeline), ==, MPD_CONSUMER_STATE_STOPPED);

  mpd_pipeline_set_n_producers (pipeline, 3);
  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  producers = mpd_pipeline_get_producers (pipeline);
  g_assert_cmpuint (producers->len, ==, 3);

  /* No main-loop iteration: nobody takes the batches. */
  g_assert_true (poll_until (everyone_blocked_on_a_full_pipe, pipeline));
  g_assert_true (mpd_pipeline_get_queue_fill (pipeline, &waiting, &capacity));
  g_assert_cmpuint (capacity, >=, 4096);
  g_assert_cmpuint (waiting, <=, capacity);

  /* The main loop takes them: messages flow again. */
  n_before = mpd_pipeline_get_n_messages (pipeline);
  while (mpd_pipeline_get_n_messages (pipeline) < n_before + 200000)
    g_main_context_iteration (NULL, TRUE);

  mpd_pipeline_set_paused (pipeline, TRUE);
  for (guint i = 0; i < producers->len; i++)
    {
      MpdProducer *producer = g_ptr_array_index (producers, i);

      mpd_test_wait_for_stopped (mpd_producer_get_pid (producer), TRUE);
      g_assert_cmpint (mpd_producer_get_state (producer), ==, MPD_PRODUCER_STATE_PAUSED);
    }

  stop_and_wait (pipeline);
  g_assert_false (mpd_pipeline_get_queue_fill (pipeline, &waiting, &capacity));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

typedef struct
{
  MpdStats *stats;
  guint     n_exits;
  int       last_status;
  gboolean  last_requested;
} OneByOne;

static void
one_exited_cb (MpdPipeline *pipeline,
               int          wait_status,
               gboolean     requested,
               OneByOne    *one)
{
  one->n_exits++;
  one->last_status = wait_status;
  one->last_requested = requested;
}

/* Waits until producer @index has sent @more messages more than it has now. */
static void
wait_for_more_from (OneByOne *one,
                    guint     index,
                    guint64   more)
{
  guint64 target = mpd_stats_get_producer (one->stats, index)->received + more;

  while (mpd_stats_get_producer (one->stats, index)->received < target)
    g_main_context_iteration (NULL, TRUE);
}

/* One producer at a time (issue 14, item 5): killing or stopping one of three leaves the
 * others writing, and the run going; the pipe ends only when the last writer is gone. */
static void
test_one_producer_at_a_time (void)
{
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 10);
  g_autoptr(MpdStats) stats = mpd_stats_new ();
  g_autoptr(GArray) pids = NULL;
  OneByOne one = { stats, 0, 0, TRUE };

  mpd_pipeline_set_n_producers (pipeline, 3);
  g_signal_connect (pipeline, "messages-received", G_CALLBACK (count_cb), stats);
  g_signal_connect (pipeline, "producer-exited", G_CALLBACK (one_exited_cb), &one);
  g_assert_true (mpd_pipeline_start (pipeline, NULL));
  pids = producer_pids (pipeline);
  mpd_stats_reset (stats, (const int *) pids->data, pids->len);
  for (guint i = 0; i < 3; i++)
    wait_for_more_from (&one, i, 2);

  /* Kill the first: it ends, not asked for; the two others go on. */
  g_assert_true (mpd_pipeline_signal_one (pipeline, g_array_index (pids, int, 0), SIGKILL));
  while (one.n_exits < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (one.last_requested);
  g_assert_true (WIFSIGNALED (one.last_status) && WTERMSIG (one.last_status) == SIGKILL);
  g_assert_true (mpd_pipeline_get_running (pipeline));
  wait_for_more_from (&one, 1, 5);
  wait_for_more_from (&one, 2, 5);
  g_assert_false (mpd_pipeline_signal_one (pipeline, g_array_index (pids, int, 0), SIGKILL));

  /* Stop the second (SIGTERM): the third is still writing. */
  g_assert_true (mpd_pipeline_stop_one (pipeline, g_array_index (pids, int, 1)));
  while (one.n_exits < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (WIFSIGNALED (one.last_status) && WTERMSIG (one.last_status) == SIGTERM);
  g_assert_true (mpd_pipeline_get_running (pipeline));
  wait_for_more_from (&one, 2, 5);

  /* The last writer gone: the pipe ends, and so does the run. */
  g_assert_true (mpd_pipeline_signal_one (pipeline, g_array_index (pids, int, 2), SIGKILL));
  run_until_stopped (pipeline);
  g_assert_cmpuint (one.n_exits, ==, 3);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, 0);
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  mpd_test_start_glib_worker ();

  g_test_add_func ("/mpd/pipeline/start-and-stop", test_start_and_stop);
  g_test_add_func ("/mpd/pipeline/producer-finishes", test_producer_finishes);
  g_test_add_func ("/mpd/pipeline/producer-fails", test_producer_fails);
  g_test_add_func ("/mpd/pipeline/truncated-stream", test_truncated_stream);
  g_test_add_func ("/mpd/pipeline/bad-data-stops-producer", test_bad_data_stops_producer);
  g_test_add_func ("/mpd/pipeline/bad-data-then-own-exit", test_bad_data_then_own_exit);
  g_test_add_func ("/mpd/pipeline/pipe-closed-while-running", test_pipe_closed_while_running);
  g_test_add_func ("/mpd/pipeline/kill-restart-cycles", test_kill_restart_cycles);
  g_test_add_func ("/mpd/pipeline/stop-paused-producer", test_stop_paused_producer);
  g_test_add_func ("/mpd/pipeline/stop-during-flood", test_stop_during_flood);
  g_test_add_func ("/mpd/pipeline/pause-resume-kill", test_pause_resume_kill);
  g_test_add_func ("/mpd/pipeline/missing-program", test_missing_program);
  g_test_add_data_func ("/mpd/pipeline/leftover-process-stopped", GINT_TO_POINTER (FALSE),
                        test_leftover_process_of_a_producer);
  g_test_add_data_func ("/mpd/pipeline/leftover-process-killed", GINT_TO_POINTER (TRUE),
                        test_leftover_process_of_a_producer);
  g_test_add_func ("/mpd/pipeline/dispose-running", test_dispose_running);
  g_test_add_func ("/mpd/pipeline/many-producers", test_many_producers);
  g_test_add_func ("/mpd/pipeline/one-producer-at-a-time", test_one_producer_at_a_time);
  g_test_add_func ("/mpd/pipeline/full-pipe-and-states", test_full_pipe_and_states);

  return g_test_run ();
}
