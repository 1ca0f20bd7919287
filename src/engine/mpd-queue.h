/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-queue.h: a queue of messages between processes, carried by a pipe. */

#pragma once

#include <glib-object.h>

#include "mpd-message.h"

G_BEGIN_DECLS

typedef enum
{
  MPD_QUEUE_STATUS_MESSAGE, /* a message was taken from the queue */
  MPD_QUEUE_STATUS_EMPTY,   /* no whole message is waiting: poll() the read fd, then ask again */
  MPD_QUEUE_STATUS_CLOSED,  /* every writer closed the pipe, and every message was taken */
  MPD_QUEUE_STATUS_ERROR,   /* the pipe failed or carried bad data: the error says what */
} MpdQueueStatus;

#define MPD_TYPE_QUEUE (mpd_queue_get_type ())

G_DECLARE_FINAL_TYPE (MpdQueue, mpd_queue, MPD, QUEUE, GObject)

MpdQueue       *mpd_queue_new              (GError           **error);
MpdQueue       *mpd_queue_new_for_fds      (int                read_fd,
                                            int                write_fd);
int             mpd_queue_get_read_fd      (MpdQueue          *self);
int             mpd_queue_get_write_fd     (MpdQueue          *self);
void            mpd_queue_close_write_end  (MpdQueue          *self);
gboolean        mpd_queue_get_fill         (MpdQueue          *self,
                                            guint             *bytes_waiting,
                                            guint             *capacity);
gboolean        mpd_queue_put              (MpdQueue          *self,
                                            const MpdMessage  *message,
                                            GError           **error);
gboolean        mpd_queue_put_many         (MpdQueue          *self,
                                            const MpdMessage  *messages,
                                            gsize              n_messages,
                                            GError           **error);
void            mpd_queue_set_line_pid     (MpdQueue          *self,
                                            int                pid);
MpdQueueStatus  mpd_queue_get              (MpdQueue          *self,
                                            MpdMessage        *message,
                                            GError           **error);
MpdQueueStatus  mpd_queue_get_many         (MpdQueue          *self,
                                            MpdMessage        *messages,
                                            gsize              max_messages,
                                            gsize             *n_messages,
                                            GError           **error);

G_END_DECLS
