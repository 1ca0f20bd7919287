/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-queue.c: a queue of messages between processes, carried by a pipe. */

/*
 * This is the C counterpart of Python's multiprocessing.Queue: one process puts messages in,
 * another takes them out, and the kernel's pipe carries them between the two.
 *
 * Putting a message writes one whole frame with one write(2). A frame is never larger than
 * PIPE_BUF, and the kernel promises that such a write is never mixed with another writer's,
 * so many producers can share one pipe. When the pipe is full, write(2) waits: a fast
 * producer is slowed down to the speed of the reader instead of using ever more memory.
 *
 * Getting a message is the other half. A pipe is a stream of bytes, so one read(2) may return
 * many frames, or half of one; the queue keeps the bytes it has read in a buffer and cuts
 * whole frames out of it. The read end never blocks: when no whole message is waiting,
 * mpd_queue_get() says so (MPD_QUEUE_STATUS_EMPTY), and the caller waits with poll(2) on
 * the read fd instead of spinning. Python's Queue.empty() loop in the seed spins instead,
 * and uses a whole core doing nothing.
 */

#define G_LOG_DOMAIN "mpd-queue"

#include "config.h"

#define _GNU_SOURCE /* F_GETPIPE_SZ */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <gio/gio.h>

#include "mpd-queue.h"

/* One read(2) takes up to a pipe's default capacity, and the buffer keeps room for the
 * part of a frame that the previous read cut in two. */
#define READ_CHUNK_SIZE (64 * 1024)
#define BUFFER_SIZE     (READ_CHUNK_SIZE + MPD_FRAME_MAX_SIZE)

struct _MpdQueue
{
  GObject  parent_instance;

  /* Owned */
  int      read_fd;
  int      write_fd;

  /* Reader state: used only by the one thread that calls mpd_queue_get() */
  guint8  *buffer;
  gsize    start;     /* the first byte not yet taken */
  gsize    end;       /* one past the last byte read */
  guint64  consumed;  /* bytes of the stream before buffer[start] */
  GError  *error;     /* once the stream is bad, it stays bad */
  guint    eof : 1;
};

G_DEFINE_FINAL_TYPE (MpdQueue, mpd_queue, G_TYPE_OBJECT)

static void
clear_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

static void
mpd_queue_finalize (GObject *object)
{
  MpdQueue *self = (MpdQueue *)object;

  clear_fd (&self->read_fd);
  clear_fd (&self->write_fd);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mpd_queue_parent_class)->finalize (object);
}

static void
mpd_queue_class_init (MpdQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mpd_queue_finalize;
}

static void
mpd_queue_init (MpdQueue *self)
{
  self->read_fd = -1;
  self->write_fd = -1;
}

/**
 * mpd_queue_new:
 * @error: where to put the reason when no pipe can be made
 *
 * Makes a new pipe and a queue holding both of its ends. Both are close-on-exec, and the read
 * end does not block. Hand the write end to producers (dup it into their stdout), then
 * close it here with mpd_queue_close_write_end(), so that the reader sees the end of the
 * stream when the last producer is gone.
 *
 * Returns: (transfer full): a new queue, or %NULL
 */
MpdQueue *
mpd_queue_new (GError **error)
{
  int fds[2];

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return NULL;

  if (!g_unix_set_fd_nonblocking (fds[0], TRUE, error))
    {
      close (fds[0]);
      close (fds[1]);
      return NULL;
    }

  return mpd_queue_new_for_fds (fds[0], fds[1]);
}

/**
 * mpd_queue_new_for_fds:
 * @read_fd: the read end of a pipe, or -1
 * @write_fd: the write end of a pipe, or -1
 *
 * Makes a queue for fds that already exist, such as a producer's stdout. The queue owns
 * them and closes them when it is finalized. A blocking @read_fd makes mpd_queue_get()
 * block until a message arrives.
 *
 * Returns: (transfer full): a new queue
 */
MpdQueue *
mpd_queue_new_for_fds (int read_fd,
                       int write_fd)
{
  MpdQueue *self = g_object_new (MPD_TYPE_QUEUE, NULL);

  self->read_fd = read_fd;
  self->write_fd = write_fd;
  if (read_fd >= 0)
    self->buffer = g_malloc (BUFFER_SIZE);

  return self;
}

