/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-shared-queue.c: Python's multiprocessing.Queue and JoinableQueue, in C. */

/*
 * A queue that processes share: make it, fork(), and every process can put values in and get
 * them out, as with Python's multiprocessing.Queue. It is made of two things the kernel keeps
 * for all the processes at once, which is why it works after fork():
 *
 *  - A pipe carries the values. A value is any GVariant, serialized, and cut in frames that
 *    each fit one write() of at most PIPE_BUF bytes: a 20-byte header (the frame's length, the
 *    writer's pid, the value's number, the frame's index, the value's size), then the bytes.
 *  - A page of shared memory (mmap(MAP_SHARED) before fork()) holds three locks and the
 *    numbers that every process must see alike: how many values wait (qsize()), how many are
 *    not yet task_done(), and the conditions that put() and join() wait on.
 *
 * A writer holds the write lock from its value's first frame to its last, so a value's frames
 * lie together in the pipe; a reader holds the read lock while it reads one whole value, so
 * two readers never share one value's frames. The locks are "robust" mutexes: when a process
 * dies holding one, the next process that takes it is told so (EOWNERDEAD). That is how a
 * value cut short, because its writer was killed in the middle of it, is never taken for a
 * whole one: a reader waiting for the rest of a value takes the write lock, finds the writer
 * dead, and drops what it has. It counts the value as lost (mpd_shared_queue_get_n_lost()).
 *
 * Why not as CPython does? CPython's put() hands the value to a "feeder" thread of the process,
 * which writes it to the pipe later, and returns at once; maxsize is a semaphore. Here put()
 * writes the value itself, in the caller's thread: no thread is hidden in a process that fork()
 * copies, and a student sees where the time goes. The difference shows when the pipe is full
 * (it holds 64 KiB): Python's put() returns and its feeder thread waits; here put() waits in
 * write(). In both, a process whose value is still on its way to the pipe cannot finish, which
 * is the lesson queue-join-deadlock.
 *
 * qsize(), empty() and full() read a number that another process may change the moment after:
 * between processes they are only ever approximate.
 */

#define G_LOG_DOMAIN "mpd-shared-queue"

#include "config.h"

#define _GNU_SOURCE

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "mpd-events.h"
#include "mpd-message.h"
#include "mpd-shared-queue.h"

#define FRAME_MAX_DATA (MPD_FRAME_MAX_SIZE - MPD_VALUE_FRAME_HEADER_SIZE)

/* How often a reader that has half a value looks whether its writer is still alive. */
#define WRITER_CHECK_MS 100

G_DEFINE_QUARK (mpd-shared-queue-error-quark, mpd_shared_queue_error)

/* ---- Frames of values: shared with MpdConnection, and read by the fuzz test ---- */

typedef struct
{
  guint32     number;
  guint32     next_index;
  guint32     size;
  GByteArray *bytes;
} Partial;

struct _MpdValueReader
{
  GHashTable *partials;   /* the writer's pid -> Partial: the value it is in the middle of */
  guint       n_lost;     /* values dropped half-read since the last take_lost() */
};

static void
partial_free (gpointer data)
{
  Partial *partial = data;

  g_byte_array_unref (partial->bytes);
  g_free (partial);
}

/**
 * mpd_value_frames_count:
 * @value_size: a serialized value's size, in bytes
 *
 * Returns: in how many frames a value of @value_size bytes goes
 */
gsize
mpd_value_frames_count (gsize value_size)
{
  return MAX (1, (value_size + FRAME_MAX_DATA - 1) / FRAME_MAX_DATA);
}

MpdValueReader *
mpd_value_reader_new (void)
{
  MpdValueReader *self = g_new0 (MpdValueReader, 1);

  self->partials = g_hash_table_new_full (NULL, NULL, NULL, partial_free);
  return self;
}

void
mpd_value_reader_free (MpdValueReader *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->partials);
  g_free (self);
}

/* The bytes of a "v" GVariant, little-endian and in normal form, or NULL and @error. */
static GVariant *
value_from_bytes (const guint8  *data,
                  gsize          size,
                  GError       **error)
{
  GVariant *value = mpd_frame_dup_payload (data, size);

  if (value == NULL)
    g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_BAD_DATA,
                 ngettext ("A value of %zu byte is not a GVariant in normal form: a program "
                           "wrote into the pipe without the queue.",
                           "A value of %zu bytes is not a GVariant in normal form: a program "
                           "wrote into the pipe without the queue.", size), size);
  return value;
}

