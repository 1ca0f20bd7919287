/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-connection.c: Python's multiprocessing.Pipe() and its two connections, in C. */

/*
 * mpd_pipe_new() gives two connections, as Python's Pipe() does. A duplex pipe is a pair of
 * Unix sockets (socketpair()): each end sends and receives. A one-way pipe (duplex FALSE) is a
 * pipe(): the first connection only receives, the second only sends. fork() gives the child a
 * copy of both ends, like any fd: each process closes the end it does not use.
 *
 * That last rule is the lesson pipe-unclosed. recv() says end-of-file (EOFError) only when no
 * process at all holds the other end open any more: the kernel counts the open copies, not
 * the processes that mean to write. A forgotten copy keeps a reader waiting for ever.
 *
 * A value goes as the queue's values do (mpd-shared-queue.c): a serialized GVariant, in
 * frames that each fit one write(). The socket pair is of type SOCK_SEQPACKET, so each frame
 * stays one record. Several processes may send on one end, as pipe-sum's workers do: the
 * reader puts each writer's frames together, so even large values from many writers at once
 * arrive whole. A value whose writer died in the middle of it never arrives.
 */

#define G_LOG_DOMAIN "mpd-connection"

#include "config.h"

#define _GNU_SOURCE

#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include <sys/socket.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <gio/gio.h>

#include "mpd-connection.h"
#include "mpd-events.h"
#include "mpd-message.h"
#include "mpd-shared-queue.h"

G_DEFINE_QUARK (mpd-connection-error-quark, mpd_connection_error)

struct _MpdConnection
{
  int             fd;         /* -1 once closed */
  gboolean        records;    /* a SOCK_SEQPACKET socket, not a pipe */
  gboolean        readable;
  gboolean        writable;
  guint32         next_number;
  MpdValueReader *reader;
};

static MpdConnection *
connection_new (int      fd,
                gboolean records,
                gboolean readable,
                gboolean writable)
{
  MpdConnection *self = g_new0 (MpdConnection, 1);

  self->fd = fd;
  self->records = records;
  self->readable = readable;
  self->writable = writable;
  self->reader = mpd_value_reader_new ();
  return self;
}

/**
 * mpd_pipe_new:
 * @duplex: whether both ends send and receive (a socket pair), or @conn1 only receives and
 *   @conn2 only sends (a pipe)
 * @conn1: (out) (transfer full): the first end
 * @conn2: (out) (transfer full): the second end
 * @error: why it could not be made
 *
 * Makes a pipe, as Python's Pipe(duplex). Make it before fork().
 */
gboolean
mpd_pipe_new (gboolean         duplex,
              MpdConnection  **conn1,
              MpdConnection  **conn2,
              GError         **error)
{
  int fds[2];

  g_return_val_if_fail (conn1 != NULL && conn2 != NULL, FALSE);

  if (duplex)
    {
      if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("%s failed: %s"), "socketpair()", g_strerror (saved_errno));
          return FALSE;
        }
      *conn1 = connection_new (fds[0], TRUE, TRUE, TRUE);
      *conn2 = connection_new (fds[1], TRUE, TRUE, TRUE);
      return TRUE;
    }
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return FALSE;
  *conn1 = connection_new (fds[0], FALSE, TRUE, FALSE);
  *conn2 = connection_new (fds[1], FALSE, FALSE, TRUE);
  return TRUE;
}

static gboolean
check_open (MpdConnection  *self,
            gboolean        sending,
            GError        **error)
{
  if (self->fd < 0)
    {
      g_set_error_literal (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_CLOSED,
                           _("This end of the pipe was closed: it cannot be used any more."));
      return FALSE;
    }
  if (sending && !self->writable)
    {
      g_set_error_literal (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_ONE_WAY,
                           _("This end of a one-way pipe only receives: send on the other end."));
      return FALSE;
    }
  if (!sending && !self->readable)
    {
      g_set_error_literal (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_ONE_WAY,
                           _("This end of a one-way pipe only sends: receive on the other end."));
      return FALSE;
    }
  return TRUE;
}

/**
 * mpd_connection_send:
 * @self: an end that sends
 * @value: the value; a floating reference is taken
 * @error: why it was not sent
 *
 * Sends @value. Waits while the pipe is full.
 */
gboolean
mpd_connection_send (MpdConnection  *self,
                     GVariant       *value,
                     GError        **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);

  if (!check_open (self, TRUE, error))
    return FALSE;
  return mpd_value_write (self->fd, owned, self->next_number++, "send()", error);
}

/* Reads frames until a value is whole. */
static GVariant *
connection_recv (MpdConnection  *self,
                 GError        **error)
{
  for (;;)
    {
      guint8 frame[MPD_FRAME_MAX_SIZE];
      GVariant *value = NULL;
      gssize frame_len = mpd_value_read_frame (self->fd, self->records, frame, error);

      if (frame_len < 0)
        return NULL;
      if (frame_len == 0)
        {
          mpd_value_reader_drop (self->reader);
          g_set_error_literal (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_EOF,
                               _("End of file: no process holds the other end of the pipe "
                                 "open any more, and nothing is left to read (EOFError)."));
          return NULL;
        }
      if (!mpd_value_reader_push (self->reader, frame, frame_len, &value, error))
        return NULL;
      if (value != NULL)
        return value;
    }
}

/**
 * mpd_connection_recv:
 * @self: an end that receives
 * @error: %MPD_CONNECTION_ERROR_EOF when no process holds the other end open and nothing is
 *   left, or why it failed
 *
 * Waits for a whole value, and takes it.
 *
 * Returns: (transfer full): the value, or %NULL and @error
 */
GVariant *
mpd_connection_recv (MpdConnection  *self,
                     GError        **error)
{
  GVariant *value;
  gboolean waits;

  if (!check_open (self, FALSE, error))
    return NULL;

  /* A wait is told to MpDemo's page (mpd-events.h), for its timeline. */
  waits = mpd_events_enabled () && !mpd_connection_poll (self, 0);
  if (waits)
    mpd_events_emit (MPD_EVENT_WAIT_BEGAN, 0, 0, 0, "recv()");
  value = connection_recv (self, error);
  if (waits)
    mpd_events_emit (MPD_EVENT_WAIT_ENDED, 0, 0, 0, "recv()");
  return value;
}

/**
 * mpd_connection_poll:
 * @self: an end that receives
 * @timeout: how many seconds to wait: 0 not at all, a negative number as long as it takes
 *
 * Returns: whether something can be read at once: data, or the end of the file
 */
gboolean
mpd_connection_poll (MpdConnection *self,
                     double         timeout)
{
  struct pollfd pfd = { self->fd, POLLIN, 0 };
  gint64 deadline = g_get_monotonic_time () + (gint64) (MAX (timeout, 0) * G_USEC_PER_SEC);
  int r;

  if (self->fd < 0)
    return FALSE;
  do
    {
      int ms = timeout < 0 ? -1 : (int) MAX (0, (deadline - g_get_monotonic_time () + 999) / 1000);

      r = poll (&pfd, 1, ms);
    }
  while (r < 0 && errno == EINTR);
  return r > 0;
}

/**
 * mpd_connection_close:
 *
 * Closes this process's copy of this end. Other processes' copies stay open.
 */
void
mpd_connection_close (MpdConnection *self)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

void
mpd_connection_free (MpdConnection *self)
{
  if (self == NULL)
    return;
  mpd_connection_close (self);
  mpd_value_reader_free (self->reader);
  g_free (self);
}

int
mpd_connection_get_fd (MpdConnection *self)
{
  return self->fd;
}
