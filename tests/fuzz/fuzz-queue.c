/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-queue.c: feeds any bytes through a real pipe to the queue, as a producer could. */

/*
 * A libFuzzer target (build-aux/dev.sh fuzz). Whatever the bytes, mpd_queue_get() must give
 * whole messages and then either the end of the stream or an error that explains itself:
 * never a crash, a hang or a message made of bytes it was not given (a frame, or a line of
 * text when the stream starts as text: see mpd-queue.c). And the decoder, which
 * reads the usual 39-byte payload directly for speed, must agree with GVariant itself on
 * every first frame: the same message, or an error when GVariant refuses. The same bytes, read
 * as a lesson's event channel (mpd-events.c), give whole events, each of them inside the bytes
 * and with a label in UTF-8, then an error or the start of a frame. In the normal build,
 * fuzz-replay.c runs this same function over every file in tests/fuzz/corpus/, so each input
 * that ever crashed it stays a regression test.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-events.h"
#include "mpd-queue.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Decodes the first frame of @data with mpd_message_decode_frame() and with GVariant alone,
 * and checks that both say the same. */
static void
check_against_gvariant (const uint8_t *data,
                        size_t         size)
{
  union { guint8 bytes[MPD_FRAME_MAX_PAYLOAD]; guint64 align; } payload;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) child = NULL;
  g_autoptr(GError) error = NULL;
  MpdMessage message, expected;
  gsize frame_len = 0;
  guint32 length;
  MpdFrameStatus status;

  if (size < MPD_FRAME_HEADER_SIZE)
    return;
  memcpy (&length, data, sizeof length);
  length = GUINT32_FROM_LE (length);
  if (length == 0 || length > MPD_FRAME_MAX_PAYLOAD || size - MPD_FRAME_HEADER_SIZE < length)
    return;

  status = mpd_message_decode_frame (&message, data, size, &frame_len, &error);

  memcpy (payload.bytes, data + MPD_FRAME_HEADER_SIZE, length);
  boxed = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_VARIANT, payload.bytes,
                                                       length, FALSE, NULL, NULL));
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (boxed);
      g_variant_unref (boxed);
      boxed = swapped;
    }
  if (g_variant_is_normal_form (boxed))
    child = g_variant_get_variant (boxed);

  if (child == NULL || !g_variant_is_of_type (child, MPD_MESSAGE_TYPE))
    {
      g_assert_cmpint (status, ==, MPD_FRAME_INVALID);
      g_assert_nonnull (error);
      return;
    }

  g_assert_cmpint (status, ==, MPD_FRAME_COMPLETE);
  g_assert_cmpuint (frame_len, ==, MPD_FRAME_HEADER_SIZE + length);
  g_variant_get (child, "(tixx)", &expected.sequence, &expected.pid, &expected.wall_time_us,
                 &expected.monotonic_time_us);
  g_assert_cmpuint (message.sequence, ==, expected.sequence);
  g_assert_cmpint (message.pid, ==, expected.pid);
  g_assert_cmpint (message.wall_time_us, ==, expected.wall_time_us);
  g_assert_cmpint (message.monotonic_time_us, ==, expected.monotonic_time_us);
}

/* Reads @data as an event channel: whole events, then an error or a frame not yet whole. */
static void
check_events (const uint8_t *data,
              size_t         size)
{
  gsize used = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      MpdEvent event = { 0 };
      gsize frame_len = 0;

      if (!mpd_event_decode_frame (&event, data + used, size - used, &frame_len, &error))
        {
          g_assert_null (event.label);
          return;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (frame_len, >, MPD_FRAME_HEADER_SIZE);
      g_assert_cmpuint (frame_len, <=, size - used);
      g_assert_nonnull (event.label);
      g_assert_true (g_utf8_validate (event.label, -1, NULL));
      used += frame_len;
      mpd_event_clear (&event);
    }
}

/* Writes @data into a new queue and takes every message out, @max_messages at a time with
 * mpd_queue_get_many(), or one at a time with mpd_queue_get() when it is 0; checks each message
 * and adds it to @messages. Returns how the stream ended, with the error's text. */