static gboolean
bad_frame (GError     **error,
           const char  *why)
{
  g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_BAD_DATA,
               /* Translators: %s says what is wrong with the frame. */
               _("A frame in the pipe is not part of a value: %s."), why);
  return FALSE;
}

/**
 * mpd_value_reader_push:
 * @self: a reader
 * @frame: one whole frame, from its 4-byte length on
 * @frame_len: its size
 * @value: (out) (transfer full) (nullable): the value it completes, or %NULL
 * @error: why the frame is not part of a value
 *
 * Takes one frame. A value's frames are put together by writer, so values from several
 * writers may come in turns. A frame that does not follow its writer's last one drops that
 * writer's half value (mpd_value_reader_take_lost() counts it): a value is whole, or lost.
 *
 * Returns: %TRUE when the frame was taken (@value set when it was a value's last); %FALSE
 *   with @error when the frame is not part of a value
 */
gboolean
mpd_value_reader_push (MpdValueReader  *self,
                       const guint8    *frame,
                       gsize            frame_len,
                       GVariant       **value,
                       GError         **error)
{
  guint32 header[5];
  guint32 pid, number, index, size;
  gsize data_len;
  const guint8 *data = frame + MPD_VALUE_FRAME_HEADER_SIZE;
  Partial *partial;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (value != NULL && *value == NULL, FALSE);

  if (frame_len < MPD_VALUE_FRAME_HEADER_SIZE || frame_len > MPD_FRAME_MAX_SIZE)
    return bad_frame (error, _("its size is wrong"));
  memcpy (header, frame, sizeof header);
  pid = GUINT32_FROM_LE (header[1]);
  number = GUINT32_FROM_LE (header[2]);
  index = GUINT32_FROM_LE (header[3]);
  size = GUINT32_FROM_LE (header[4]);
  data_len = frame_len - MPD_VALUE_FRAME_HEADER_SIZE;
  if (GUINT32_FROM_LE (header[0]) != frame_len - 4)
    return bad_frame (error, _("its length is not the size it has"));
  if (size == 0 || size > MPD_SHARED_QUEUE_MAX_VALUE)
    return bad_frame (error, _("the size of its value is out of bounds"));
  if (data_len == 0 || data_len > size)
    return bad_frame (error, _("it holds more than its value"));

  partial = g_hash_table_lookup (self->partials, GUINT_TO_POINTER (pid));
  if (partial != NULL && (index == 0 || partial->number != number ||
                          partial->next_index != index || partial->size != size))
    {
      /* The writer began again: what came of its value before is not a whole value. */
      g_hash_table_remove (self->partials, GUINT_TO_POINTER (pid));
      partial = NULL;
      self->n_lost++;
    }

  if (index == 0 && data_len == size)
    {
      *value = value_from_bytes (data, size, error);
      return *value != NULL;
    }
  if (partial == NULL && index != 0)
    return TRUE;   /* the rest of a value whose start this reader never had: dropped */
  if (partial == NULL)
    {
      partial = g_new0 (Partial, 1);
      partial->number = number;
      partial->size = size;
      partial->bytes = g_byte_array_sized_new (size);
      g_hash_table_insert (self->partials, GUINT_TO_POINTER (pid), partial);
    }
  if (partial->bytes->len + data_len > size)
    {
      g_hash_table_remove (self->partials, GUINT_TO_POINTER (pid));
      self->n_lost++;
      return bad_frame (error, _("its value has more bytes than it said"));
    }
  g_byte_array_append (partial->bytes, data, data_len);
  partial->next_index++;
  if (partial->bytes->len == size)
    {
      *value = value_from_bytes (partial->bytes->data, size, error);
      g_hash_table_remove (self->partials, GUINT_TO_POINTER (pid));
      return *value != NULL;
    }
  return TRUE;
}

/* Returns: whether some writer's value is half read */
gboolean
mpd_value_reader_is_partial (MpdValueReader *self)
{
  return g_hash_table_size (self->partials) > 0;
}

/* Drops every half value. Returns: how many it dropped */
guint
mpd_value_reader_drop (MpdValueReader *self)
{
  guint n = g_hash_table_size (self->partials);

  g_hash_table_remove_all (self->partials);
  return n;
}

