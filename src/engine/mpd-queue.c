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
 * and uses a whole core doing nothing. The consumer thread calls mpd_queue_get_many(), which
 * takes every whole message that one read brought (about 1,500 under a flood) in one call.
 *
 * A student's first producer prints text instead: `print(str(datetime.now()), flush=True)`.
 * The first bytes of the stream tell which it is. A frame starts with its length, at most
 * 4,092, so the length's third byte is zero; text has no zero byte. A stream whose first
 * three bytes are text is read as lines, one message per line, and stays text to its end:
 * frames and text are never mixed in one stream, and a zero byte in a text stream is an error.
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

/* A line of text longer than this is taken in pieces of this size, each one message. */
#define LINE_MAX_SIZE   MPD_FRAME_MAX_SIZE

typedef enum
{
  STREAM_UNDECIDED, /* fewer than three bytes have come yet */
  STREAM_FRAMES,
  STREAM_TEXT,
} StreamKind;

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
  StreamKind kind;
  guint64  n_lines;   /* lines taken, in a text stream */
  int      line_pid;  /* the pid that a line of text gets, or 0 */
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
      gsize n_encoded;
      gsize used = mpd_message_encode_frames (&messages[i], n_messages - i,
                                              buffer, sizeof buffer, &n_encoded);

      i += n_encoded;
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

/* Whether @len bytes are one line of text: UTF-8, with no control character but a tab (and a
 * carriage return at its end, from a producer that ends its lines with "\r\n"). A long line
 * cut into pieces may end inside a character: that is allowed too. */
static gboolean
line_is_text (const guint8 *data,
              gsize         len)
{
  const char *end = NULL;

  if (len > 0 && data[len - 1] == '\r')
    len--;
  for (gsize i = 0; i < len; i++)
    if ((data[i] < 0x20 && data[i] != '\t') || data[i] == 0x7f)
      return FALSE;
  if (g_utf8_validate_len ((const char *) data, len, &end))
    return TRUE;
  /* Not valid: only its last character may be cut, at LINE_MAX_SIZE. */
  return len == LINE_MAX_SIZE && len - (gsize) ((const guint8 *) end - data) < 4 &&
         g_utf8_get_char_validated (end, len - ((const guint8 *) end - data)) == (gunichar) -2;
}

/* In a text stream: takes the next whole line as a message, or at the end of the stream what
 * is left of one. */
static MpdFrameStatus
mpd_queue_take_line (MpdQueue    *self,
                     MpdMessage  *message,
                     gsize       *taken,
                     GError     **error)
{
  const guint8 *data = self->buffer + self->start;
  gsize len = self->end - self->start;
  const guint8 *newline = memchr (data, '\n', MIN (len, LINE_MAX_SIZE));
  gsize line_len;

  if (newline != NULL)
    {
      line_len = newline - data;
      *taken = line_len + 1;
    }
  else if (len >= LINE_MAX_SIZE || (self->eof && len > 0))
    line_len = *taken = MIN (len, LINE_MAX_SIZE);
  else
    return MPD_FRAME_INCOMPLETE;

  if (memchr (data, '\0', line_len) != NULL)
    {
      g_set_error_literal (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                           _("The pipe held lines of text, then a zero byte, which text never "
                             "has: a producer sends either lines of text or messages, never "
                             "both in one pipe. Did it send a message after it printed?"));
      return MPD_FRAME_INVALID;
    }
  if (!line_is_text (data, line_len))
    {
      g_set_error_literal (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                           _("The pipe started like text, but this line is not text: it is not "
                             "UTF-8, or it holds control characters. A producer sends either "
                             "lines of text or messages (docs/protocol.md)."));
      return MPD_FRAME_INVALID;
    }

  mpd_message_init_from_line (message, (const char *) data, line_len, ++self->n_lines);
  message->pid = self->line_pid;
  return MPD_FRAME_COMPLETE;
}

