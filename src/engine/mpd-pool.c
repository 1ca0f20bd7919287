/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pool.c: a pool of worker processes, as Python's multiprocessing.Pool, in C.
 *
 * A pool starts its N workers once, with fork(), and gives them task after task: starting a
 * process costs far more than sending it a few bytes. Each worker is a copy of the program
 * that runs one function (MpdPoolFunc) on each argument it receives. Values travel as
 * GVariants, the C cousin of Python's pickles.
 *
 * How the parts talk: each worker has a socket pair of its own with the parent
 * (SOCK_SEQPACKET: the kernel keeps each message whole, so no length needs to be sent). The
 * parent sends a worker a chunk of tasks when it is idle, and the worker sends back one
 * result per task. One thread of the parent, the pool's handler (as Python's Pool has its
 * handler threads), watches every worker's socket in a GMainContext of its own: it hands out
 * chunks, files results into the result objects that apply_async() and map_async() returned,
 * and notices a worker's death when its socket reaches its end.
 *
 * Beyond Python: Python's workers all read one shared queue, so when a worker dies in the
 * middle of a task, nobody knows which task it held, and map() waits forever. Here the
 * parent chose the worker, so it knows: the result fails at once and says which task was
 * lost on which worker, and how the worker died. The task is not run again: it may have done
 * half of what it does (written half a file), and only the program knows whether running it
 * twice is safe. The pool goes on with the workers it has left.
 */

#define G_LOG_DOMAIN "mpd-pool"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <stdio.h>
#include <glib-unix.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mpd-events.h"
#include "mpd-pool.h"
#include "mpd-producer.h"

/* The largest chunk or result one message may carry: well under a socket's send buffer. */
#define MAX_MESSAGE_SIZE (128 * 1024)

struct _MpdPoolResult
{
  guint            ref_count;   /* under @lock: the caller's and the pool's chunks' */
  GMutex           lock;
  GCond            cond;
  guint            n_tasks;
  guint            n_done;
  gboolean         single;   /* apply: get() gives the value, not an array of them */
  gboolean         ready;
  GVariant       **values;   /* [n_tasks] */
  GError          *error;
};

typedef struct
{
  MpdPoolResult *result;
  guint          function;    /* its index in the pool's functions */
  guint          first;       /* the result's index of its first task */
  GPtrArray     *arguments;   /* GVariant */
  guint          n_answered;
} Chunk;

typedef struct
{
  MpdPool *pool;
  int      pid;
  int      fd;                /* the parent's end of the worker's socket pair, or -1 */
  GSource *source;
  Chunk   *chunk;             /* the chunk the worker has, or NULL when it is idle */
} Worker;

struct _MpdPool
{
  GMutex        lock;         /* everything below; a result's lock is taken after this one */
  GCond         cond;         /* a worker became idle, or ended */
  const MpdPoolFunction *functions;  /* the caller's, ending with { NULL } */
  guint         n_functions;
  gpointer      user_data;
  Worker       *workers;
  guint         n_workers;
  guint         n_alive;
  GQueue        pending;      /* Chunk, in the order they were given */
  gboolean      closed;
  gboolean      terminating;
  gboolean      joined;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
};

G_DEFINE_QUARK (mpd-pool-error-quark, mpd_pool_error)

static MpdPoolResult *
mpd_pool_result_new (guint    n_tasks,
                     gboolean single)
{
  MpdPoolResult *self = g_new0 (MpdPoolResult, 1);

  self->ref_count = 1;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->n_tasks = n_tasks;
  self->single = single;
  self->values = g_new0 (GVariant *, MAX (n_tasks, 1));
  self->ready = n_tasks == 0;
  return self;
}

MpdPoolResult *
mpd_pool_result_ref (MpdPoolResult *self)
{
  g_mutex_lock (&self->lock);
  self->ref_count++;
  g_mutex_unlock (&self->lock);
  return self;
}