/* Returns: how many half values push() dropped since the last call, and starts again at 0 */
guint
mpd_value_reader_take_lost (MpdValueReader *self)
{
  guint n = self->n_lost;

  self->n_lost = 0;
  return n;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_FAILED,
               /* Translators: "write() failed: Broken pipe". */
               _("%s failed: %s"), what, g_strerror (saved_errno));
  return FALSE;
}

/* Whether @size more bytes fit into the pipe @fd at once; TRUE when it cannot tell (a
 * socket). The pipe may have other writers: it is only a guess, for the page. */
static gboolean
pipe_has_room (int   fd,
               gsize size)
{
  int capacity = fcntl (fd, F_GETPIPE_SZ);
  int waiting = 0;

  if (capacity < 0 || ioctl (fd, FIONREAD, &waiting) < 0)
    return TRUE;
  return (gsize) (capacity - waiting) >= size;
}

/**
 * mpd_value_write:
 * @fd: a pipe's write end, or a socket
 * @value: the value
 * @number: a number for it, that its frames carry
 * @wait_label: (nullable): the call to tell MpDemo's page it waits in ("q.put()") when the
 *   pipe is full, or %NULL
 * @error: why it was not written
 *
 * Writes @value in frames, each with one write() of at most PIPE_BUF bytes. Waits while the
 * pipe is full. The caller makes sure no other writer's frames come between (a lock), or
 * that the reader puts them together by writer (MpdValueReader does).
 */
gboolean
mpd_value_write (int          fd,
                 GVariant    *value,
                 guint32      number,
                 const char  *wait_label,
                 GError     **error)
{
  g_autoptr(GVariant) boxed = g_variant_ref_sink (g_variant_new_variant (value));
  g_autoptr(GVariant) normal = g_variant_get_normal_form (boxed);
  g_autoptr(GVariant) little = NULL;
  guint8 frame[MPD_FRAME_MAX_SIZE];
  const guint8 *data;
  gsize size, done = 0;
  guint32 index = 0;
  gboolean waits = FALSE, tell = wait_label != NULL && mpd_events_enabled ();

#if G_BYTE_ORDER == G_BIG_ENDIAN
  little = g_variant_byteswap (normal);
#else
  little = g_variant_ref (normal);
#endif
  size = g_variant_get_size (little);
  data = g_variant_get_data (little);
  if (size > MPD_SHARED_QUEUE_MAX_VALUE)
    {
      g_autofree char *value_size = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *max_size = g_format_size (MPD_SHARED_QUEUE_MAX_VALUE);

      g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_TOO_LARGE,
                   _("A value of %s is too large: a queue or a pipe carries values of up to "
                     "%s. Send it in parts."), value_size, max_size);
      return FALSE;
    }

  do
    {
      gsize data_len = MIN (size - done, FRAME_MAX_DATA);
      guint32 header[5] = {
        GUINT32_TO_LE (MPD_VALUE_FRAME_HEADER_SIZE - 4 + data_len),
        GUINT32_TO_LE ((guint32) getpid ()),
        GUINT32_TO_LE (number),
        GUINT32_TO_LE (index),
        GUINT32_TO_LE ((guint32) size),
      };
      gsize frame_len = MPD_VALUE_FRAME_HEADER_SIZE + data_len;
      ssize_t written;

      memcpy (frame, header, sizeof header);
      memcpy (frame + MPD_VALUE_FRAME_HEADER_SIZE, data + done, data_len);
      if (tell && !waits && !pipe_has_room (fd, frame_len))
        {
          mpd_events_emit (MPD_EVENT_WAIT_BEGAN, 0, 0, 0, wait_label);
          waits = TRUE;
        }
      /* One write() of at most PIPE_BUF bytes: the kernel never mixes it with another's. */
      do
        written = write (fd, frame, frame_len);
      while (written < 0 && errno == EINTR);
      if (written < 0 || (gsize) written != frame_len)
        {
          int saved_errno = written < 0 ? errno : EIO;

          if (waits)
            mpd_events_emit (MPD_EVENT_WAIT_ENDED, 0, 0, 0, wait_label);
          return set_errno_error (error, saved_errno, "write()");
        }
      done += data_len;
      index++;
    }
  while (done < size);
  if (waits)
    mpd_events_emit (MPD_EVENT_WAIT_ENDED, 0, 0, 0, wait_label);
  return TRUE;
}

/* The same, for a caller that returns a size: -1. */
static gssize
read_failed (GError     **error,
             int          saved_errno,
             const char  *what)
{
  set_errno_error (error, saved_errno, what);
  return -1;
}

