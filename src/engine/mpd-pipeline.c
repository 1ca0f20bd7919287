/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline.c: a producer process, a queue and a consumer thread, started and stopped as one. */

/*
 * This is the whole of the seed's PyQt example, without the window:
 *
 *     q = Queue()                                         -> mpd_queue_new()
 *     p = Process(target=producer, args=(q,)); p.start()  -> mpd_producer_start()
 *     self.consumer = Consumer(q); self.consumer.start()  -> mpd_consumer_start()
 *     self.consumer.poped.connect(self.print_data)        -> "messages-received"
 *
 * and what the seed leaves out: how it ends. The pipeline is running from mpd_pipeline_start()
 * until both the producer has been reaped and the consumer thread has ended. It ends by
 * itself when the producer exits and the consumer has read every message it sent; and
 * mpd_pipeline_stop_async() ends it on purpose: it stops the producer, then the thread.
 * The window and the --console mode both drive the demo through this object.
 *
 * A producer may also close its end of the pipe and go on running (a student's producer that
 * closes its stdout, say): the thread reads end-of-file and ends, and nothing more can come,
 * but the run is not over until the producer ends. The pipeline gives it a moment, since a
 * producer that exits closes the pipe first and is reaped a little later, then says so
 * (MpdPipeline::pipe-closed-while-running).
 *
 * Several producers may share the one pipe (MpdPipeline:n-producers): each frame is one
 * atomic write(2) of at most PIPE_BUF bytes, so frames from different producers never mix,
 * and the stream ends when the last of them has closed its end of the pipe.
 */

#define G_LOG_DOMAIN "mpd-pipeline"

#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "mpd-pipeline.h"
#include "mpd-proc.h"

struct _MpdPipeline
{
  GObject      parent_instance;

  /* Owned */
  char       **producer_argv;
  MpdQueue    *queue;
  GPtrArray   *producers;  /* of MpdProducer: this run's, or the last run's, all ended */
  GArray      *pids;       /* of int: each producer's pid (a producer forgets it as it ends) */
  MpdConsumer *consumer;
  GPtrArray   *stop_tasks;

  guint        interval_ms;
  guint        n_producers;
  guint        n_producers_done;
  int          producer_pid;
  int          last_exited_pid;  /* the producer of the last "producer-exited" */
  int          consumer_thread_id;
  guint64      n_messages;
  guint        linger_id;  /* the stream has ended: do the producers end too? */
  guint        running : 1;
  guint        paused : 1;
  guint        stopping : 1;
  guint        stopping_for_bad_data : 1;
  guint        consumer_done : 1;
};

enum {
  PROP_0,
  PROP_PRODUCER_ARGV,
  PROP_INTERVAL,
  PROP_N_PRODUCERS,
  PROP_RUNNING,
  PROP_PAUSED,
  PROP_PRODUCER_PID,
  PROP_CONSUMER_THREAD_ID,
  PROP_N_MESSAGES,
  N_PROPS
};

enum {
  MESSAGES_RECEIVED,
  PRODUCER_EXITED,
  STREAM_CLOSED,
  PIPE_CLOSED_WHILE_RUNNING,
  PRODUCER_STDERR,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MpdPipeline, mpd_pipeline, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Disposing a producer whose child still runs kills and reaps the child. */
static void
mpd_pipeline_clear_producers (MpdPipeline *self)
{
  for (guint i = 0; i < self->producers->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->producers, i), self);
  g_ptr_array_set_size (self->producers, 0);
  self->n_producers_done = 0;
}

/* The producers of a run that has ended are kept, so that they can say how they ended,
 * until the next run starts. */
static void
mpd_pipeline_clear_parts (MpdPipeline *self,
                          gboolean     keep_producers)
{
  if (self->consumer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->consumer, self);
      mpd_consumer_stop (self->consumer);
      g_clear_object (&self->consumer);
    }

  if (!keep_producers)
    mpd_pipeline_clear_producers (self);

  g_clear_object (&self->queue);
}

static gboolean
mpd_pipeline_producers_done (MpdPipeline *self)
{
  return self->n_producers_done == self->producers->len;
}