void
mpd_pool_result_unref (MpdPoolResult *self)
{
  gboolean last;

  /* The count is under the lock, not atomic: the lock also orders what the owner of the last
   * reference frees after every other thread's last look at the values, as ThreadSanitizer
   * sees it (it cannot see GLib's atomics). */
  g_mutex_lock (&self->lock);
  last = --self->ref_count == 0;
  g_mutex_unlock (&self->lock);
  if (!last)
    return;
  for (guint i = 0; i < self->n_tasks; i++)
    g_clear_pointer (&self->values[i], g_variant_unref);
  g_free (self->values);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* Files the value of task @index; takes @value, a reference of the caller's (not floating). */
static void
mpd_pool_result_set_value (MpdPoolResult *self,
                           guint          index,
                           GVariant      *value)
{
  g_mutex_lock (&self->lock);
  if (!self->ready && index < self->n_tasks && self->values[index] == NULL)
    {
      self->values[index] = value;
      value = NULL;
      if (++self->n_done == self->n_tasks)
        {
          self->ready = TRUE;
          g_cond_broadcast (&self->cond);
        }
    }
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&value, g_variant_unref);
}

/* The result fails, unless it is ready already; takes @error. */
static void
mpd_pool_result_fail (MpdPoolResult *self,
                      GError        *error)
{
  g_mutex_lock (&self->lock);
  if (!self->ready)
    {
      self->error = g_steal_pointer (&error);
      self->ready = TRUE;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  g_clear_error (&error);
}

/**
 * mpd_pool_result_ready:
 *
 * Returns: %TRUE when the result is there (or its error), as Python's `ready()`
 */
gboolean
mpd_pool_result_ready (MpdPoolResult *self)
{
  gboolean ready;

  g_mutex_lock (&self->lock);
  ready = self->ready;
  g_mutex_unlock (&self->lock);
  return ready;
}

/**
 * mpd_pool_result_wait:
 * @timeout_s: how long to wait at most, in seconds; negative: as long as it takes
 *
 * Waits for the result, as Python's `wait(timeout)`.
 *
 * Returns: %TRUE when it is ready
 */
gboolean
mpd_pool_result_wait (MpdPoolResult *self,
                      double         timeout_s)
{
  gint64 end_time = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);
  gboolean ready;

  g_mutex_lock (&self->lock);
  while (!self->ready)
    {
      if (timeout_s < 0)
        g_cond_wait (&self->cond, &self->lock);
      else if (!g_cond_wait_until (&self->cond, &self->lock, end_time))
        break;
    }
  ready = self->ready;
  g_mutex_unlock (&self->lock);
  return ready;
}

/**
 * mpd_pool_result_get:
 * @timeout_s: how long to wait at most, in seconds; negative: as long as it takes
 * @error: %MPD_POOL_ERROR_TIMEOUT when it is not ready in time (as Python's TimeoutError),
 *   or the error of the task
 *
 * Returns: (transfer full): apply's value, or map's values as an array ("av") in the order of
 *   their arguments; %NULL and @error when there is none
 */
GVariant *
mpd_pool_result_get (MpdPoolResult  *self,
                     double          timeout_s,
                     GError        **error)
{
  GVariant *value = NULL;

  if (!mpd_pool_result_wait (self, timeout_s))
    {
      g_set_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_TIMEOUT,
                   _("No result after %.1f s: the task is still running."), timeout_s);
      return NULL;
    }

  g_mutex_lock (&self->lock);
  if (self->error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
  else if (self->single)
    value = g_variant_ref (self->values[0]);
  else
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
      for (guint i = 0; i < self->n_tasks; i++)
        g_variant_builder_add (&builder, "v", self->values[i]);
      value = g_variant_ref_sink (g_variant_builder_end (&builder));
    }
  g_mutex_unlock (&self->lock);
  return value;
}

static void
chunk_free (Chunk *chunk)
{
  mpd_pool_result_unref (chunk->result);
  g_ptr_array_unref (chunk->arguments);
  g_free (chunk);
}

/* "func(3)": how a task is shown, in events and in errors. */
static char *
mpd_pool_dup_task_label (const char *func_name,
                         GVariant   *argument)
{
  g_autofree char *printed = g_variant_print (argument, FALSE);

  return g_strdup_printf ("%s(%s)", func_name, printed);
}

