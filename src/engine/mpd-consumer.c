/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-consumer.c: a thread that takes messages from a queue and hands them to the main loop. */

/*
 * A GUI has one thread that draws the window: the main loop. If it waited for the pipe, the
 * window would freeze. So a second thread, the consumer, does the waiting. It sleeps in
 * poll(2) until the pipe has data or until it is told to stop (through the GCancellable's
 * fd), so it costs nothing while nothing happens. When data comes, it takes every whole
 * message out of the queue and hands them to the main loop as one batch.
 *
 * Handing over is the delicate part. Only the main loop may touch widgets, so the thread
 * never emits signals itself: it puts the batch in a shared list, under a mutex, and wakes
 * the main loop by writing one byte into a pipe of its own, which the main loop watches (the
 * "self-pipe"). While the main loop has not taken the list yet, the thread just adds to it
 * without writing again, so there is never more than one wake-up pending, however fast
 * messages come. (An idle callback, g_idle_add(), wakes the main loop while holding the main
 * loop's own lock, so the main loop woke up only to wait for it: strace counted four futex(2)
 * calls per message at 1 kHz. The pipe needs no lock: none now.) If the main loop falls far behind, the thread stops
 * reading until it catches up; the pipe then fills, and the producer waits in write(2).
 * Nothing is dropped and memory stays bounded. This replaces the seed's QThread, which called
 * q.empty() in a loop and kept one core at 100%, and its Qt signal, which queued one event
 * per message.
 *
 * Stopping: mpd_consumer_stop() cancels the thread and joins it, then stops watching the
 * wake-up pipe, so nothing runs after the consumer is gone.
 */

#define G_LOG_DOMAIN "mpd-consumer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "mpd-consumer.h"

/* How many messages go into one batch at most, and how many may wait for the main loop
 * before the thread stops reading. The main loop takes all that waits in one go, and draws
 * nothing meanwhile: 69,000 messages took it up to 4 ms, a quarter of a frame, and made
 * frames late (bench/gui-flood); 12,000 at most take well under 1 ms. */
#define BATCH_MAX_MESSAGES   4096
#define PENDING_MAX_MESSAGES (2 * BATCH_MAX_MESSAGES)

/* Under a flood, waking up for every write costs more than the messages: a producer that
 * writes one message at a time spends its time waking us, and we ours reading a few bytes.
 * So when a wake-up found at least COALESCE_MIN_MESSAGES, the thread naps before it reads
 * again, and the producer meanwhile writes without waking anyone. That took
 * mpdemo-producer --batch=1 from 0.9 to 1.6 million messages a second. The nap must end
 * before the pipe is full, or the producer waits for us instead: a producer that writes 95
 * messages at a time fills the pipe's 64 KiB in about 60 µs. So the nap adapts: when the
 * messages that came during a nap filled more than half of the pipe, the next nap is half as
 * long (down to none: the thread reads as soon as poll(2) says there is data); when they
 * filled less than a quarter, twice as long, up to COALESCE_MAX_US. At 1 kHz each wake-up
 * finds one message, and no nap delays it. */
#define COALESCE_MIN_MESSAGES 16
#define COALESCE_MAX_US       300
#define COALESCE_MIN_US       10

/* When the main loop delivers messages, against its other work. A window redraws at
 * G_PRIORITY_HIGH_IDLE + 20 (GDK_PRIORITY_REDRAW): deliveries come after it, at
 * G_PRIORITY_DEFAULT_IDLE, so that a flood, or a handler slower than the messages, never keeps
 * the window from drawing. The first delivery of a run comes before it, with the window's
 * events, at G_PRIORITY_DEFAULT: it is what the user waits for. (At MpDemo's start, the first
 * timestamp waited for the first frame, and then for the next: while a window starts, sources
 * of a higher priority are ready at every turn of the main loop, and GLib does not even poll
 * the pipe of a lower one. It came in the second frame, 20 to 30 ms later.) */
#define FIRST_PRIORITY G_PRIORITY_DEFAULT
#define PRIORITY       G_PRIORITY_DEFAULT_IDLE

struct _MpdConsumer
{
  GObject       parent_instance;

  /* Owned */
  MpdQueue     *queue;
  GThread      *thread;
  GCancellable *cancellable;
  GMainContext *context;

