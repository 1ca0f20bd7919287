/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dummy-producer.c: a producer that misbehaves on purpose, for the tests. */

/*
 * It takes the same options as mpdemo-producer (and ignores them), and does what its
 * option --mode=MODE says:
 *   count:N        writes messages 1 to N at once, then exits with status 0
 *   many-pids:N    writes N messages, each saying it comes from another pid (1, 2, 3…), then
 *                  exits with status 0: a stream that no real set of producers would send
 *   huge-sequence  writes message 1, then one numbered 2^64 - 2, then exits with status 0
 *   exit:S         writes one message, then exits with status S
 *   ignore-term    ignores SIGTERM, writes one message, then waits forever
 *   half-frame     writes one message and half of the next, then exits with status 0
 *   segfault       writes one message, then crashes with SIGSEGV
 *   close-stdout   writes one message, closes its stdout (the pipe), then waits forever: the
 *                  reader sees the end of the stream from a producer that still runs
 *   bad-then-exit:S  ignores SIGTERM, writes one message and a frame of length 0, then exits
 *                  with status S: its end is its own, whenever the app reads the bad frame
 *   random:N       writes N bytes that look random (from a fixed seed, so always the same),
 *                  then exits with status 0
 *   bad:KIND       writes one message, then one bad frame, then waits forever (the app must
 *                  stop it). KIND is one of:
 *                    zero-length   a length of 0
 *                    too-long      a length of MPD_FRAME_MAX_PAYLOAD + 1
 *                    not-gvariant  8 bytes that are not a GVariant of type "v"
 *                    wrong-type    a GVariant holding a string, not a message
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-queue.h"

static void
put_messages (MpdQueue *queue,
              guint64   count)
{
  for (guint64 sequence = 1; sequence <= count; sequence++)
    {
      g_autoptr(GError) error = NULL;
      MpdMessage message;

      mpd_message_init_now (&message, sequence);
      if (!mpd_queue_put (queue, &message, &error))
        {
          g_printerr ("dummy-producer: %s\n", error->message);
          exit (1);
        }
    }
}

/* A frame: a 4-byte little-endian @length, then @payload_size bytes of @payload. */
static GBytes *
make_frame (guint32       length,
            gconstpointer payload,
            gsize         payload_size)
{
  guint32 length_le = GUINT32_TO_LE (length);
  GByteArray *frame = g_byte_array_new ();

  g_byte_array_append (frame, (const guint8 *) &length_le, sizeof length_le);
  g_byte_array_append (frame, payload, payload_size);
  return g_byte_array_free_to_bytes (frame);
}

static GBytes *
bad_frame (const char *kind)
{
  if (g_str_equal (kind, "zero-length"))
    return make_frame (0, NULL, 0);

  if (g_str_equal (kind, "too-long"))
    return make_frame (MPD_FRAME_MAX_PAYLOAD + 1, NULL, 0);

  if (g_str_equal (kind, "not-gvariant"))
    {
      /* A "v" ends with a 0 byte and a type string: these 8 bytes have neither. */
      static const guint8 junk[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

      return make_frame (sizeof junk, junk, sizeof junk);
    }

  if (g_str_equal (kind, "wrong-type"))
    {
      g_autoptr(GVariant) boxed =
        g_variant_ref_sink (g_variant_new_variant (g_variant_new_string ("hello")));

      return make_frame (g_variant_get_size (boxed), g_variant_get_data (boxed),
                         g_variant_get_size (boxed));
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpdQueue) queue = mpd_queue_new_for_fds (-1, dup (STDOUT_FILENO));
  const char *mode = "count:1";

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--mode="))
      mode = argv[i] + strlen ("--mode=");

  if (g_str_has_prefix (mode, "count:"))
    {
      put_messages (queue, g_ascii_strtoull (mode + strlen ("count:"), NULL, 10));
      return 0;
    }

  if (g_str_has_prefix (mode, "many-pids:"))
    {
      guint64 count = g_ascii_strtoull (mode + strlen ("many-pids:"), NULL, 10);

      for (guint64 i = 0; i < count; i++)
        {
          MpdMessage message;

          mpd_message_init_now (&message, 1);
          message.pid = (gint32) (i % G_MAXINT32) + 1;
          if (!mpd_queue_put (queue, &message, NULL))
            return 1;
        }
      return 0;
    }

  if (g_str_equal (mode, "huge-sequence"))
    {
      MpdMessage message;

      put_messages (queue, 1);
      mpd_message_init_now (&message, G_MAXUINT64 - 1);
      return mpd_queue_put (queue, &message, NULL) ? 0 : 1;
    }

  if (g_str_has_prefix (mode, "exit:"))
    {
      put_messages (queue, 1);
      return (int) g_ascii_strtoll (mode + strlen ("exit:"), NULL, 10);
    }

  if (g_str_equal (mode, "ignore-term"))
    {
      signal (SIGTERM, SIG_IGN);
      put_messages (queue, 1);
      for (;;)
        pause ();
    }

  if (g_str_has_prefix (mode, "random:"))
    {
      guint64 count = g_ascii_strtoull (mode + strlen ("random:"), NULL, 10);
      g_autoptr(GRand) rand = g_rand_new_with_seed (14);
      g_autofree guint8 *bytes = g_malloc (count);

      for (guint64 i = 0; i < count; i++)
        bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
      for (guint64 done = 0; done < count;)
        {
          gssize n = write (STDOUT_FILENO, bytes + done, count - done);

          if (n < 0)
            return 1;
          done += n;
        }
      return 0;
    }

  if (g_str_equal (mode, "half-frame"))
    {
      guint8 frame[MPD_FRAME_MAX_SIZE];
      MpdMessage message;
      gsize length;

      put_messages (queue, 1);
      mpd_message_init_now (&message, 2);
      length = mpd_message_encode_frame (&message, frame, sizeof frame);
      if (write (STDOUT_FILENO, frame, length / 2) < 0)
        return 1;
      return 0;
    }

  if (g_str_equal (mode, "segfault"))
    {
      put_messages (queue, 1);
      /* The default action, even under AddressSanitizer, which would catch it otherwise. */
      signal (SIGSEGV, SIG_DFL);
      raise (SIGSEGV);
      return 1;
    }

  if (g_str_equal (mode, "close-stdout"))
    {
      put_messages (queue, 1);
      g_clear_object (&queue);
      close (STDOUT_FILENO);
      for (;;)
        pause ();
    }

  if (g_str_has_prefix (mode, "bad-then-exit:"))
    {
      g_autoptr(GBytes) frame = bad_frame ("zero-length");

      signal (SIGTERM, SIG_IGN);
      put_messages (queue, 1);
      if (write (STDOUT_FILENO, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame)) < 0)
        return 1;
      return (int) g_ascii_strtoll (mode + strlen ("bad-then-exit:"), NULL, 10);
    }

  if (g_str_has_prefix (mode, "bad:"))
    {
      g_autoptr(GBytes) frame = bad_frame (mode + strlen ("bad:"));
      gsize size;
      gconstpointer data;

      if (frame == NULL)
        {
          g_printerr ("dummy-producer: unknown kind of bad frame %s\n", mode);
          return 2;
        }

      put_messages (queue, 1);
      data = g_bytes_get_data (frame, &size);
      if (write (STDOUT_FILENO, data, size) != (gssize) size)
        return 1;
      for (;;)
        pause ();
    }

  g_printerr ("dummy-producer: unknown mode %s\n", mode);
  return 2;
}