/* One whole message from a SOCK_SEQPACKET socket, or NULL at its end (or on an error). */
static GBytes *
receive_message (int fd)
{
  g_autofree guint8 *data = NULL;
  ssize_t size, received;

  do
    size = recv (fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
  while (size < 0 && errno == EINTR);
  if (size <= 0)
    return NULL;
  data = g_malloc (size);
  do
    received = recv (fd, data, size, 0);
  while (received < 0 && errno == EINTR);
  if (received != size)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

static gboolean
send_message (int        fd,
              GVariant  *message,
              GError   **error)
{
  gsize size = g_variant_get_size (message);
  ssize_t sent;

  if (size > MAX_MESSAGE_SIZE)
    {
      g_set_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_TASK_FAILED,
                   _("%zu bytes are too many to send to a worker or back: at most %d."),
                   size, MAX_MESSAGE_SIZE);
      return FALSE;
    }
  do
    sent = send (fd, g_variant_get_data (message), size, MSG_NOSIGNAL);
  while (sent < 0 && errno == EINTR);
  if (sent < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* The life of a worker process: a chunk in, a result out for each of its tasks, until the
 * parent closes its end. */
G_GNUC_NORETURN static void
worker_main (MpdPool *self,
             guint    index,
             int      fd,
             int      parent)
{
  g_autofree char *name = g_strdup_printf ("pool worker %u", index + 1);

  /* If the program dies, its workers end too, as Python's do when their pool is collected. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    _exit (0);
  prctl (PR_SET_NAME, name, 0, 0, 0);

  for (;;)
    {
      g_autoptr(GBytes) bytes = receive_message (fd);
      g_autoptr(GVariant) chunk = NULL;
      g_autoptr(GVariant) arguments = NULL;
      const MpdPoolFunction *function;
      guint32 which, first;

      if (bytes == NULL)
        _exit (0);   /* the pool is closed: nothing more will come */
      chunk = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(uuav)"), bytes,
                                                             FALSE));
      g_variant_get (chunk, "(uu@av)", &which, &first, &arguments);
      function = &self->functions[MIN (which, self->n_functions - 1)];
      for (gsize k = 0; k < g_variant_n_children (arguments); k++)
        {
          g_autoptr(GVariant) boxed = g_variant_get_child_value (arguments, k);
          g_autoptr(GVariant) argument = g_variant_get_variant (boxed);
          g_autoptr(GVariant) value = NULL;
          g_autoptr(GVariant) reply = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *label = mpd_pool_dup_task_label (function->name, argument);
          guint task = first + k;

          mpd_events_emit (MPD_EVENT_TASK_STARTED, 0, task, 0, label);
          value = function->func (argument, self->user_data, &error);
          mpd_events_emit (MPD_EVENT_TASK_ENDED, 0, task, 0, label);
          if (value != NULL)
            reply = g_variant_new ("(ubvs)", task, TRUE, g_variant_ref_sink (value), "");
          else
            reply = g_variant_new ("(ubvs)", task, FALSE, g_variant_new ("()"),
                                   error != NULL ? error->message : _("it failed, and said not why"));
          g_variant_ref_sink (reply);
          if (!send_message (fd, reply, &error))
            {
              /* Too large a value: the parent still hears of it, as the task's error. */
              g_autoptr(GVariant) failure = NULL;

              failure = g_variant_ref_sink (g_variant_new ("(ubvs)", task, FALSE,
                                                           g_variant_new ("()"), error->message));
              if (!send_message (fd, failure, NULL))
                _exit (1);
            }
        }
    }
}

/* Gives each idle worker the next chunk. In the handler thread, under the pool's lock. */
static void
mpd_pool_dispatch_locked (MpdPool *self)
{
  for (guint i = 0; i < self->n_workers; i++)
    {
      Worker *worker = &self->workers[i];

      while (worker->fd >= 0 && worker->chunk == NULL && !g_queue_is_empty (&self->pending))
        {
          Chunk *chunk = g_queue_pop_head (&self->pending);
          g_autoptr(GVariant) message = NULL;
          g_autoptr(GError) error = NULL;
          GVariantBuilder arguments;

          if (mpd_pool_result_ready (chunk->result))
            {
              chunk_free (chunk);  /* its result failed already: nobody waits for it */
              continue;
            }
          g_variant_builder_init (&arguments, G_VARIANT_TYPE ("av"));
          for (guint k = 0; k < chunk->arguments->len; k++)
            g_variant_builder_add (&arguments, "v", g_ptr_array_index (chunk->arguments, k));
          message = g_variant_ref_sink (g_variant_new ("(uuav)", chunk->function, chunk->first,
                                                       &arguments));
          if (!send_message (worker->fd, message, &error))
            {
              if (g_error_matches (error, MPD_POOL_ERROR, MPD_POOL_ERROR_TASK_FAILED))
                mpd_pool_result_fail (chunk->result, g_steal_pointer (&error));
              else  /* the worker is ending: its socket's end will say so */
                g_queue_push_head (&self->pending, chunk), chunk = NULL;
              g_clear_pointer (&chunk, chunk_free);
              break;
            }
          worker->chunk = chunk;
        }
    }
}