static gssize
frame_broken (GError     **error,
              const char  *why)
{
  bad_frame (error, why);
  return -1;
}

/* Reads @size bytes; with @no_wait, only what is in the pipe already: it stops short when
 * nothing more is there. Returns: how many it read, or -1 */
static gssize
read_exactly (int       fd,
              guint8   *buffer,
              gsize     size,
              gboolean  no_wait)
{
  gsize done = 0;

  while (done < size)
    {
      struct pollfd more = { fd, POLLIN, 0 };
      ssize_t n;

      if (no_wait && poll (&more, 1, 0) <= 0)
        return done;
      n = read (fd, buffer + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return n < 0 ? -1 : (gssize) done;
      done += n;
    }
  return done;
}

/**
 * mpd_value_read_frame:
 * @fd: a pipe's read end, or a SOCK_SEQPACKET socket (@records)
 * @records: whether each read() gives one whole record (a SOCK_SEQPACKET socket)
 * @frame: (out caller-allocates): MPD_FRAME_MAX_SIZE bytes
 * @error: why no frame was read
 *
 * Reads one frame, waiting for it.
 *
 * Returns: its size; 0 at the end of the stream (every writer closed its end); -1 with @error
 */
gssize
mpd_value_read_frame (int       fd,
                      gboolean  records,
                      guint8   *frame,
                      GError  **error)
{
  guint32 length;
  gssize n;

  if (records)
    {
      do
        n = recv (fd, frame, MPD_FRAME_MAX_SIZE, MSG_TRUNC);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        return read_failed (error, errno, "recv()");
      if (n > MPD_FRAME_MAX_SIZE)
        return frame_broken (error, _("it is larger than a frame can be"));
      return n;
    }

  /* Waits for the first byte; the rest of the frame came with it (see below). */
  n = read_exactly (fd, frame, 1, FALSE);
  if (n == 1)
    {
      gssize rest = read_exactly (fd, frame + 1, 3, TRUE);

      n = rest < 0 ? -1 : 1 + rest;
    }
  if (n < 0)
    return read_failed (error, errno, "read()");
  if (n == 0)
    return 0;
  if (n < 4)
    return frame_broken (error, _("the pipe holds only its start"));
  memcpy (&length, frame, 4);
  length = GUINT32_FROM_LE (length);
  if (length < MPD_VALUE_FRAME_HEADER_SIZE - 4 || length > MPD_FRAME_MAX_SIZE - 4)
    return frame_broken (error, _("its length is out of bounds"));
  /* One write() put the whole frame into the pipe, so its rest is there with its length:
   * when it is not, a program wrote into the pipe without the queue, and waiting for the rest
   * could wait for ever. */
  n = read_exactly (fd, frame + 4, length, TRUE);
  if (n < 0)
    return read_failed (error, errno, "read()");
  if ((guint32) n < length)
    return frame_broken (error, _("the pipe holds only its start"));
  return 4 + length;
}

/* ---- The queue ---- */

/* What every process of the queue sees alike: in memory that fork() shares. */
typedef struct
{
  pthread_mutex_t lock;         /* guards the numbers below */
  pthread_cond_t  not_full;     /* put() waits on it for room */
  pthread_cond_t  all_done;     /* join() waits on it for unfinished == 0 */
  pthread_mutex_t write_lock;   /* held by a writer from its value's first frame to its last */
  pthread_mutex_t read_lock;    /* held by a reader while it reads one value */
  int             count;        /* values put and not yet taken: qsize() */
  int             unfinished;   /* values put and not yet task_done() */
  guint           n_lost;       /* values cut short by their writer's death */
  guint32         next_number;
} Shared;

struct _MpdSharedQueue
{
  char    *name;
  int      maxsize;             /* 0: no limit */
  gboolean joinable;
  int      read_fd;
  int      write_fd;
  Shared  *shared;
};

/* Takes a robust lock; when its holder died, says the lock is usable again (the numbers it
 * guards are changed in one step each, so a death leaves them whole). */
static void
lock_robust (pthread_mutex_t *mutex)
{
  if (pthread_mutex_lock (mutex) == EOWNERDEAD)
    pthread_mutex_consistent (mutex);
}

static int
init_mutex (pthread_mutex_t *mutex)
{
  pthread_mutexattr_t attr;
  int r;

  pthread_mutexattr_init (&attr);
  pthread_mutexattr_setpshared (&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust (&attr, PTHREAD_MUTEX_ROBUST);
  r = pthread_mutex_init (mutex, &attr);
  pthread_mutexattr_destroy (&attr);
  return r;
}

static int
init_cond (pthread_cond_t *cond)
{
  pthread_condattr_t attr;
  int r;

  pthread_condattr_init (&attr);
  pthread_condattr_setpshared (&attr, PTHREAD_PROCESS_SHARED);
  pthread_condattr_setclock (&attr, CLOCK_MONOTONIC);
  r = pthread_cond_init (cond, &attr);
  pthread_condattr_destroy (&attr);
  return r;
}

/* @timeout seconds from now on CLOCK_MONOTONIC, as the locks and conditions read it. */
static struct timespec
deadline_after (double timeout)
{
  struct timespec now;
  gint64 ns;

  clock_gettime (CLOCK_MONOTONIC, &now);
  ns = now.tv_nsec + (gint64) (timeout * 1e9);
  now.tv_sec += ns / 1000000000;
  now.tv_nsec = ns % 1000000000;
  return now;
}

/* Milliseconds from now until @deadline, for poll(): at least 0. */
static int
ms_until (const struct timespec *deadline)
{
  struct timespec now;
  gint64 ms;

  clock_gettime (CLOCK_MONOTONIC, &now);
  ms = (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec + 999999) / 1000000;
  return (int) CLAMP (ms, 0, G_MAXINT);
}

/**
 * mpd_shared_queue_new:
 * @name: its name in the lesson's events and drawing: "q"
 * @maxsize: how many values it holds at most; 0 for no limit but the memory's
 * @joinable: whether it counts task_done() for join(), as Python's JoinableQueue
 * @error: why it could not be made
 *
 * Makes a queue. Make it before fork(): the processes made after share it.
 *
 * Returns: (transfer full): the queue, or %NULL and @error
 */
MpdSharedQueue *
mpd_shared_queue_new (const char  *name,
                      int          maxsize,
                      gboolean     joinable,
                      GError     **error)
{
  MpdSharedQueue *self;
  int fds[2];
  Shared *shared;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (maxsize >= 0, NULL);

  shared = mmap (NULL, sizeof (Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED)
    {
      set_errno_error (error, errno, "mmap()");
      return NULL;
    }
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    {
      munmap (shared, sizeof (Shared));
      return NULL;
    }
  if (init_mutex (&shared->lock) != 0 || init_mutex (&shared->write_lock) != 0 ||
      init_mutex (&shared->read_lock) != 0 || init_cond (&shared->not_full) != 0 ||
      init_cond (&shared->all_done) != 0)
    {
      set_errno_error (error, EINVAL, "pthread_mutex_init()");
      munmap (shared, sizeof (Shared));
      close (fds[0]);
      close (fds[1]);
      return NULL;
    }

  self = g_new0 (MpdSharedQueue, 1);
  self->name = g_strdup (name);
  self->maxsize = maxsize;
  self->joinable = joinable;
  self->read_fd = fds[0];
  self->write_fd = fds[1];
  self->shared = shared;
  return self;
}

/**
 * mpd_shared_queue_free:
 * @self: (nullable): a queue
 *
 * Closes this process's ends of the queue's pipe and forgets its shared memory. The other
 * processes keep theirs.
 */
void
mpd_shared_queue_free (MpdSharedQueue *self)
{
  if (self == NULL)
    return;
  close (self->read_fd);
  close (self->write_fd);
  munmap (self->shared, sizeof (Shared));
  g_free (self->name);
  g_free (self);
}

/* Tells the page what this process waits for, and when it stops waiting (mpd-events.h). */
static void
emit_wait (MpdSharedQueue *self,
           MpdEventKind    kind,
           const char     *call)
{
  g_autofree char *label = NULL;

  if (!mpd_events_enabled ())
    return;
  label = g_strdup_printf ("%s.%s()", self->name, call);
  mpd_events_emit (kind, 0, 0, 0, label);
}

/* Tells the page that @change values came into the queue (1), or left it (-1). A change, not
 * the count: events from several processes may come in another order than the changes did,
 * and the sum of the changes is right whatever their order. A put() tells before it writes the
 * value, and a get() after it read it, so the page never sees a value leave before it came. */
static void
emit_change (MpdSharedQueue *self,
             int             change)
{
  if (mpd_events_enabled ())
    mpd_events_emit (MPD_EVENT_QUEUE_SIZE, 0, self->maxsize, change, self->name);
}

/**
 * mpd_shared_queue_put:
 * @self: a queue
 * @value: the value; a floating reference is taken
 * @timeout: how many seconds to wait for room when the queue is full: 0 not at all,
 *   %MPD_WAIT_FOREVER as long as it takes
 * @error: %MPD_SHARED_QUEUE_ERROR_FULL when no room came in time, or why it failed
 *
 * Puts @value at the end of the queue. When the queue has its maxsize of values, waits until
 * a reader takes one. Then writes the value into the pipe, which waits too while the pipe is
 * full.
 */
gboolean
mpd_shared_queue_put (MpdSharedQueue  *self,
                      GVariant        *value,
                      double           timeout,
                      GError         **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);
  g_autofree char *label = NULL;
  Shared *shared = self->shared;
  struct timespec deadline = deadline_after (MAX (timeout, 0));
  gboolean waited = FALSE, written;
  guint32 number;

  lock_robust (&shared->lock);
  while (self->maxsize > 0 && shared->count >= self->maxsize)
    {
      int r;

      if (timeout == 0)
        break;
      if (!waited)
        emit_wait (self, MPD_EVENT_WAIT_BEGAN, "put");
      waited = TRUE;
      r = timeout < 0 ? pthread_cond_wait (&shared->not_full, &shared->lock)
                      : pthread_cond_timedwait (&shared->not_full, &shared->lock, &deadline);
      if (r == EOWNERDEAD)
        pthread_mutex_consistent (&shared->lock);
      else if (r == ETIMEDOUT)
        break;
    }
  if (self->maxsize > 0 && shared->count >= self->maxsize)
    {
      pthread_mutex_unlock (&shared->lock);
      if (waited)
        emit_wait (self, MPD_EVENT_WAIT_ENDED, "put");
      if (timeout == 0)
        g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_FULL,
                     ngettext ("The queue is full: it holds %d value, its maxsize (queue.Full).",
                               "The queue is full: it holds %d values, its maxsize (queue.Full).",
                               self->maxsize), self->maxsize);
      else
        g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_FULL,
                     ngettext ("The queue is full: it holds %d value, its maxsize, and no "
                               "process took one in %.1f s (queue.Full).",
                               "The queue is full: it holds %d values, its maxsize, and no "
                               "process took one in %.1f s (queue.Full).", self->maxsize),
                     self->maxsize, timeout);
      return FALSE;
    }
  shared->count++;
  if (self->joinable)
    shared->unfinished++;
  number = shared->next_number++;
  pthread_mutex_unlock (&shared->lock);
  if (waited)
    emit_wait (self, MPD_EVENT_WAIT_ENDED, "put");
  emit_change (self, 1);

  lock_robust (&shared->write_lock);
  label = g_strdup_printf ("%s.put()", self->name);
  written = mpd_value_write (self->write_fd, owned, number, label, error);
  pthread_mutex_unlock (&shared->write_lock);

  if (!written)
    {
      lock_robust (&shared->lock);
      shared->count--;
      if (self->joinable)
        shared->unfinished--;
      pthread_cond_signal (&shared->not_full);
      pthread_mutex_unlock (&shared->lock);
      emit_change (self, -1);
    }
  return written;
}

