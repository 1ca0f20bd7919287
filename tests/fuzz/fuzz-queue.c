/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-queue.c: feeds any bytes through a real pipe to the queue, as a producer could. */

/*
 * A libFuzzer target (build-aux/dev.sh fuzz). Whatever the bytes, mpd_queue_get() must give
 * whole messages and then either the end of the stream or an error that explains itself:
 * never a crash, a hang or a message made of bytes it was not given. In the normal build,
 * fuzz-replay.c runs this same function over every file in tests/fuzz/corpus/, so each input
 * that ever crashed it stays a regression test.
 */

#include "config.h"

#include <stdint.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-queue.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  gsize frames_bytes = 0;

  g_assert_nonnull (queue);

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
          /* Each message took a frame of at least 5 bytes out of what was written. */
          frames_bytes += MPD_FRAME_HEADER_SIZE + 1;
          g_assert_cmpuint (frames_bytes, <=, size);
          time = mpd_message_format_wall_time (&message);
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