static gboolean
mpd_pool_dispatch_cb (gpointer data)
{
  MpdPool *self = data;

  g_mutex_lock (&self->lock);
  mpd_pool_dispatch_locked (self);
  g_mutex_unlock (&self->lock);
  return G_SOURCE_REMOVE;
}

/* Every chunk still waiting fails with @error (which is freed). Under the pool's lock. */
static void
mpd_pool_fail_pending_locked (MpdPool *self,
                              GError  *error)
{
  Chunk *chunk;

  while ((chunk = g_queue_pop_head (&self->pending)) != NULL)
    {
      mpd_pool_result_fail (chunk->result, g_error_copy (error));
      chunk_free (chunk);
    }
  g_error_free (error);
}

/* The worker's socket is at its end: the worker has ended. Reap it, and say what it lost. */
static void
mpd_pool_worker_ended_locked (MpdPool *self,
                              Worker  *worker)
{
  g_autofree char *how = NULL;
  int status = 0;
  pid_t reaped;

  g_clear_pointer (&worker->source, g_source_destroy);
  close (worker->fd);
  worker->fd = -1;
  do
    reaped = waitpid (worker->pid, &status, 0);
  while (reaped < 0 && errno == EINTR);
  how = reaped == worker->pid ? mpd_producer_describe_exit (status) : g_strdup (_("gone"));
  self->n_alive--;

  if (worker->chunk != NULL)
    {
      Chunk *chunk = g_steal_pointer (&worker->chunk);
      guint task = chunk->first + chunk->n_answered;
      GVariant *argument = g_ptr_array_index (chunk->arguments,
                                              MIN (chunk->n_answered, chunk->arguments->len - 1));
      g_autofree char *label = mpd_pool_dup_task_label (self->functions[chunk->function].name, argument);

      mpd_events_emit (MPD_EVENT_TASK_LOST, worker->pid, task, 0, label);
      if (self->terminating)
        mpd_pool_result_fail (chunk->result,
                              g_error_new (MPD_POOL_ERROR, MPD_POOL_ERROR_WORKER_LOST,
                                           _("Task %u, %s, did not end: the pool was "
                                             "terminated."), task, label));
      else
        mpd_pool_result_fail (chunk->result,
                              g_error_new (MPD_POOL_ERROR, MPD_POOL_ERROR_WORKER_LOST,
                                           _("Task %u, %s, was lost: its worker, pid %d, was "
                                             "%s in the middle of it. It was not run again."),
                                           task, label, worker->pid, how));
      chunk_free (chunk);
    }

  if (self->n_alive == 0)
    mpd_pool_fail_pending_locked (self, g_error_new_literal (MPD_POOL_ERROR,
                                                             MPD_POOL_ERROR_WORKER_LOST,
                                                             _("Every worker of the pool has "
                                                               "ended: no task can run.")));
  g_cond_broadcast (&self->cond);
}