/**
 * mpd_shared_queue_put_nowait:
 *
 * Puts @value only when there is room at once, as Python's put_nowait().
 */
gboolean
mpd_shared_queue_put_nowait (MpdSharedQueue  *self,
                             GVariant        *value,
                             GError         **error)
{
  return mpd_shared_queue_put (self, value, 0, error);
}

/* Values dropped half-read: they were counted when put, and will never be taken. */
static void
count_lost (MpdSharedQueue *self,
            guint           n_lost)
{
  Shared *shared = self->shared;

  if (n_lost == 0)
    return;
  lock_robust (&shared->lock);
  shared->n_lost += n_lost;
  shared->count = MAX (0, shared->count - (int) n_lost);
  if (self->joinable)
    {
      shared->unfinished = MAX (0, shared->unfinished - (int) n_lost);
      if (shared->unfinished == 0)
        pthread_cond_broadcast (&shared->all_done);
    }
  pthread_cond_broadcast (&shared->not_full);
  pthread_mutex_unlock (&shared->lock);
  emit_change (self, -(int) n_lost);
}

/* Half a value has come, and nothing more for a while: when its writer is dead (the write
 * lock is free, or was held by a process that died), and nothing more is in the pipe, the
 * rest will never come. Returns: how many half values it dropped */