static void
mpd_pipeline_stop_producers (MpdPipeline *self)
{
  for (guint i = 0; i < self->producers->len; i++)
    mpd_producer_stop (g_ptr_array_index (self->producers, i));
}

static void
mpd_pipeline_signal_producers (MpdPipeline *self,
                               int          signal_number)
{
  for (guint i = 0; i < self->producers->len; i++)
    mpd_producer_send_signal (g_ptr_array_index (self->producers, i), signal_number);
}

/* Ends the run once both halves have ended. */
static void
mpd_pipeline_check_done (MpdPipeline *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (!self->running || !mpd_pipeline_producers_done (self) || !self->consumer_done)
    return;

  mpd_pipeline_clear_parts (self, TRUE);
  g_clear_handle_id (&self->linger_id, g_source_remove);
  self->running = FALSE;
  self->paused = FALSE;
  self->stopping = FALSE;
  self->stopping_for_bad_data = FALSE;
  self->producer_pid = 0;
  self->consumer_thread_id = 0;

  tasks = g_steal_pointer (&self->stop_tasks);
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCER_PID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSUMER_THREAD_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; i < tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (tasks, i), TRUE);
}

static void
mpd_pipeline_messages_received_cb (MpdPipeline *self,
                                   GArray      *messages,
                                   MpdConsumer *consumer)
{
  /* GLib forgets a child's pid once it has reaped it, so a producer that ends very quickly
   * may have left before we learnt its pid; its messages carry it too. */
  if (self->producer_pid == 0)
    {
      self->producer_pid = g_array_index (messages, MpdMessage, 0).pid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCER_PID]);
    }

  self->n_messages += messages->len;
  g_signal_emit (self, signals[MESSAGES_RECEIVED], 0, messages);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MESSAGES]);
}

static void
mpd_pipeline_producer_stderr_cb (MpdPipeline *self,
                                 GBytes      *bytes,
                                 MpdProducer *producer)
{
  guint index;

  /* Said with the pid it had: the producer forgets it when it ends, and its stderr may end
   * after it. */
  if (g_ptr_array_find (self->producers, producer, &index) && index < self->pids->len)
    g_signal_emit (self, signals[PRODUCER_STDERR], 0, g_array_index (self->pids, int, index),
                   bytes);
}

/* Whether a producer of the run is alive, as the kernel says: not ended, and not a zombie
 * waiting to be reaped (then its end is on its way to us). */
static gboolean
mpd_pipeline_producer_lingers (MpdPipeline *self)
{
  for (guint i = 0; i < self->producers->len; i++)
    {
      MpdProducer *producer = g_ptr_array_index (self->producers, i);
      MpdProcStat stat;

      if (!mpd_producer_get_wait_status (producer, NULL) &&
          mpd_proc_read_stat (mpd_producer_get_pid (producer), &stat) && stat.state != 'Z')
        return TRUE;
    }

  return FALSE;
}