static MpdQueueStatus
drain (const uint8_t  *data,
       size_t          size,
       gsize           max_messages,
       GArray         *messages,
       char          **error_text)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autofree MpdMessage *taken = g_new (MpdMessage, MAX (max_messages, 1));
  gsize frames_bytes = 0;

  g_assert_nonnull (queue);
  if (size > 0)
    g_assert_cmpint (write (mpd_queue_get_write_fd (queue), data, size), ==, (gssize) size);
  mpd_queue_close_write_end (queue);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      MpdQueueStatus status;
      gsize n = 0;

      if (max_messages == 0)
        {
          status = mpd_queue_get (queue, taken, &error);
          n = status == MPD_QUEUE_STATUS_MESSAGE ? 1 : 0;
        }
      else
        {
          status = mpd_queue_get_many (queue, taken, max_messages, &n, &error);
          g_assert_cmpuint (n, <=, max_messages);
          g_assert_true ((status == MPD_QUEUE_STATUS_MESSAGE) == (n > 0));
        }

      switch (status)
        {
        case MPD_QUEUE_STATUS_MESSAGE:
          for (gsize i = 0; i < n; i++)
            {
              const MpdMessage *message = &taken[i];
              g_autofree char *time = NULL;

              /* Each message took a frame of at least 5 bytes out of what was written, or a
               * line of text at least 1 (its newline, or what was left at the end): valid
               * UTF-8 that fits its message. */
              frames_bytes += message->is_text ? 1 : MPD_FRAME_HEADER_SIZE + 1;
              g_assert_cmpuint (frames_bytes, <=, size);
              if (message->is_text)
                {
                  g_assert_cmpuint (strlen (message->text), <, sizeof message->text);
                  g_assert_true (g_utf8_validate (message->text, -1, NULL));
                }
              time = mpd_message_format (message);
              g_assert_nonnull (time);
              g_array_append_vals (messages, message, 1);
            }
          break;

        case MPD_QUEUE_STATUS_CLOSED:
          g_assert_no_error (error);
          return status;

        case MPD_QUEUE_STATUS_ERROR:
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "Bad data in the pipe at byte ") ||
                         g_str_has_prefix (error->message, "The pipe was closed in the middle"));
          *error_text = g_strdup (error->message);
          return status;

        case MPD_QUEUE_STATUS_EMPTY:
        default:
          /* The write end is closed: the queue must never ask to wait. */
          g_assert_not_reached ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) one_by_one = g_array_new (FALSE, FALSE, sizeof (MpdMessage));
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (MpdMessage));
  g_autofree char *one_by_one_error = NULL;
  g_autofree char *many_error = NULL;
  MpdQueueStatus one_by_one_end, many_end;

  check_against_gvariant (data, size);
  check_events (data, size);

  /* A pipe holds 64 KiB: larger inputs are cut there, which libFuzzer's default never is. */
  size = MIN (size, 60 * 1024);

  /* Taken many at a time (as the consumer does, with room for 1 to 64 here), the stream
   * gives the same messages, and ends the same way, as taken one at a time. */
  one_by_one_end = drain (data, size, 0, one_by_one, &one_by_one_error);
  many_end = drain (data, size, size > 0 ? data[size - 1] % 64 + 1 : 1, many, &many_error);
  g_assert_cmpint (many_end, ==, one_by_one_end);
  g_assert_cmpstr (many_error, ==, one_by_one_error);
  g_assert_cmpuint (many->len, ==, one_by_one->len);
  for (guint i = 0; i < many->len; i++)
    {
      const MpdMessage *a = &g_array_index (one_by_one, MpdMessage, i);
      const MpdMessage *b = &g_array_index (many, MpdMessage, i);

      g_assert_cmpuint (a->sequence, ==, b->sequence);
      g_assert_cmpint (a->pid, ==, b->pid);
      g_assert_cmpint (a->is_text, ==, b->is_text);
      g_assert_cmpstr (a->text, ==, b->text);
      /* (A line that is not a time was put when it was read: at two moments here.) */
      if (!a->is_text || (a->monotonic_time_us != 0 && b->monotonic_time_us != 0))
        g_assert_cmpint (a->wall_time_us, ==, b->wall_time_us);
      if (!a->is_text)
        g_assert_cmpint (a->monotonic_time_us, ==, b->monotonic_time_us);
    }

  return 0;
}
