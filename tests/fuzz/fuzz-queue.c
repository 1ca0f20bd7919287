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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  gsize frames_bytes = 0;

  g_assert_nonnull (queue);
  check_against_gvariant (data, size);
  check_events (data, size);

  /* A pipe holds 64 KiB: larger inputs are cut there, which libFuzzer's default never is. */
  size = MIN (size, 60 * 1024);
  if (size > 0)
    g_assert_cmpint (write (mpd_queue_get_write_fd (queue), data, size), ==, (gssize) size);
  mpd_queue_close_write_end (queue);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      MpdMessage message;
      g_autofree char *time = NULL;

      switch (mpd_queue_get (queue, &message, &error))
        {
        case MPD_QUEUE_STATUS_MESSAGE:
          /* Each message took a frame of at least 5 bytes out of what was written, or a line
           * of text at least 1 (its newline, or what was left at the end): valid UTF-8 that
           * fits its message. */
          frames_bytes += message.is_text ? 1 : MPD_FRAME_HEADER_SIZE + 1;
          g_assert_cmpuint (frames_bytes, <=, size);
          if (message.is_text)
            {
              g_assert_cmpuint (strlen (message.text), <, sizeof message.text);
              g_assert_true (g_utf8_validate (message.text, -1, NULL));
            }
          time = mpd_message_format (&message);
          g_assert_nonnull (time);
          break;

        case MPD_QUEUE_STATUS_CLOSED:
          g_assert_no_error (error);
          return 0;

        case MPD_QUEUE_STATUS_ERROR:
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "Bad data in the pipe at byte ") ||
                         g_str_has_prefix (error->message, "The pipe was closed in the middle"));
          return 0;

        case MPD_QUEUE_STATUS_EMPTY:
        default:
          /* The write end is closed: the queue must never ask to wait. */
          g_assert_not_reached ();
        }
    }
}