/* A worker said something (a result), or its socket is at its end. In the handler thread. */
static gboolean
mpd_pool_worker_cb (int          fd,
                    GIOCondition condition,
                    gpointer     data)
{
  Worker *worker = data;
  MpdPool *self = worker->pool;
  g_autoptr(GBytes) bytes = receive_message (fd);

  g_mutex_lock (&self->lock);
  if (bytes == NULL)
    {
      mpd_pool_worker_ended_locked (self, worker);
      mpd_pool_dispatch_locked (self);
      g_mutex_unlock (&self->lock);
      return G_SOURCE_REMOVE;
    }

  if (worker->chunk != NULL)
    {
      Chunk *chunk = worker->chunk;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GVariant) value = NULL;
      const char *message;
      guint32 task;
      gboolean ok;

      reply = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(ubvs)"), bytes,
                                                             FALSE));
      g_variant_get (reply, "(ubv&s)", &task, &ok, &value, &message);
      if (ok)
        mpd_pool_result_set_value (chunk->result, task, g_steal_pointer (&value));
      else
        {
          GVariant *argument = g_ptr_array_index (chunk->arguments, chunk->n_answered);
          g_autofree char *label = mpd_pool_dup_task_label (self->functions[chunk->function].name, argument);

          mpd_pool_result_fail (chunk->result,
                                g_error_new (MPD_POOL_ERROR, MPD_POOL_ERROR_TASK_FAILED,
                                             _("Task %u, %s, failed: %s"), task, label,
                                             message));
        }
      if (++chunk->n_answered == chunk->arguments->len)
        {
          g_clear_pointer (&worker->chunk, chunk_free);
          g_cond_broadcast (&self->cond);
          mpd_pool_dispatch_locked (self);
        }
    }
  g_mutex_unlock (&self->lock);
  return G_SOURCE_CONTINUE;
}

static gpointer
mpd_pool_handler_thread (gpointer data)
{
  MpdPool *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * mpd_pool_new:
 * @n_workers: how many worker processes; 0 for one per core, as Python's `Pool()`
 * @functions: what the workers can run, by name, ending with { NULL }; kept, not copied
 * @user_data: given to each function, in the worker's copy of the program
 * @error: why the workers could not start
 *
 * Starts the workers, with fork(): each is a copy of this program as it is now. Only the
 * thread that forks is copied: make a pool before starting threads of your own (a lock that
 * another thread held at that moment would stay locked in the worker for ever), as Python's
 * documentation says of its "fork" start method.
 *
 * Returns: (transfer full): the pool; mpd_pool_free() it
 */
MpdPool *
mpd_pool_new (guint                  n_workers,
              const MpdPoolFunction *functions,
              gpointer               user_data,
              GError               **error)
{
  MpdPool *self;
  int parent = getpid ();

  g_return_val_if_fail (functions != NULL && functions[0].name != NULL, NULL);

  if (n_workers == 0)
    n_workers = MAX (g_get_num_processors (), 1);

  self = g_new0 (MpdPool, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->pending);
  self->functions = functions;
  while (functions[self->n_functions].name != NULL)
    self->n_functions++;
  self->user_data = user_data;
  self->workers = g_new0 (Worker, n_workers);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  /* Output that stdio holds would be written again by each worker when it exits. */
  fflush (NULL);
  for (guint i = 0; i < n_workers; i++)
    {
      Worker *worker = &self->workers[i];
      int fds[2] = { -1, -1 };
      pid_t pid;

      worker->pool = self;
      worker->fd = -1;
      if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) < 0 ||
          (pid = fork ()) < 0)
        {
          int saved_errno = errno;

          if (fds[0] >= 0)
            {
              close (fds[0]);
              close (fds[1]);
            }

          g_set_error (error, MPD_POOL_ERROR, MPD_POOL_ERROR_START,
                       _("Could not start worker %u of %u: %s"), i + 1, n_workers,
                       g_strerror (saved_errno));
          self->n_workers = i;
          self->closed = TRUE;
          mpd_pool_free (self);
          return NULL;
        }
      if (pid == 0)
        {
          /* The worker keeps its own end, and none of the other workers' sockets. */
          for (guint j = 0; j < i; j++)
            close (self->workers[j].fd);
          close (fds[0]);
          worker_main (self, i, fds[1], parent);
        }
      close (fds[1]);
      worker->pid = pid;
      worker->fd = fds[0];
      worker->source = g_unix_fd_source_new (worker->fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
      g_source_set_callback (worker->source, G_SOURCE_FUNC (mpd_pool_worker_cb), worker, NULL);
      g_source_attach (worker->source, self->context);
      g_source_unref (worker->source);  /* the context keeps it until it is destroyed */
      self->n_workers = i + 1;
      self->n_alive++;
    }

  self->thread = g_thread_new ("pool handler", mpd_pool_handler_thread, self);
  return self;
}

guint
mpd_pool_get_n_workers (MpdPool *self)
{
  return self->n_workers;
}