static gboolean
mpd_pipeline_linger_cb (gpointer data)
{
  MpdPipeline *self = MPD_PIPELINE (data);

  if (!self->running || self->stopping || mpd_pipeline_producers_done (self))
    {
      self->linger_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Each one that has not been reaped yet is a zombie or gone: look again in a moment. */
  if (!mpd_pipeline_producer_lingers (self))
    return G_SOURCE_CONTINUE;

  self->linger_id = 0;
  g_signal_emit (self, signals[PIPE_CLOSED_WHILE_RUNNING], 0);
  return G_SOURCE_REMOVE;
}

static void
mpd_pipeline_consumer_finished_cb (MpdPipeline  *self,
                                   const GError *error,
                                   MpdConsumer  *consumer)
{
  self->consumer_done = TRUE;

  /* When we stop the producer, the end of its stream is no news. */
  if (!self->stopping)
    g_signal_emit (self, signals[STREAM_CLOSED], 0, error);

  /* A producer that sends bad data is of no more use: stop it. That is our doing, so its
   * end is reported as requested, and the bad data stays the news. */
  if (error != NULL && !mpd_pipeline_producers_done (self))
    {
      self->stopping = TRUE;
      self->stopping_for_bad_data = TRUE;
      mpd_pipeline_stop_producers (self);
    }

  /* The end of the stream, and a producer is still there: it is probably exiting (it closes
   * its files before it is reaped). If it is still there in a moment, it is not. */
  if (error == NULL && !self->stopping && !mpd_pipeline_producers_done (self))
    self->linger_id = g_timeout_add (MPD_PIPELINE_LINGER_MS, mpd_pipeline_linger_cb, self);

  mpd_pipeline_check_done (self);
}

/* Whether our stop caused this end. When bad data made us stop the producers, one may have
 * ended by itself first (it wrote its garbage and exited): an end that our SIGTERM, or the
 * SIGKILL after it, did not cause is the producer's own, and news. */
static gboolean
mpd_pipeline_caused_exit (MpdPipeline *self,
                          int          wait_status)
{
  if (!self->stopping)
    return FALSE;
  if (!self->stopping_for_bad_data)
    return TRUE;

  return WIFSIGNALED (wait_status) &&
         (WTERMSIG (wait_status) == SIGTERM || WTERMSIG (wait_status) == SIGKILL);
}

static void
mpd_pipeline_producer_exited_cb (MpdPipeline *self,
                                 int          wait_status,
                                 MpdProducer *producer)
{
  guint index;

  self->n_producers_done++;
  if (g_ptr_array_find (self->producers, producer, &index) && index < self->pids->len)
    self->last_exited_pid = g_array_index (self->pids, int, index);
  if (self->paused && mpd_pipeline_producers_done (self))
    {
      self->paused = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
  g_signal_emit (self, signals[PRODUCER_EXITED], 0, wait_status,
                 mpd_pipeline_caused_exit (self, wait_status));

  /* When we stop on purpose, the thread need not read to the end. (When the producer exits
   * by itself, the thread reads every message it sent, and ends at the end of the stream.) */
  if (self->stopping && mpd_pipeline_producers_done (self) && !self->consumer_done)
    {
      mpd_consumer_stop (self->consumer);
      self->consumer_done = TRUE;
    }

  mpd_pipeline_check_done (self);
}

/**
 * mpd_pipeline_start:
 * @self: a pipeline that is not running
 * @error: where to put the reason when it cannot start
 *
 * Makes a new queue, starts the producer processes writing into it and the consumer thread
 * reading from it.
 *
 * Returns: %TRUE when the pipeline runs
 */
gboolean
mpd_pipeline_start (MpdPipeline  *self,
                    GError      **error)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  mpd_pipeline_clear_producers (self);
  g_array_set_size (self->pids, self->n_producers);
  self->queue = mpd_queue_new (error);
  if (self->queue == NULL)
    return FALSE;

  for (guint i = 0; i < self->n_producers; i++)
    {
      g_autoptr(MpdProducer) producer = NULL;

      producer = mpd_producer_new ((const char * const *) self->producer_argv,
                                   self->interval_ms);
      g_signal_connect_object (producer, "exited",
                               G_CALLBACK (mpd_pipeline_producer_exited_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (producer, "stderr",
                               G_CALLBACK (mpd_pipeline_producer_stderr_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->producers, g_object_ref (producer));
      if (!mpd_producer_start (producer, self->queue, error))
        {
          mpd_pipeline_clear_parts (self, FALSE);
          return FALSE;
        }
      g_array_index (self->pids, int, i) = mpd_producer_get_pid (producer);
    }

  /* The producers have their own copies now. Ours must go, or the consumer would never see the
   * end of the stream: a pipe ends only when every copy of its write end is closed. */
  mpd_queue_close_write_end (self->queue);

  /* A line of text does not say who printed it. With one producer, that is who; with
   * several, nobody can tell, and the pid stays 0. */
  if (self->n_producers == 1)
    mpd_queue_set_line_pid (self->queue, g_array_index (self->pids, int, 0));

  self->consumer = mpd_consumer_new (self->queue);
  g_signal_connect_object (self->consumer, "messages-received",
                           G_CALLBACK (mpd_pipeline_messages_received_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->consumer, "finished",
                           G_CALLBACK (mpd_pipeline_consumer_finished_cb), self,
                           G_CONNECT_SWAPPED);
  if (!mpd_consumer_start (self->consumer, error))
    {
      mpd_pipeline_clear_parts (self, FALSE);
      return FALSE;
    }

  self->running = TRUE;
  self->stopping = FALSE;
  self->consumer_done = FALSE;
  self->n_messages = 0;
  self->producer_pid = mpd_producer_get_pid (g_ptr_array_index (self->producers, 0));
  self->consumer_thread_id = mpd_consumer_get_thread_id (self->consumer);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MESSAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCER_PID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSUMER_THREAD_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * mpd_pipeline_stop_async:
 * @self: a pipeline
 * @cancellable: (nullable): a cancellable
 * @callback: called when the producer has been reaped and the thread joined
 * @user_data: data for @callback
 *
 * Stops the producers (SIGTERM, then SIGKILL after a short grace period), waits for them, and
 * stops the consumer thread. Completes at once when the pipeline is not running.
 */
void
mpd_pipeline_stop_async (MpdPipeline         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MPD_IS_PIPELINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mpd_pipeline_stop_async);

  if (!self->running)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->stop_tasks, g_steal_pointer (&task));
  self->stopping = TRUE;

  if (!mpd_pipeline_producers_done (self))
    mpd_pipeline_stop_producers (self);
  else if (!self->consumer_done)
    {
      mpd_consumer_stop (self->consumer);
      self->consumer_done = TRUE;
      mpd_pipeline_check_done (self);
    }
}

gboolean
mpd_pipeline_stop_finish (MpdPipeline   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mpd_pipeline_dispose (GObject *object)
{
  MpdPipeline *self = (MpdPipeline *)object;

  mpd_pipeline_clear_parts (self, FALSE);
  g_clear_handle_id (&self->linger_id, g_source_remove);

  G_OBJECT_CLASS (mpd_pipeline_parent_class)->dispose (object);
}

static void
mpd_pipeline_finalize (GObject *object)
{
  MpdPipeline *self = (MpdPipeline *)object;

  g_clear_pointer (&self->producer_argv, g_strfreev);
  g_clear_pointer (&self->stop_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->producers, g_ptr_array_unref);
  g_clear_pointer (&self->pids, g_array_unref);

  G_OBJECT_CLASS (mpd_pipeline_parent_class)->finalize (object);
}

static void
mpd_pipeline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpdPipeline *self = MPD_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_PRODUCER_ARGV:
      g_value_set_boxed (value, self->producer_argv);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;

    case PROP_N_PRODUCERS:
      g_value_set_uint (value, self->n_producers);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_PRODUCER_PID:
      g_value_set_int (value, self->producer_pid);
      break;

    case PROP_CONSUMER_THREAD_ID:
      g_value_set_int (value, self->consumer_thread_id);
      break;

    case PROP_N_MESSAGES:
      g_value_set_uint64 (value, self->n_messages);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_pipeline_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpdPipeline *self = MPD_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_PRODUCER_ARGV:
      mpd_pipeline_set_producer_argv (self, g_value_get_boxed (value));
      break;

    case PROP_INTERVAL:
      mpd_pipeline_set_interval (self, g_value_get_uint (value));
      break;

    case PROP_N_PRODUCERS:
      mpd_pipeline_set_n_producers (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_pipeline_class_init (MpdPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mpd_pipeline_dispose;
  object_class->finalize = mpd_pipeline_finalize;
  object_class->get_property = mpd_pipeline_get_property;
  object_class->set_property = mpd_pipeline_set_property;

  /* The producer program and its arguments (see MpdProducer:argv); %NULL for mpdemo-producer.
   * A change takes effect at the next start. */
  properties[PROP_PRODUCER_ARGV] =
    g_param_spec_boxed ("producer-argv", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Milliseconds between two messages; a change takes effect at the next start. */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       0, MPD_PRODUCER_MAX_INTERVAL_MS, MPD_PRODUCER_DEFAULT_INTERVAL_MS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How many producer processes share the pipe; a change takes effect at the next start. */
  properties[PROP_N_PRODUCERS] =
    g_param_spec_uint ("n-producers", NULL, NULL,
                       1, MPD_PIPELINE_MAX_PRODUCERS, 1,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the producer is paused (SIGSTOP): it keeps its place, and writes nothing. */
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRODUCER_PID] =
    g_param_spec_int ("producer-pid", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONSUMER_THREAD_ID] =
    g_param_spec_int ("consumer-thread-id", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Messages received since the last start. */
  properties[PROP_N_MESSAGES] =
    g_param_spec_uint64 ("n-messages", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MpdPipeline::messages-received:
   * @self: the pipeline
   * @messages: (element-type MpdMessage): the messages, oldest first
   *
   * Emitted in the main loop with each batch the consumer thread hands over.
   */
  signals[MESSAGES_RECEIVED] =
    g_signal_new ("messages-received",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * MpdPipeline::producer-exited:
   * @self: the pipeline
   * @wait_status: how it ended (see mpd_producer_describe_exit())
   * @requested: %TRUE when the pipeline stopped it: mpd_pipeline_stop_async(), or bad data
   *   in the stream (unless it had ended by itself already)
   *
   * Emitted when the producer process has ended and was reaped.
   */
  signals[PRODUCER_EXITED] =
    g_signal_new ("producer-exited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);

  /**
   * MpdPipeline::stream-closed:
   * @self: the pipeline
   * @error: (nullable): what was wrong with the stream, or %NULL when it simply ended
   *
   * Emitted when the consumer thread has read to the end of the stream, or found bad data
   * in it. Not emitted when the pipeline is stopped on purpose.
   */
  signals[STREAM_CLOSED] =
    g_signal_new ("stream-closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * MpdPipeline::pipe-closed-while-running:
   * @self: the pipeline
   *
   * Emitted when the stream has ended (every producer closed its end of the pipe) and, a
   * moment later (%MPD_PIPELINE_LINGER_MS), a producer still runs: it closed the pipe but
   * did not exit. Nothing more can come; the run ends when the producers do, or are stopped.
   */
  signals[PIPE_CLOSED_WHILE_RUNNING] =
    g_signal_new ("pipe-closed-while-running",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * MpdPipeline::producer-stderr:
   * @self: the pipeline
   * @pid: the producer's pid
   * @bytes: what it, or a process it started, wrote to stderr (see #MpdProducer::stderr)
   */
  signals[PRODUCER_STDERR] =
    g_signal_new ("producer-stderr",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BYTES);
}

static void
mpd_pipeline_init (MpdPipeline *self)
{
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->producers = g_ptr_array_new_with_free_func (g_object_unref);
  self->pids = g_array_new (FALSE, TRUE, sizeof (int));
}

/**
 * mpd_pipeline_new:
 * @producer_argv: (nullable): the producer program and its arguments, or %NULL for
 *   mpdemo-producer
 * @interval_ms: milliseconds between two messages
 *
 * Returns: (transfer full): a new pipeline, not started yet
 */
MpdPipeline *
mpd_pipeline_new (const char * const *producer_argv,
                  guint               interval_ms)
{
  return g_object_new (MPD_TYPE_PIPELINE,
                       "producer-argv", producer_argv,
                       "interval", interval_ms,
                       NULL);
}

gboolean
mpd_pipeline_get_running (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);

  return self->running;
}

guint
mpd_pipeline_get_interval (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), 0);

  return self->interval_ms;
}

void
mpd_pipeline_set_interval (MpdPipeline *self,
                           guint        interval_ms)
{
  g_return_if_fail (MPD_IS_PIPELINE (self));
  g_return_if_fail (interval_ms <= MPD_PRODUCER_MAX_INTERVAL_MS);

  if (self->interval_ms == interval_ms)
    return;

  self->interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/**
 * mpd_pipeline_get_paused:
 * @self: a pipeline
 *
 * Returns: %TRUE while the producer is paused
 */
gboolean
mpd_pipeline_get_paused (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);

  return self->paused;
}

/**
 * mpd_pipeline_set_paused:
 * @self: a pipeline
 * @paused: %TRUE to pause the producer, %FALSE to let it go on
 *
 * Pauses the producer process with SIGSTOP, or resumes it with SIGCONT, as Ctrl+Z and `fg`
 * do in a terminal. A paused producer writes nothing, so the consumer thread waits in poll()
 * and the status bar stops changing; nothing is lost, the producer goes on where it was.
 * Does nothing when the pipeline is not running or is stopping.
 */
void
mpd_pipeline_set_paused (MpdPipeline *self,
                         gboolean     paused)
{
  g_return_if_fail (MPD_IS_PIPELINE (self));

  paused = !!paused;
  if (!self->running || self->stopping || mpd_pipeline_producers_done (self) ||
      self->paused == paused)
    return;

  mpd_pipeline_signal_producers (self, paused ? SIGSTOP : SIGCONT);
  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * mpd_pipeline_kill_producer:
 * @self: a pipeline
 *
 * Kills the producer processes with SIGKILL, as `kill -9` does: it cannot catch it, clean up
 * or say goodbye. The run then ends as with any producer that dies (#MpdPipeline::producer-exited).
 */
void
mpd_pipeline_kill_producer (MpdPipeline *self)
{
  g_return_if_fail (MPD_IS_PIPELINE (self));

  if (self->running)
    mpd_pipeline_signal_producers (self, SIGKILL);
}

/* The producer of this run whose pid is @pid, and which still runs; or NULL. */
static MpdProducer *
mpd_pipeline_find_running_producer (MpdPipeline *self,
                                    int          pid)
{
  for (guint i = 0; i < self->producers->len; i++)
    {
      MpdProducer *producer = g_ptr_array_index (self->producers, i);

      if (mpd_producer_get_pid (producer) == pid && !mpd_producer_get_wait_status (producer, NULL))
        return producer;
    }

  return NULL;
}

/**
 * mpd_pipeline_get_last_exited_pid:
 * @self: a pipeline
 *
 * Returns: the pid of the producer that ended last: the one a #MpdPipeline::producer-exited
 *   handler is told about
 */
int
mpd_pipeline_get_last_exited_pid (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), 0);

  return self->last_exited_pid;
}

/**
 * mpd_pipeline_signal_one:
 * @self: a pipeline
 * @pid: the pid of one of its producers
 * @signal_number: SIGSTOP, SIGCONT or SIGKILL
 *
 * Sends @signal_number to one producer only (with its process group, as Pause and Kill do):
 * with several producers, the others go on writing, and the pipe stays open until the last
 * of them has ended. Its end is reported as any end that was not asked for.
 *
 * Returns: %TRUE when @pid is a producer of this run that still runs
 */
gboolean
mpd_pipeline_signal_one (MpdPipeline *self,
                         int          pid,
                         int          signal_number)
{
  MpdProducer *producer;

  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);

  producer = self->running ? mpd_pipeline_find_running_producer (self, pid) : NULL;
  if (producer == NULL)
    return FALSE;

  mpd_producer_send_signal (producer, signal_number);
  return TRUE;
}

/**
 * mpd_pipeline_stop_one:
 * @self: a pipeline
 * @pid: the pid of one of its producers
 *
 * Stops one producer as Stop does (SIGTERM, then SIGKILL after a grace period); the others
 * go on. Its end is reported as not requested: the run goes on.
 *
 * Returns: %TRUE when @pid is a producer of this run that still runs
 */
gboolean
mpd_pipeline_stop_one (MpdPipeline *self,
                       int          pid)
{
  MpdProducer *producer;

  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);

  producer = self->running ? mpd_pipeline_find_running_producer (self, pid) : NULL;
  if (producer == NULL)
    return FALSE;

  mpd_producer_stop (producer);
  return TRUE;
}

/**
 * mpd_pipeline_set_producer_argv:
 * @self: a pipeline
 * @producer_argv: (nullable): the producer program and its arguments, or %NULL (or an empty
 *   array) for mpdemo-producer
 *
 * Chooses the producer of the next run. A producer that runs now goes on unchanged.
 */
void
mpd_pipeline_set_producer_argv (MpdPipeline        *self,
                                const char * const *producer_argv)
{
  g_return_if_fail (MPD_IS_PIPELINE (self));

  if (producer_argv != NULL && producer_argv[0] == NULL)
    producer_argv = NULL;

  if (self->producer_argv == NULL && producer_argv == NULL)
    return;
  if (self->producer_argv != NULL && producer_argv != NULL &&
      g_strv_equal ((const char * const *) self->producer_argv, producer_argv))
    return;

  g_strfreev (self->producer_argv);
  self->producer_argv = g_strdupv ((char **) producer_argv);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCER_ARGV]);
}

/**
 * mpd_pipeline_get_producer_argv:
 * @self: a pipeline
 *
 * Returns: (transfer none) (nullable): the producer program and its arguments, or %NULL for
 *   mpdemo-producer
 */
const char * const *
mpd_pipeline_get_producer_argv (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), NULL);

  return (const char * const *) self->producer_argv;
}

/**
 * mpd_pipeline_get_runs_own_producer:
 * @self: a pipeline
 *
 * Returns: %TRUE when the producer is mpdemo-producer, whose interval we set, and %FALSE
 *   for a producer command given by the user
 */
gboolean
mpd_pipeline_get_runs_own_producer (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);

  return self->producer_argv == NULL || self->producer_argv[0] == NULL;
}

/**
 * mpd_pipeline_dup_producer_name:
 * @self: a pipeline
 *
 * Returns: (transfer full): the name of the producer program, such as "mpdemo-producer"
 */
char *
mpd_pipeline_dup_producer_name (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), NULL);

  if (mpd_pipeline_get_runs_own_producer (self))
    return g_strdup ("mpdemo-producer");

  return g_path_get_basename (self->producer_argv[0]);
}

/**
 * mpd_pipeline_get_producer_pid:
 * @self: a pipeline
 *
 * Returns: the producer's process id, or 0 when the pipeline is not running
 */
int
mpd_pipeline_get_producer_pid (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), 0);

  return self->producer_pid;
}

