/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-shared-queue.h: Python's multiprocessing.Queue and JoinableQueue, in C. */

#pragma once

#include <glib.h>

#include "mpd-child.h"

G_BEGIN_DECLS

#define MPD_SHARED_QUEUE_ERROR (mpd_shared_queue_error_quark ())

typedef enum
{
  MPD_SHARED_QUEUE_ERROR_FULL,       /* put(): no room before the timeout, as queue.Full */
  MPD_SHARED_QUEUE_ERROR_EMPTY,      /* get(): nothing came before the timeout, as queue.Empty */
  MPD_SHARED_QUEUE_ERROR_TOO_LARGE,  /* a value larger than MPD_SHARED_QUEUE_MAX_VALUE */
  MPD_SHARED_QUEUE_ERROR_CLOSED,     /* every process that could put has closed the pipe */
  MPD_SHARED_QUEUE_ERROR_TASK_DONE,  /* task_done() more times than values, as ValueError */
  MPD_SHARED_QUEUE_ERROR_BAD_DATA,   /* the pipe carried bytes that are not a value's */
  MPD_SHARED_QUEUE_ERROR_FAILED,     /* the kernel refused: the message says what */
} MpdSharedQueueError;

/* The largest value a queue or a connection carries: its serialized GVariant, in bytes. */
#define MPD_SHARED_QUEUE_MAX_VALUE (16 * 1024 * 1024)


typedef struct _MpdSharedQueue MpdSharedQueue;

/* One value on its way, cut in frames that each fit one atomic write (mpd-shared-queue.c). */
typedef struct _MpdValueReader MpdValueReader;

GQuark          mpd_shared_queue_error_quark (void);
MpdSharedQueue *mpd_shared_queue_new         (const char      *name,
                                              int              maxsize,
                                              gboolean         joinable,
                                              GError         **error);
void            mpd_shared_queue_free        (MpdSharedQueue  *self);
gboolean        mpd_shared_queue_put         (MpdSharedQueue  *self,
                                              GVariant        *value,
                                              double           timeout,
                                              GError         **error);
gboolean        mpd_shared_queue_put_nowait  (MpdSharedQueue  *self,
                                              GVariant        *value,
                                              GError         **error);
GVariant       *mpd_shared_queue_get         (MpdSharedQueue  *self,
                                              double           timeout,
                                              GError         **error);
GVariant       *mpd_shared_queue_get_nowait  (MpdSharedQueue  *self,
                                              GError         **error);
int             mpd_shared_queue_qsize       (MpdSharedQueue  *self);
gboolean        mpd_shared_queue_empty       (MpdSharedQueue  *self);
gboolean        mpd_shared_queue_full        (MpdSharedQueue  *self);
gboolean        mpd_shared_queue_task_done   (MpdSharedQueue  *self,
                                              GError         **error);
void            mpd_shared_queue_join        (MpdSharedQueue  *self);
guint           mpd_shared_queue_get_n_lost  (MpdSharedQueue  *self);
int             mpd_shared_queue_get_read_fd (MpdSharedQueue  *self);
int             mpd_shared_queue_get_write_fd (MpdSharedQueue *self);

/* The frames of values, shared by the queue and by MpdConnection, and read by the fuzz test. */
#define MPD_VALUE_FRAME_HEADER_SIZE 20

gsize           mpd_value_frames_count       (gsize            value_size);
MpdValueReader *mpd_value_reader_new         (void);
void            mpd_value_reader_free        (MpdValueReader  *self);
gboolean        mpd_value_reader_push        (MpdValueReader  *self,
                                              const guint8    *frame,
                                              gsize            frame_len,
                                              GVariant       **value,
                                              GError         **error);
gboolean        mpd_value_reader_is_partial  (MpdValueReader  *self);
guint           mpd_value_reader_drop        (MpdValueReader  *self);
guint           mpd_value_reader_take_lost   (MpdValueReader  *self);
gboolean        mpd_value_write              (int              fd,
                                              GVariant        *value,
                                              guint32          number,
                                              const char      *wait_label,
                                              GError         **error);
gssize          mpd_value_read_frame         (int              fd,
                                              gboolean         records,
                                              guint8          *frame,
                                              GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpdValueReader, mpd_value_reader_free)

G_END_DECLS