static guint
drop_if_writer_gone (MpdSharedQueue *self,
                     MpdValueReader *reader)
{
  struct pollfd pfd = { self->read_fd, POLLIN, 0 };
  guint dropped = 0;
  int r = pthread_mutex_trylock (&self->shared->write_lock);

  if (r == EBUSY)
    return 0;   /* a writer is alive, in the middle of a value */
  if (r == EOWNERDEAD)
    pthread_mutex_consistent (&self->shared->write_lock);
  if (poll (&pfd, 1, 0) == 0)
    dropped = mpd_value_reader_drop (reader);
  pthread_mutex_unlock (&self->shared->write_lock);
  return dropped;
}

/**
 * mpd_shared_queue_get:
 * @self: a queue
 * @timeout: how many seconds to wait for a value: 0 not at all, %MPD_WAIT_FOREVER as long
 *   as it takes. Once a value's first frame has come, the rest is waited for.
 * @error: %MPD_SHARED_QUEUE_ERROR_EMPTY when nothing came in time, or why it failed
 *
 * Takes the value at the front of the queue.
 *
 * Returns: (transfer full): the value, or %NULL and @error
 */
GVariant *
mpd_shared_queue_get (MpdSharedQueue  *self,
                      double           timeout,
                      GError         **error)
{
  g_autoptr(MpdValueReader) reader = mpd_value_reader_new ();
  Shared *shared = self->shared;
  struct timespec deadline = deadline_after (MAX (timeout, 0));
  GVariant *value = NULL;
  gboolean waited = FALSE;
  guint n_lost = 0;
  int r;

  if (timeout < 0)
    r = pthread_mutex_lock (&shared->read_lock);
  else
    {
      /* pthread_mutex_timedlock() counts on the wall clock. */
      struct timespec wall;
      gint64 ns;

      clock_gettime (CLOCK_REALTIME, &wall);
      ns = wall.tv_nsec + (gint64) (timeout * 1e9);
      wall.tv_sec += ns / 1000000000;
      wall.tv_nsec = ns % 1000000000;
      r = pthread_mutex_timedlock (&shared->read_lock, &wall);
    }
  if (r == EOWNERDEAD)
    pthread_mutex_consistent (&shared->read_lock);   /* a reader died: its value is lost */
  else if (r == ETIMEDOUT)
    goto empty;

  while (value == NULL)
    {
      struct pollfd pfd = { self->read_fd, POLLIN, 0 };
      gboolean partial = mpd_value_reader_is_partial (reader);
      guint8 frame[MPD_FRAME_MAX_SIZE];
      gssize frame_len;
      int wait_ms;

      if (partial)
        wait_ms = WRITER_CHECK_MS;
      else if (timeout < 0)
        wait_ms = -1;
      else
        wait_ms = ms_until (&deadline);

      r = poll (&pfd, 1, 0);
      /* Half a value, and nothing more in the pipe: unless its writer is still writing (it
       * holds the write lock), the rest will never come. */
      if (r == 0 && partial)
        {
          guint dropped = drop_if_writer_gone (self, reader);

          n_lost += dropped;
          if (dropped > 0)
            continue;
        }
      if (r == 0 && wait_ms != 0)
        {
          if (!waited && !partial)
            emit_wait (self, MPD_EVENT_WAIT_BEGAN, "get");
          waited = waited || !partial;
          r = poll (&pfd, 1, wait_ms);
        }
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          set_errno_error (error, errno, "poll()");
          break;
        }
      if (r == 0 && partial)
        {
          n_lost += drop_if_writer_gone (self, reader);
          continue;
        }
      if (r == 0)
        {
          pthread_mutex_unlock (&shared->read_lock);
          goto empty;
        }

      frame_len = mpd_value_read_frame (self->read_fd, FALSE, frame, error);
      if (frame_len == 0)
        {
          g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_CLOSED,
                       _("The queue is empty, and no process can put into it any more: "
                         "every one closed it."));
          break;
        }
      if (frame_len < 0 || !mpd_value_reader_push (reader, frame, frame_len, &value, error))
        break;
      n_lost += mpd_value_reader_take_lost (reader);
    }
  n_lost += mpd_value_reader_drop (reader);
  pthread_mutex_unlock (&shared->read_lock);
  if (waited)
    emit_wait (self, MPD_EVENT_WAIT_ENDED, "get");
  count_lost (self, n_lost);
  if (value == NULL)
    return NULL;

  lock_robust (&shared->lock);
  shared->count = MAX (0, shared->count - 1);
  pthread_cond_signal (&shared->not_full);
  pthread_mutex_unlock (&shared->lock);
  emit_change (self, -1);
  return value;