  /* Shared with the thread: guarded by mutex */
  GMutex        mutex;
  GCond         cond;
  GArray       *pending;
  int           wake_fds[2];     /* the thread writes a byte to [1] to wake the main loop */
  guint         pending_scheduled : 1;
  GError       *pending_error;
  int           thread_id;
  int           state;           /* MpdConsumerState, atomic: read without the mutex */
  guint         pending_finished : 1;
  guint         thread_waits_for_room : 1;
  guint         stopping : 1;

  /* Main thread only */
  GSource      *wake_source;     /* watches wake_fds[0] */
  GArray       *delivering;
  guint64       n_messages;
  guint         running : 1;
};

enum {
  PROP_0,
  PROP_QUEUE,
  PROP_RUNNING,
  PROP_N_MESSAGES,
  PROP_THREAD_ID,
  N_PROPS
};

enum {
  MESSAGES_RECEIVED,
  FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MpdConsumer, mpd_consumer, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GArray *
mpd_consumer_new_batch (void)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (MpdMessage), BATCH_MAX_MESSAGES);
}

/* Runs in the main loop's context: delivers what the thread has posted. */
static gboolean
mpd_consumer_dispatch_cb (int          fd,
                          GIOCondition condition,
                          gpointer     data)
{
  g_autoptr(MpdConsumer) self = g_object_ref (MPD_CONSUMER (data));
  g_autoptr(GArray) batch = NULL;
  g_autoptr(GError) error = NULL;
  gboolean finished;
  char byte;

  /* The thread writes one byte, and no other until we cleared pending_scheduled below. */
  while (read (fd, &byte, 1) < 0 && errno == EINTR)
    ;

  /* Swap the two lists, so the thread can go on filling one while we deliver the other. */
  g_mutex_lock (&self->mutex);
  batch = g_steal_pointer (&self->pending);
  /* (A handler that runs a nested main loop makes us run again before we got it back.) */
  self->pending = self->delivering ? g_steal_pointer (&self->delivering) : mpd_consumer_new_batch ();
  self->pending_scheduled = FALSE;
  finished = self->pending_finished;
  error = g_steal_pointer (&self->pending_error);
  /* (GLib's g_cond_signal() is a system call even when nobody waits: only when it does.) */
  if (self->thread_waits_for_room)
    g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  /* The first delivery is done: the next ones give way to drawing (see FIRST_PRIORITY). */
  if (self->wake_source != NULL && g_source_get_priority (self->wake_source) != PRIORITY)
    g_source_set_priority (self->wake_source, PRIORITY);

  if (batch->len > 0)
    {
      self->n_messages += batch->len;
      g_signal_emit (self, signals[MESSAGES_RECEIVED], 0, batch);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MESSAGES]);
    }

  g_array_set_size (batch, 0);
  if (self->delivering == NULL)
    self->delivering = g_steal_pointer (&batch);

  /* A handler above may have stopped the consumer already. */
  if (finished && self->thread != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      self->running = FALSE;
      g_signal_emit (self, signals[FINISHED], 0, error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }

  if (finished)
    {
      g_clear_pointer (&self->wake_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Called by the thread with the mutex held: whether the main loop must be woken, with
 * mpd_consumer_wake() once the mutex is released (woken with the mutex held, it would only
 * wake up to wait for the mutex). */
static gboolean
mpd_consumer_schedule_dispatch_locked (MpdConsumer *self)
{
  if (self->pending_scheduled)
    return FALSE;

  self->pending_scheduled = TRUE;
  return TRUE;
}

/* Called by the thread: one byte in the pipe that the main loop watches. */
static void
mpd_consumer_wake (MpdConsumer *self)
{
  while (write (self->wake_fds[1], "", 1) < 0 && errno == EINTR)
    ;
}

/* Called by the thread: hands the first @n_messages of *@batch to the main loop. The thread
 * decodes messages straight into *@batch, which is BATCH_MAX_MESSAGES long; when the main
 * loop has taken everything posted before, the two lists trade places instead of being
 * copied. Returns FALSE when the consumer is stopping. */
static gboolean
mpd_consumer_post (MpdConsumer  *self,
                   GArray      **batch,
                   guint         n_messages)
{
  gboolean stopping;
  gboolean wake = FALSE;

  g_mutex_lock (&self->mutex);
  if (self->pending->len >= PENDING_MAX_MESSAGES && !self->stopping)
    {
      g_atomic_int_set (&self->state, MPD_CONSUMER_STATE_BLOCKED);
      self->thread_waits_for_room = TRUE;
      while (self->pending->len >= PENDING_MAX_MESSAGES && !self->stopping)
        g_cond_wait (&self->cond, &self->mutex);
      self->thread_waits_for_room = FALSE;
      g_atomic_int_set (&self->state, MPD_CONSUMER_STATE_READING);
    }

  stopping = self->stopping;
  if (!stopping)
    {
      if (self->pending->len == 0)
        {
          GArray *empty = self->pending;

          g_array_set_size (*batch, n_messages);
          self->pending = *batch;
          *batch = empty;
        }
      else
        {
          g_array_append_vals (self->pending, (*batch)->data, n_messages);
        }
      wake = mpd_consumer_schedule_dispatch_locked (self);
    }
  g_mutex_unlock (&self->mutex);

  if (wake)
    mpd_consumer_wake (self);

  g_array_set_size (*batch, BATCH_MAX_MESSAGES);

  return !stopping;
}

static void
mpd_consumer_post_finished (MpdConsumer *self,
                            GError      *error)
{
  gboolean wake;

  g_mutex_lock (&self->mutex);
  self->pending_finished = TRUE;
  self->pending_error = error;
  wake = mpd_consumer_schedule_dispatch_locked (self);
  g_mutex_unlock (&self->mutex);

  if (wake)
    mpd_consumer_wake (self);
}

static gpointer
mpd_consumer_thread (gpointer data)
{
  /* The consumer outlives this thread: stopping or disposing it joins the thread first. */
  MpdConsumer *self = data;
  g_autoptr(GArray) batch = mpd_consumer_new_batch ();
  guint n_batched = 0;
  guint n_since_wait = 0;
  guint n_half_pipe;
  guint nap_us = COALESCE_MAX_US;
  gboolean napped = FALSE;
  guint waiting, capacity;
  GError *error = NULL;
  GPollFD fds[2] = {
    { .fd = mpd_queue_get_read_fd (self->queue), .events = G_IO_IN },
  };

  g_cancellable_make_pollfd (self->cancellable, &fds[1]);
  g_array_set_size (batch, BATCH_MAX_MESSAGES);
  /* How many of the smallest messages fill half the pipe (32 KiB: 762 of 43 bytes). */
  if (!mpd_queue_get_fill (self->queue, &waiting, &capacity))
    capacity = 65536;
  n_half_pipe = MAX (capacity / 2 / MPD_MESSAGE_FRAME_SIZE, COALESCE_MIN_MESSAGES);

  g_atomic_int_set (&self->state, MPD_CONSUMER_STATE_READING);
  g_mutex_lock (&self->mutex);
  self->thread_id = (int) syscall (SYS_gettid);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  for (;;)
    {
      MpdMessage *free_room = &g_array_index (batch, MpdMessage, n_batched);
      gsize n_taken = 0;

      /* Every whole message read, decoded straight into the batch. */
      switch (mpd_queue_get_many (self->queue, free_room, BATCH_MAX_MESSAGES - n_batched,
                                  &n_taken, &error))
        {
        case MPD_QUEUE_STATUS_MESSAGE:
          n_since_wait += n_taken;
          n_batched += n_taken;
          if (n_batched == BATCH_MAX_MESSAGES)
            {
              if (!mpd_consumer_post (self, &batch, n_batched))
                goto cancelled;
              n_batched = 0;
            }
          break;

        case MPD_QUEUE_STATUS_EMPTY:
          if (n_batched > 0 && !mpd_consumer_post (self, &batch, n_batched))
            goto cancelled;
          n_batched = 0;

          /* What came during the last nap says how long the next one may be. */
          if (napped && n_since_wait > n_half_pipe)
            nap_us = nap_us / 2 < COALESCE_MIN_US ? 0 : nap_us / 2;
          else if (napped && n_since_wait < n_half_pipe / 2)
            nap_us = CLAMP (nap_us * 2, COALESCE_MIN_US, COALESCE_MAX_US);

          if (n_since_wait >= COALESCE_MIN_MESSAGES && nap_us > 0)
            {
              n_since_wait = 0;
              napped = TRUE;
              g_usleep (nap_us);
              if (g_cancellable_is_cancelled (self->cancellable))
                goto cancelled;
              break;
            }
          /* A wake-up that found few messages, after no nap, lets naps come back. */
          if (!napped && nap_us == 0 && n_since_wait < n_half_pipe / 2)
            nap_us = COALESCE_MIN_US;
          n_since_wait = 0;
          napped = FALSE;

          /* Sleep until the pipe has data, or until we are told to stop. No timeout:
           * a thread that wakes up only to check costs power for nothing. */
          g_atomic_int_set (&self->state, MPD_CONSUMER_STATE_WAITING);
          if (g_poll (fds, G_N_ELEMENTS (fds), -1) < 0 && errno != EINTR)
            {
              int saved_errno = errno;

              error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("Could not wait for the pipe: %s"),
                                   g_strerror (saved_errno));
              goto finished;
            }

          g_atomic_int_set (&self->state, MPD_CONSUMER_STATE_READING);
          if (g_cancellable_is_cancelled (self->cancellable))
            goto cancelled;
          break;

        case MPD_QUEUE_STATUS_CLOSED:
        case MPD_QUEUE_STATUS_ERROR:
        default:
          goto finished;
        }
    }

finished:
  /* Deliver every message read before the end, then say how the stream ended. */
  if (n_batched > 0 && !mpd_consumer_post (self, &batch, n_batched))
    {
      g_clear_error (&error);
      goto cancelled;
    }
  mpd_consumer_post_finished (self, g_steal_pointer (&error));

cancelled:
  g_cancellable_release_fd (self->cancellable);
  g_atomic_int_set (&self->state, MPD_CONSUMER_STATE_STOPPED);

  return NULL;
}

static void
mpd_consumer_remove_wake_source (MpdConsumer *self)
{
  if (self->wake_source != NULL)
    {
      g_source_destroy (self->wake_source);
      g_clear_pointer (&self->wake_source, g_source_unref);
    }
}

/**
 * mpd_consumer_start:
 * @self: a consumer that has not been started yet
 * @error: where to put the reason when no thread can be started
 *
 * Starts the thread. From then on, #MpdConsumer::messages-received is emitted in the
 * main context that was the thread default when @self was made, and
 * #MpdConsumer::finished once, when the stream ends.
 *
 * Returns: %TRUE when the thread runs
 */
gboolean
mpd_consumer_start (MpdConsumer  *self,
                    GError      **error)
{
  g_return_val_if_fail (MPD_IS_CONSUMER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (self->cancellable == NULL, FALSE);

  if (!g_unix_open_pipe (self->wake_fds, FD_CLOEXEC, error) ||
      !g_unix_set_fd_nonblocking (self->wake_fds[0], TRUE, error) ||
      !g_unix_set_fd_nonblocking (self->wake_fds[1], TRUE, error))
    return FALSE;
  self->wake_source = g_unix_fd_source_new (self->wake_fds[0], G_IO_IN);
  g_source_set_priority (self->wake_source, FIRST_PRIORITY);
  g_source_set_can_recurse (self->wake_source, TRUE);
  g_source_set_callback (self->wake_source, G_SOURCE_FUNC (mpd_consumer_dispatch_cb), self, NULL);
  g_source_set_static_name (self->wake_source, "[mpd-consumer] dispatch");
  g_source_attach (self->wake_source, self->context);

  self->cancellable = g_cancellable_new ();
  self->thread = g_thread_try_new ("mpd-consumer", mpd_consumer_thread, self, error);
  if (self->thread == NULL)
    {
      mpd_consumer_remove_wake_source (self);
      return FALSE;
    }

  /* Wait until the thread has said who it is, so that its id can be shown right away. */
  g_mutex_lock (&self->mutex);
  while (self->thread_id == 0)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREAD_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return TRUE;
}

/**
 * mpd_consumer_stop:
 * @self: a consumer
 *
 * Stops the thread and waits for it to end. Messages it had not delivered yet are dropped,
 * and #MpdConsumer::finished is not emitted. Does nothing when the thread is not running.
 */
void
mpd_consumer_stop (MpdConsumer *self)
{
  g_return_if_fail (MPD_IS_CONSUMER (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_cancellable_cancel (self->cancellable);
  g_thread_join (g_steal_pointer (&self->thread));

  mpd_consumer_remove_wake_source (self);

  g_mutex_lock (&self->mutex);
  g_array_set_size (self->pending, 0);
  g_clear_error (&self->pending_error);
  g_mutex_unlock (&self->mutex);

  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

static void
mpd_consumer_dispose (GObject *object)
{
  MpdConsumer *self = (MpdConsumer *)object;

  mpd_consumer_stop (self);
  mpd_consumer_remove_wake_source (self);

  G_OBJECT_CLASS (mpd_consumer_parent_class)->dispose (object);
}

static void
mpd_consumer_finalize (GObject *object)
{
  MpdConsumer *self = (MpdConsumer *)object;

  g_clear_object (&self->queue);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->delivering, g_array_unref);
  g_clear_error (&self->pending_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  for (guint i = 0; i < G_N_ELEMENTS (self->wake_fds); i++)
    if (self->wake_fds[i] >= 0)
      close (self->wake_fds[i]);

  G_OBJECT_CLASS (mpd_consumer_parent_class)->finalize (object);
}

static void
mpd_consumer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpdConsumer *self = MPD_CONSUMER (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      g_value_set_object (value, self->queue);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_N_MESSAGES:
      g_value_set_uint64 (value, self->n_messages);
      break;

    case PROP_THREAD_ID:
      g_value_set_int (value, mpd_consumer_get_thread_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_consumer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpdConsumer *self = MPD_CONSUMER (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      self->queue = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_consumer_class_init (MpdConsumerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mpd_consumer_dispose;
  object_class->finalize = mpd_consumer_finalize;
  object_class->get_property = mpd_consumer_get_property;
  object_class->set_property = mpd_consumer_set_property;

  properties[PROP_QUEUE] =
    g_param_spec_object ("queue", NULL, NULL,
                         MPD_TYPE_QUEUE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_MESSAGES] =
    g_param_spec_uint64 ("n-messages", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_THREAD_ID] =
    g_param_spec_int ("thread-id", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MpdConsumer::messages-received:
   * @self: the consumer
   * @messages: (element-type MpdMessage): the messages, oldest first
   *
   * Emitted in the main loop with every message the thread has taken from the queue
   * since the last emission.
   */
  signals[MESSAGES_RECEIVED] =
    g_signal_new ("messages-received",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * MpdConsumer::finished:
   * @self: the consumer
   * @error: (nullable): why the stream ended badly, or %NULL when every writer simply
   *   closed the pipe
   *
   * Emitted in the main loop once, after the last message, when the thread has ended.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mpd_consumer_init (MpdConsumer *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->pending = mpd_consumer_new_batch ();
  self->delivering = mpd_consumer_new_batch ();
  self->context = g_main_context_ref_thread_default ();
  self->wake_fds[0] = self->wake_fds[1] = -1;
}

/**
 * mpd_consumer_new:
 * @queue: the queue to read, with a read end
 *
 * Returns: (transfer full): a new consumer, not started yet
 */
MpdConsumer *
mpd_consumer_new (MpdQueue *queue)
{
  g_return_val_if_fail (MPD_IS_QUEUE (queue), NULL);
  g_return_val_if_fail (mpd_queue_get_read_fd (queue) >= 0, NULL);

  return g_object_new (MPD_TYPE_CONSUMER, "queue", queue, NULL);
}

gboolean
mpd_consumer_get_running (MpdConsumer *self)
{
  g_return_val_if_fail (MPD_IS_CONSUMER (self), FALSE);

  return self->running;
}

/**
 * mpd_consumer_get_n_messages:
 * @self: a consumer
 *
 * Returns: how many messages were delivered to the main loop so far
 */
guint64
mpd_consumer_get_n_messages (MpdConsumer *self)
{
  g_return_val_if_fail (MPD_IS_CONSUMER (self), 0);

  return self->n_messages;
}

/**
 * mpd_consumer_get_thread_id:
 * @self: a consumer
 *
 * Returns: the kernel's id of the thread (as `ps -T` shows it), or 0 before it started
 */
int
mpd_consumer_get_thread_id (MpdConsumer *self)
{
  int thread_id;

  g_return_val_if_fail (MPD_IS_CONSUMER (self), 0);

  g_mutex_lock (&self->mutex);
  thread_id = self->thread_id;
  g_mutex_unlock (&self->mutex);

  return thread_id;
}

MpdQueue *
mpd_consumer_get_queue (MpdConsumer *self)
{
  g_return_val_if_fail (MPD_IS_CONSUMER (self), NULL);

  return self->queue;
}

/**
 * mpd_consumer_get_state:
 * @self: a consumer
 *
 * Says what the thread is doing now. It may be doing something else by the time the caller
 * looks at the answer: this is for showing, not for deciding.
 *
 * Returns: the thread's state
 */
MpdConsumerState
mpd_consumer_get_state (MpdConsumer *self)
{
  g_return_val_if_fail (MPD_IS_CONSUMER (self), MPD_CONSUMER_STATE_STOPPED);

  if (self->thread == NULL)
    return MPD_CONSUMER_STATE_STOPPED;

  return (MpdConsumerState) g_atomic_int_get (&self->state);
}
