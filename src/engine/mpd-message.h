/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-message.h: one message on the queue, and the frame it travels in through a pipe. */

#pragma once

#include <limits.h>
#include <glib-object.h>

G_BEGIN_DECLS

/*
 * The wire format, in full (docs/protocol.md says the same with an example):
 *
 *   frame   = length payload
 *   length  = 4 bytes, unsigned, little-endian: the size of the payload in bytes,
 *             1 to MPD_FRAME_MAX_PAYLOAD
 *   payload = a GVariant of type "v" in normal form, little-endian, whose child is a
 *             message of type "(tixx)":
 *               t  sequence number, counting from 1 for each producer
 *               i  the producer's process id
 *               x  wall-clock time when the message was put, in µs since 1970 (UTC)
 *               x  CLOCK_MONOTONIC time when the message was put, in µs
 *
 * A whole frame is never larger than PIPE_BUF (4096 bytes on Linux), so the kernel writes
 * it into the pipe in one piece: several producers may share one pipe and their frames
 * never interleave.
 */
#define MPD_FRAME_HEADER_SIZE  4
#define MPD_FRAME_MAX_SIZE     PIPE_BUF
#define MPD_FRAME_MAX_PAYLOAD  (MPD_FRAME_MAX_SIZE - MPD_FRAME_HEADER_SIZE)

/* The size of a message's frame: the length, then 39 bytes of payload (see mpd-message.c).
 * A frame that another writer encodes differently may differ in size, never ours. */
#define MPD_MESSAGE_FRAME_SIZE (MPD_FRAME_HEADER_SIZE + 39)

#define MPD_MESSAGE_TYPE_STRING "(tixx)"
#define MPD_MESSAGE_TYPE        ((const GVariantType *) MPD_MESSAGE_TYPE_STRING)

#define MPD_MESSAGE_ERROR (mpd_message_error_quark ())

typedef enum
{
  MPD_MESSAGE_ERROR_BAD_LENGTH,
  MPD_MESSAGE_ERROR_BAD_PAYLOAD,
  MPD_MESSAGE_ERROR_TRUNCATED,
} MpdMessageError;

/* @a + @b, or G_MAXUINT64 when the sum does not fit: a count of messages built from
 * sequence numbers that a producer chose may be anything, and must never wrap to a small one. */
static inline guint64
mpd_count_add (guint64 a,
               guint64 b)
{
  return b > G_MAXUINT64 - a ? G_MAXUINT64 : a + b;
}

/* A producer may also print lines of text instead of frames, as a student's first producer
 * does (`print(str(datetime.now()), flush=True)`): each line is then one message, and
 * keeps what was printed, cut to MPD_MESSAGE_TEXT_SIZE - 1 bytes, to be shown as printed. */
#define MPD_MESSAGE_TEXT_SIZE 40

typedef struct
{
  guint64 sequence;
  gint32  pid;
  guint8  is_text;     /* a line of text: @text holds it; @pid is what the queue was told */
  gint64  wall_time_us;
  gint64  monotonic_time_us;
  char    text[MPD_MESSAGE_TEXT_SIZE];
} MpdMessage;

typedef enum
{
  MPD_FRAME_COMPLETE,   /* a message was decoded */
  MPD_FRAME_INCOMPLETE, /* the data holds only the start of a frame: read more */
  MPD_FRAME_INVALID,    /* the data is not a valid frame: the error says why */
} MpdFrameStatus;

#define MPD_TYPE_MESSAGE (mpd_message_get_type ())

GType           mpd_message_get_type         (void) G_GNUC_CONST;
GQuark          mpd_message_error_quark      (void);
MpdMessage     *mpd_message_copy             (const MpdMessage  *self);
void            mpd_message_free             (MpdMessage        *self);
void            mpd_message_init_now         (MpdMessage        *self,
                                              guint64            sequence);
GVariant       *mpd_message_to_variant       (const MpdMessage  *self);
gboolean        mpd_message_init_from_variant (MpdMessage       *self,
                                              GVariant          *variant,
                                              GError           **error);
gsize           mpd_message_encode_frame     (const MpdMessage  *self,
                                              guint8            *frame,
                                              gsize              frame_size);
gsize           mpd_message_encode_frames    (const MpdMessage  *messages,
                                              gsize              n_messages,
                                              guint8            *buffer,
                                              gsize              buffer_size,
                                              gsize             *n_encoded);
GVariant       *mpd_frame_dup_payload        (const guint8      *payload,
                                              gsize              length);
MpdFrameStatus  mpd_message_decode_frame     (MpdMessage        *self,
                                              const guint8      *data,
                                              gsize              data_len,
                                              gsize             *frame_len,
                                              GError           **error);
MpdFrameStatus  mpd_message_decode_frames    (MpdMessage        *messages,
                                              gsize              max_messages,
                                              const guint8      *data,
                                              gsize              data_len,
                                              gsize             *n_messages,
                                              gsize             *used,
                                              GError           **error);
void            mpd_message_init_from_line   (MpdMessage        *self,
                                              const char        *line,
                                              gsize              line_len,
                                              guint64            sequence);
gboolean        mpd_message_bytes_are_text   (const guint8      *bytes,
                                              gsize              len);
char           *mpd_message_format_wall_time (const MpdMessage  *self);
char           *mpd_message_format           (const MpdMessage  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpdMessage, mpd_message_free)

G_END_DECLS