int
mpd_queue_get_read_fd (MpdQueue *self)
{
  g_return_val_if_fail (MPD_IS_QUEUE (self), -1);

  return self->read_fd;
}

int
mpd_queue_get_write_fd (MpdQueue *self)
{
  g_return_val_if_fail (MPD_IS_QUEUE (self), -1);

  return self->write_fd;
}

/**
 * mpd_queue_close_write_end:
 * @self: a queue
 *
 * Closes this process's copy of the write end. The reader sees the end of the stream once
 * every copy of the write end, in every process, is closed.
 */
void
mpd_queue_close_write_end (MpdQueue *self)
{
  g_return_if_fail (MPD_IS_QUEUE (self));

  clear_fd (&self->write_fd);
}

/**
 * mpd_queue_get_fill:
 * @self: a queue with a read end
 * @bytes_waiting: (out): how many bytes are in the pipe, written but not read yet (FIONREAD)
 * @capacity: (out): how many bytes the pipe holds before a writer has to wait (F_GETPIPE_SZ)
 *
 * Says how full the pipe is. When it is full, every producer waits in write(2) until the
 * consumer reads: that is how a pipe slows a fast writer down to its reader's pace.
 *
 * Returns: %TRUE when both could be read
 */
gboolean
mpd_queue_get_fill (MpdQueue *self,
                    guint    *bytes_waiting,
                    guint    *capacity)
{
  int waiting = 0;
  int size;

  g_return_val_if_fail (MPD_IS_QUEUE (self), FALSE);

  *bytes_waiting = 0;
  *capacity = 0;
  if (self->read_fd < 0 || ioctl (self->read_fd, FIONREAD, &waiting) < 0)
    return FALSE;

  size = fcntl (self->read_fd, F_GETPIPE_SZ);
  if (size < 0)
    return FALSE;

  *bytes_waiting = (guint) MAX (waiting, 0);
  *capacity = (guint) size;
  return TRUE;
}

/* Writes @length bytes. On a pipe, one write of at most PIPE_BUF bytes is all or nothing;
 * the loop only matters when the write end is something else, such as a file. */
static gboolean
mpd_queue_write (MpdQueue      *self,
                 const guint8  *bytes,
                 gsize          length,
                 GError       **error)
{
  gsize written = 0;

  while (written < length)
    {
      gssize n = write (self->write_fd, bytes + written, length - written);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write to the pipe: %s"), g_strerror (saved_errno));
          return FALSE;
        }

      written += n;
    }

  return TRUE;
}

/**
 * mpd_queue_put:
 * @self: a queue with a write end
 * @message: the message to put
 * @error: where to put the reason when it fails
 *
 * Writes @message as one frame. It blocks while the pipe is full. When the reader has
 * closed the pipe, it fails with %G_IO_ERROR_BROKEN_PIPE (the process must ignore
 * SIGPIPE for that, or the signal kills it first).
 *
 * Returns: %TRUE when the whole frame was written
 */
gboolean
mpd_queue_put (MpdQueue          *self,
               const MpdMessage  *message,
               GError           **error)
{
  return mpd_queue_put_many (self, message, 1, error);
}

/**
 * mpd_queue_put_many:
 * @self: a queue with a write end
 * @messages: (array length=n_messages): the messages to put, in order
 * @n_messages: how many
 * @error: where to put the reason when it fails
 *
 * Like mpd_queue_put(), for many messages at once, with as few write(2) calls as possible:
 * the frames are packed into writes of at most PIPE_BUF bytes, so that each write still
 * goes into the pipe in one piece, and frames of several producers sharing a pipe never mix.
 * One write per 95 messages instead of one per message is what lets a flood reach millions
 * of messages per second.
 *
 * Returns: %TRUE when every frame was written
 */