/**
 * mpd_pool_get_worker_pid:
 *
 * Returns: the pid of worker @index (counting from 0), even when it has ended
 */
int
mpd_pool_get_worker_pid (MpdPool *self,
                         guint    index)
{
  g_return_val_if_fail (index < self->n_workers, 0);
  return self->workers[index].pid;
}

/* Queues @arguments (GVariant) as chunks of @chunksize for @result. */
static MpdPoolResult *
mpd_pool_submit (MpdPool    *self,
                 const char *func_name,
                 GPtrArray  *arguments,
                 guint       chunksize,
                 gboolean    single)
{
  MpdPoolResult *result = mpd_pool_result_new (arguments->len, single);
  guint function;

  for (function = 0; function < self->n_functions; function++)
    if (g_str_equal (self->functions[function].name, func_name))
      break;
  if (function == self->n_functions)
    {
      mpd_pool_result_fail (result, g_error_new (MPD_POOL_ERROR, MPD_POOL_ERROR_TASK_FAILED,
                                                 _("The pool's workers know no function "
                                                   "called “%s”."), func_name));
      return result;
    }

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      mpd_pool_result_fail (result, g_error_new_literal (MPD_POOL_ERROR, MPD_POOL_ERROR_CLOSED,
                                                         _("The pool is closed: it takes no "
                                                           "more tasks.")));
      return result;
    }
  for (guint first = 0; first < arguments->len; first += chunksize)
    {
      Chunk *chunk = g_new0 (Chunk, 1);

      chunk->result = mpd_pool_result_ref (result);
      chunk->function = function;
      chunk->first = first;
      chunk->arguments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      for (guint k = first; k < MIN (first + chunksize, arguments->len); k++)
        g_ptr_array_add (chunk->arguments, g_variant_ref (g_ptr_array_index (arguments, k)));
      g_queue_push_tail (&self->pending, chunk);
    }
  if (self->n_alive == 0)
    mpd_pool_fail_pending_locked (self, g_error_new_literal (MPD_POOL_ERROR,
                                                             MPD_POOL_ERROR_WORKER_LOST,
                                                             _("Every worker of the pool has "
                                                               "ended: no task can run.")));
  g_mutex_unlock (&self->lock);
  g_main_context_invoke (self->context, mpd_pool_dispatch_cb, self);
  return result;
}

/**
 * mpd_pool_apply_async:
 * @func_name: the name of one of the pool's functions
 * @argument: the task's argument (a floating reference is taken)
 *
 * Gives one task to the pool and returns at once, as Python's `apply_async()`.
 *
 * Returns: (transfer full): the result, to be asked with mpd_pool_result_get()
 */
MpdPoolResult *
mpd_pool_apply_async (MpdPool    *self,
                      const char *func_name,
                      GVariant   *argument)
{
  g_autoptr(GPtrArray) arguments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  g_ptr_array_add (arguments, g_variant_ref_sink (argument));
  return mpd_pool_submit (self, func_name, arguments, 1, TRUE);
}

/**
 * mpd_pool_map_async:
 * @func_name: the name of one of the pool's functions
 * @arguments: an array of arguments (a floating reference is taken)
 * @chunksize: how many tasks each message to a worker carries; 0 to choose as Python does
 *   (about four chunks per worker)
 *
 * Gives the pool one task per argument and returns at once, as Python's `map_async()`.
 *
 * Returns: (transfer full): the result, whose value is the array ("av") of the values, in the
 *   order of @arguments
 */
MpdPoolResult *
mpd_pool_map_async (MpdPool    *self,
                    const char *func_name,
                    GVariant   *arguments,
                    guint       chunksize)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GVariant) owned = g_variant_ref_sink (arguments);

  g_return_val_if_fail (g_variant_is_of_type (arguments, G_VARIANT_TYPE_ARRAY), NULL);

  for (gsize i = 0; i < g_variant_n_children (owned); i++)
    g_ptr_array_add (list, g_variant_get_child_value (owned, i));
  if (chunksize == 0)
    {
      /* Python's: chunksize, extra = divmod(len(iterable), len(self._pool) * 4) */
      chunksize = list->len / (self->n_workers * 4);
      if (list->len % (self->n_workers * 4) != 0)
        chunksize++;
      chunksize = MAX (chunksize, 1);
    }
  return mpd_pool_submit (self, func_name, list, chunksize, FALSE);
}