empty:
  if (waited)
    emit_wait (self, MPD_EVENT_WAIT_ENDED, "get");
  count_lost (self, n_lost);
  if (timeout == 0)
    g_set_error_literal (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_EMPTY,
                         _("The queue is empty: no value is waiting (queue.Empty)."));
  else
    g_set_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_EMPTY,
                 _("The queue is empty: no value came in %.1f s (queue.Empty)."), timeout);
  return NULL;
}

/**
 * mpd_shared_queue_get_nowait:
 *
 * Takes a value only when one is waiting, as Python's get_nowait().
 */
GVariant *
mpd_shared_queue_get_nowait (MpdSharedQueue  *self,
                             GError         **error)
{
  return mpd_shared_queue_get (self, 0, error);
}

/**
 * mpd_shared_queue_qsize:
 *
 * Returns: how many values were put and not yet taken, now: another process may change it
 *   the moment after
 */
int
mpd_shared_queue_qsize (MpdSharedQueue *self)
{
  int count;

  lock_robust (&self->shared->lock);
  count = self->shared->count;
  pthread_mutex_unlock (&self->shared->lock);
  return count;
}

gboolean
mpd_shared_queue_empty (MpdSharedQueue *self)
{
  return mpd_shared_queue_qsize (self) == 0;
}