gboolean
mpd_queue_put_many (MpdQueue          *self,
                    const MpdMessage  *messages,
                    gsize              n_messages,
                    GError           **error)
{
  guint8 buffer[PIPE_BUF];
  gsize i = 0;

  g_return_val_if_fail (MPD_IS_QUEUE (self), FALSE);
  g_return_val_if_fail (messages != NULL || n_messages == 0, FALSE);
  g_return_val_if_fail (self->write_fd >= 0, FALSE);

  while (i < n_messages)
    {
      gsize used = 0;

      while (i < n_messages && sizeof buffer - used >= MPD_MESSAGE_FRAME_SIZE)
        used += mpd_message_encode_frame (&messages[i++], buffer + used, sizeof buffer - used);

      if (!mpd_queue_write (self, buffer, used, error))
        return FALSE;
    }

  return TRUE;
}

static MpdQueueStatus
mpd_queue_fail (MpdQueue  *self,
                GError    *reason,
                GError   **error)
{
  g_assert (self->error == NULL);

  self->error = reason;
  if (error != NULL)
    *error = g_error_copy (reason);

  return MPD_QUEUE_STATUS_ERROR;
}

/**
 * mpd_queue_get:
 * @self: a queue with a read end
 * @message: (out caller-allocates): where to put the message
 * @error: where to put the reason, on %MPD_QUEUE_STATUS_ERROR
 *
 * Takes the next message, reading from the pipe when no whole message is buffered yet.
 * Only one thread may call this at a time. Everything read is treated as untrusted: bad
 * bytes give an error that says what was wrong and at which byte of the stream, and every
 * later call gives the same error.
 */
MpdQueueStatus
mpd_queue_get (MpdQueue    *self,
               MpdMessage  *message,
               GError     **error)
{
  g_return_val_if_fail (MPD_IS_QUEUE (self), MPD_QUEUE_STATUS_ERROR);
  g_return_val_if_fail (message != NULL, MPD_QUEUE_STATUS_ERROR);
  g_return_val_if_fail (self->read_fd >= 0, MPD_QUEUE_STATUS_ERROR);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return MPD_QUEUE_STATUS_ERROR;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize frame_len = 0;
      gssize n;

      switch (mpd_message_decode_frame (message, self->buffer + self->start,
                                        self->end - self->start, &frame_len, &local_error))
        {
        case MPD_FRAME_COMPLETE:
          self->start += frame_len;
          self->consumed += frame_len;
          return MPD_QUEUE_STATUS_MESSAGE;

        case MPD_FRAME_INVALID:
          return mpd_queue_fail (self,
                                 g_error_new (MPD_MESSAGE_ERROR, local_error->code,
                                              _("Bad data in the pipe at byte %llu: %s"),
                                              (unsigned long long) self->consumed,
                                              local_error->message),
                                 error);

        case MPD_FRAME_INCOMPLETE:
        default:
          break;
        }

      if (self->eof)
        {
          if (self->start == self->end)
            return MPD_QUEUE_STATUS_CLOSED;

          return mpd_queue_fail (self,
                                 g_error_new (MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_TRUNCATED,
                                              ngettext ("The pipe was closed in the middle of a "
                                                        "message: the last %llu byte, from byte "
                                                        "%llu on, is not a whole message.",
                                                        "The pipe was closed in the middle of a "
                                                        "message: the last %llu bytes, from byte "
                                                        "%llu on, are not a whole message.",
                                                        (unsigned long) (self->end - self->start)),
                                              (unsigned long long) (self->end - self->start),
                                              (unsigned long long) self->consumed),
                                 error);
        }

      /* What is left is less than one frame: move it to the front, to read after it. */
      if (self->start > 0)
        {
          memmove (self->buffer, self->buffer + self->start, self->end - self->start);
          self->end -= self->start;
          self->start = 0;
        }

      n = read (self->read_fd, self->buffer + self->end, BUFFER_SIZE - self->end);

      if (n > 0)
        {
          self->end += n;
        }
      else if (n == 0)
        {
          self->eof = TRUE;
        }
      else
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          if (saved_errno == EAGAIN)
            return MPD_QUEUE_STATUS_EMPTY;

          return mpd_queue_fail (self,
                                 g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                              _("Could not read from the pipe: %s"),
                                              g_strerror (saved_errno)),
                                 error);
        }
    }
}