/**
 * mpd_pool_apply:
 *
 * Runs one task in a worker and waits for its value, as Python's `apply()`.
 *
 * Returns: (transfer full): its value, or %NULL and @error
 */
GVariant *
mpd_pool_apply (MpdPool     *self,
                const char  *func_name,
                GVariant    *argument,
                GError     **error)
{
  g_autoptr(MpdPoolResult) result = mpd_pool_apply_async (self, func_name, argument);

  return mpd_pool_result_get (result, -1, error);
}

/**
 * mpd_pool_map:
 *
 * Runs one task per argument, spread over the workers, and waits for all their values, as
 * Python's `map()`.
 *
 * Returns: (transfer full): the values ("av"), in the order of @arguments, or %NULL and the
 *   first error
 */
GVariant *
mpd_pool_map (MpdPool     *self,
              const char  *func_name,
              GVariant    *arguments,
              guint        chunksize,
              GError     **error)
{
  g_autoptr(MpdPoolResult) result = mpd_pool_map_async (self, func_name, arguments, chunksize);

  return mpd_pool_result_get (result, -1, error);
}

/**
 * mpd_pool_close:
 *
 * The pool takes no more tasks; those it has will run. Then mpd_pool_join().
 */
void
mpd_pool_close (MpdPool *self)
{
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_mutex_unlock (&self->lock);
}

/**
 * mpd_pool_terminate:
 *
 * Ends the workers now (SIGTERM), as Python's `terminate()`: the tasks that have not ended
 * fail. Then mpd_pool_join().
 */
void
mpd_pool_terminate (MpdPool *self)
{
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  self->terminating = TRUE;
  mpd_pool_fail_pending_locked (self, g_error_new_literal (MPD_POOL_ERROR,
                                                           MPD_POOL_ERROR_CLOSED,
                                                           _("The pool was terminated before "
                                                             "this task ran.")));
  for (guint i = 0; i < self->n_workers; i++)
    if (self->workers[i].fd >= 0)
      kill (self->workers[i].pid, SIGTERM);
  g_mutex_unlock (&self->lock);
}

/**
 * mpd_pool_join:
 *
 * After mpd_pool_close() or mpd_pool_terminate(): waits for the tasks to end, then for every
 * worker to end, and reaps them, as Python's `join()`.
 */
void
mpd_pool_join (MpdPool *self)
{
  g_return_if_fail (self->closed);

  g_mutex_lock (&self->lock);
  if (self->joined)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  for (;;)
    {
      gboolean busy = !g_queue_is_empty (&self->pending);

      for (guint i = 0; i < self->n_workers; i++)
        busy |= self->workers[i].chunk != NULL;
      if (!busy || self->n_alive == 0)
        break;
      g_cond_wait (&self->cond, &self->lock);
    }
  /* Each worker reads the end of its socket, and exits. */
  for (guint i = 0; i < self->n_workers; i++)
    if (self->workers[i].fd >= 0)
      shutdown (self->workers[i].fd, SHUT_WR);
  while (self->n_alive > 0)
    g_cond_wait (&self->cond, &self->lock);
  self->joined = TRUE;
  g_mutex_unlock (&self->lock);

  g_main_loop_quit (self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
}

/**
 * mpd_pool_free:
 *
 * Terminates the pool unless it was joined, as leaving Python's `with Pool() as pool:` does,
 * and frees it. No worker is left.
 */
void
mpd_pool_free (MpdPool *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL && !self->joined)
    {
      mpd_pool_terminate (self);
      mpd_pool_join (self);
    }
  else if (self->thread == NULL)
    {
      /* mpd_pool_new() failed before the handler started: end the workers it had. */
      for (guint i = 0; i < self->n_workers; i++)
        if (self->workers[i].fd >= 0)
          {
            g_source_destroy (self->workers[i].source);
            close (self->workers[i].fd);
            kill (self->workers[i].pid, SIGTERM);
            waitpid (self->workers[i].pid, NULL, 0);
          }
    }
  g_queue_clear_full (&self->pending, (GDestroyNotify) chunk_free);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->workers);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
