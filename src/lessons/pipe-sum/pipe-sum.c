/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pipe-sum.c: five processes count, and each sends its subtotal on the same end of one pipe;
 * the parent receives five times and adds them up (seed 003, design pattern 2), with
 * MpDemo's pipe (src/engine/mpd-connection.c). */

/*
 * All five children hold a copy of the same end, child_conn, and send on it; the parent
 * receives on parent_conn. Each subtotal is one message, one record of the socket pair, so
 * two messages never mix. The parent receives one subtotal, then joins one process, five
 * times. C counts far faster than Python (the compiler may even replace the loop by its
 * result); the lesson is the pipe. Give another count on the command line:
 * ./pipe-sum 100000000, as the post counts.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-connection.h"

#define COUNT 10000000

static void
worker (int            number,
        long           count,
        MpdConnection *conn)
{
  long sub_total = 0;

  for (long i = 0; i < count; i++)
    sub_total += 1;
  mpd_connection_send (conn, g_variant_new_int64 (sub_total), NULL);
  mpd_connection_close (conn);
  printf ("process %d (pid %d) sent its subtotal %ld\n", number, (int) getpid (), sub_total);
}

int
main (int    argc,
      char **argv)
{
  long count = argc > 1 ? atol (argv[1]) : COUNT;
  g_autoptr(GError) error = NULL;
  MpdConnection *parent_conn, *child_conn;
  pid_t processes[5];
  gint64 start;
  long total = 0;

  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("parent pid %d: five processes each count to %ld\n", (int) getpid (), count);
  start = g_get_monotonic_time ();
  if (!mpd_pipe_new (TRUE, &parent_conn, &child_conn, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (int i = 0; i < 5; i++)
    {
      processes[i] = fork ();
      if (processes[i] == 0)
        {
          worker (i, count, child_conn);
          _exit (0);
        }
    }

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GVariant) value = mpd_connection_recv (parent_conn, &error);

      if (value == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      total += g_variant_get_int64 (value);
      mpd_child_join (processes[i], MPD_WAIT_FOREVER, NULL);
    }
  printf ("--- %.2f seconds, in five processes ---\n", (g_get_monotonic_time () - start) / 1e6);
  printf ("total %ld = 5 x %ld: %s\n", total, count, total == 5 * count ? "True" : "False");
  printf ("Main-Processing Done!\n");
  mpd_connection_free (parent_conn);
  mpd_connection_free (child_conn);
  return 0;
}