/**
 * mpd_queue_set_line_pid:
 * @self: a queue
 * @pid: the process that writes lines of text into the pipe, or 0 when that is not known
 *
 * A line of text, unlike a message's frame, does not say which process wrote it: the one who
 * started the writer may say it here, before the reader starts.
 */
void
mpd_queue_set_line_pid (MpdQueue *self,
                        int       pid)
{
  g_return_if_fail (MPD_IS_QUEUE (self));

  self->line_pid = pid;
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
  gsize n_messages;

  return mpd_queue_get_many (self, message, 1, &n_messages, error);
}

/**
 * mpd_queue_get_many:
 * @self: a queue with a read end
 * @messages: (out caller-allocates) (array length=max_messages): where to put the messages
 * @max_messages: how many @messages can hold, at least 1
 * @n_messages: (out): how many were taken: 1 to @max_messages on
 *   %MPD_QUEUE_STATUS_MESSAGE, else 0
 * @error: where to put the reason, on %MPD_QUEUE_STATUS_ERROR
 *
 * Like mpd_queue_get(), for every whole message that is waiting, up to @max_messages, in one
 * call: under a flood, one read(2) brings about 1,500 messages, and they are decoded in one
 * loop instead of one call each. It reads from the pipe only when no whole message is
 * buffered, so it never waits for more once it has some. When a bad frame follows good
 * ones, the good ones come first, and the next call gives the error.
 */
MpdQueueStatus
mpd_queue_get_many (MpdQueue    *self,
                    MpdMessage  *messages,
                    gsize        max_messages,
                    gsize       *n_messages,
                    GError     **error)
{
  g_return_val_if_fail (MPD_IS_QUEUE (self), MPD_QUEUE_STATUS_ERROR);
  g_return_val_if_fail (messages != NULL && max_messages > 0, MPD_QUEUE_STATUS_ERROR);
  g_return_val_if_fail (n_messages != NULL, MPD_QUEUE_STATUS_ERROR);
  g_return_val_if_fail (self->read_fd >= 0, MPD_QUEUE_STATUS_ERROR);

  *n_messages = 0;
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return MPD_QUEUE_STATUS_ERROR;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gsize n = 0;
      gsize used = 0;
      gssize n_read;

      MpdFrameStatus status = MPD_FRAME_INCOMPLETE;
      gsize available = self->end - self->start;

      if (self->kind == STREAM_UNDECIDED && (available >= 3 || (self->eof && available > 0)))
        self->kind = mpd_message_bytes_are_text (self->buffer + self->start, MIN (available, 3))
                     ? STREAM_TEXT : STREAM_FRAMES;

      if (self->kind == STREAM_TEXT)
        {
          while (n < max_messages &&
                 (status = mpd_queue_take_line (self, &messages[n], &used,
                                                &local_error)) == MPD_FRAME_COMPLETE)
            {
              self->start += used;
              self->consumed += used;
              n++;
            }
        }
      else if (self->kind == STREAM_FRAMES)
        {
          status = mpd_message_decode_frames (messages, max_messages,
                                              self->buffer + self->start, available,
                                              &n, &used, &local_error);
          self->start += used;
          self->consumed += used;
        }

      /* (A bad frame after these is met again, first, by the next call.) */
      if (n > 0)
        {
          *n_messages = n;
          return MPD_QUEUE_STATUS_MESSAGE;
        }

      if (status == MPD_FRAME_INVALID)
        return mpd_queue_fail (self,
                               g_error_new (MPD_MESSAGE_ERROR, local_error->code,
                                            _("Bad data in the pipe at byte %llu: %s"),
                                            (unsigned long long) self->consumed,
                                            local_error->message),
                               error);

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

      n_read = read (self->read_fd, self->buffer + self->end, BUFFER_SIZE - self->end);

      if (n_read > 0)
        {
          self->end += n_read;
        }
      else if (n_read == 0)
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
