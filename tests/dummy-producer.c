/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dummy-producer.c: a producer that misbehaves on purpose, for the tests. */

/*
 * It takes the same options as mpdemo-producer (and ignores them), and does what its
 * option --mode=MODE says:
 *   count:N        writes messages 1 to N at once, then exits with status 0
 *   exit:S         writes one message, then exits with status S
 *   ignore-term    ignores SIGTERM, writes one message, then waits forever
 *   half-frame     writes one message and half of the next, then exits with status 0
 *   bad-length     writes one message and a frame header of length 0, then waits forever
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

  if (g_str_equal (mode, "bad-length"))
    {
      const guint8 zero_length[4] = { 0, 0, 0, 0 };

      put_messages (queue, 1);
      if (write (STDOUT_FILENO, zero_length, sizeof zero_length) < 0)
        return 1;
      for (;;)
        pause ();
    }

  g_printerr ("dummy-producer: unknown mode %s\n", mode);
  return 2;
}
