/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-shared-queue.c: feeds any bytes through a real pipe to the reader of MpdSharedQueue,
 * as a program that wrote into the queue's pipe without the queue could. */

/*
 * A libFuzzer target (build-aux/dev.sh fuzz). Whatever the bytes, mpd_shared_queue_get() must
 * give whole values, each made of bytes it was given, or an error that says what was wrong
 * with a frame, and then "Empty": never a crash, a hang (the reader must not wait for the rest
 * of a frame that is not in the pipe: a queue writes each frame with one write()), or a value
 * made of two writers' halves. In the normal build, fuzz-replay.c runs this same function over
 * every file in tests/fuzz/shared-queue-corpus/.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <glib.h>

#include "mpd-shared-queue.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *queue = mpd_shared_queue_new ("q", 0, TRUE, &error);
  gsize taken = 0;
  int left = -1;

  g_assert_no_error (error);
  /* A pipe holds 64 KiB: larger inputs are cut there, which libFuzzer's default never is. */
  size = MIN (size, 60 * 1024);
  if (size > 0)
    g_assert_cmpint (write (mpd_shared_queue_get_write_fd (queue), data, size), ==, (gssize) size);

  /* Each get() takes at least one byte out of the pipe, or says it is empty. */
  for (gsize i = 0; i <= size; i++)
    {
      g_autoptr(GVariant) value = mpd_shared_queue_get (queue, 0, &error);

      if (value != NULL)
        {
          /* Its frames' headers and its bytes were all in the input. */
          taken += MPD_VALUE_FRAME_HEADER_SIZE + g_variant_get_size (value);
          g_assert_cmpuint (taken, <=, size);
          g_assert_true (g_variant_is_normal_form (value));
          continue;
        }
      g_assert_nonnull (error);
      g_assert_true (error->domain == MPD_SHARED_QUEUE_ERROR);
      if (error->code == MPD_SHARED_QUEUE_ERROR_EMPTY)
        break;
      g_assert_cmpint (error->code, ==, MPD_SHARED_QUEUE_ERROR_BAD_DATA);
      g_assert_true (g_str_has_prefix (error->message, "A frame in the pipe is not part of a value") ||
                     g_str_has_prefix (error->message, "A value of "));
      g_clear_error (&error);
    }
  g_assert_error (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_EMPTY);
  /* Nothing was left behind in the pipe. */
  g_assert_cmpint (ioctl (mpd_shared_queue_get_read_fd (queue), FIONREAD, &left), ==, 0);
  g_assert_cmpint (left, ==, 0);
  mpd_shared_queue_free (queue);
  return 0;
}