/**
 * mpd_pipeline_get_consumer_thread_id:
 * @self: a pipeline
 *
 * Returns: the consumer thread's id, or 0 when the pipeline is not running
 */
int
mpd_pipeline_get_consumer_thread_id (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), 0);

  return self->consumer_thread_id;
}

guint64
mpd_pipeline_get_n_messages (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), 0);

  return self->n_messages;
}

guint
mpd_pipeline_get_n_producers (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), 1);

  return self->n_producers;
}

/**
 * mpd_pipeline_set_n_producers:
 * @self: a pipeline
 * @n_producers: how many producer processes share the pipe, 1 to %MPD_PIPELINE_MAX_PRODUCERS
 *
 * Takes effect at the next start.
 */
void
mpd_pipeline_set_n_producers (MpdPipeline *self,
                              guint        n_producers)
{
  g_return_if_fail (MPD_IS_PIPELINE (self));
  g_return_if_fail (n_producers >= 1 && n_producers <= MPD_PIPELINE_MAX_PRODUCERS);

  if (self->n_producers == n_producers)
    return;

  self->n_producers = n_producers;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PRODUCERS]);
}

/**
 * mpd_pipeline_get_producers:
 * @self: a pipeline
 *
 * Returns: (transfer none) (element-type MpdProducer): the producers of this run, in the
 *   order they were started; after a run, its producers (all ended) until the next start
 */
GPtrArray *
mpd_pipeline_get_producers (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), NULL);

  return self->producers;
}

/**
 * mpd_pipeline_get_queue_fill:
 * @self: a pipeline
 * @bytes_waiting: (out): bytes written into the pipe and not read yet
 * @capacity: (out): the pipe's capacity in bytes
 *
 * Returns: %TRUE while there is a pipe to look at
 */
gboolean
mpd_pipeline_get_queue_fill (MpdPipeline *self,
                             guint       *bytes_waiting,
                             guint       *capacity)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), FALSE);

  *bytes_waiting = *capacity = 0;
  return self->queue != NULL && mpd_queue_get_fill (self->queue, bytes_waiting, capacity);
}

/**
 * mpd_pipeline_get_consumer_state:
 * @self: a pipeline
 *
 * Returns: what the consumer thread is doing now
 */
MpdConsumerState
mpd_pipeline_get_consumer_state (MpdPipeline *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE (self), MPD_CONSUMER_STATE_STOPPED);

  if (self->consumer == NULL)
    return MPD_CONSUMER_STATE_STOPPED;

  return mpd_consumer_get_state (self->consumer);
}