gboolean
mpd_shared_queue_full (MpdSharedQueue *self)
{
  return self->maxsize > 0 && mpd_shared_queue_qsize (self) >= self->maxsize;
}

/**
 * mpd_shared_queue_task_done:
 * @self: a joinable queue
 * @error: %MPD_SHARED_QUEUE_ERROR_TASK_DONE when every value taken was already done
 *
 * Says that a value taken from the queue was dealt with, as Python's task_done().
 */
gboolean
mpd_shared_queue_task_done (MpdSharedQueue  *self,
                            GError         **error)
{
  Shared *shared = self->shared;

  g_return_val_if_fail (self->joinable, FALSE);

  lock_robust (&shared->lock);
  if (shared->unfinished <= 0)
    {
      pthread_mutex_unlock (&shared->lock);
      g_set_error_literal (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_TASK_DONE,
                           _("task_done() was called more times than values were put "
                             "(ValueError)."));
      return FALSE;
    }
  if (--shared->unfinished == 0)
    pthread_cond_broadcast (&shared->all_done);
  pthread_mutex_unlock (&shared->lock);
  return TRUE;
}

/**
 * mpd_shared_queue_join:
 * @self: a joinable queue
 *
 * Waits until every value put was taken and said done with task_done(), as Python's
 * JoinableQueue.join().
 */
void
mpd_shared_queue_join (MpdSharedQueue *self)
{
  Shared *shared = self->shared;
  gboolean waited = FALSE;

  g_return_if_fail (self->joinable);

  lock_robust (&shared->lock);
  while (shared->unfinished > 0)
    {
      if (!waited)
        emit_wait (self, MPD_EVENT_WAIT_BEGAN, "join");
      waited = TRUE;
      if (pthread_cond_wait (&shared->all_done, &shared->lock) == EOWNERDEAD)
        pthread_mutex_consistent (&shared->lock);
    }
  pthread_mutex_unlock (&shared->lock);
  if (waited)
    emit_wait (self, MPD_EVENT_WAIT_ENDED, "join");
}

/* Returns: how many values were cut short by the death of their writer, and dropped */
guint
mpd_shared_queue_get_n_lost (MpdSharedQueue *self)
{
  guint n;

  lock_robust (&self->shared->lock);
  n = self->shared->n_lost;
  pthread_mutex_unlock (&self->shared->lock);
  return n;
}

int
mpd_shared_queue_get_read_fd (MpdSharedQueue *self)
{
  return self->read_fd;
}

/* The pipe's write end: for tests that write into it what no queue would. */
int
mpd_shared_queue_get_write_fd (MpdSharedQueue *self)
{
  return self->write_fd;
}
