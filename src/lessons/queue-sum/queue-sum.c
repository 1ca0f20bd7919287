/* SPDX-License-Identifier: GPL-3.0-or-later */
/* queue-sum.c: five processes count, each puts its subtotal into one queue, and the parent
 * adds them up (seed 003, design pattern 1), with MpDemo's queue. */

/*
 * Each child counts to COUNT by adding 1, puts its subtotal, and ends. The parent waits for
 * the five (mpd_child_join() is join()), puts "exit" after their subtotals, then gets values until
 * "exit" comes: the queue keeps the order in which values went in, so "exit" comes last. A
 * value is a GVariant: the subtotals are int64 numbers and "exit" a string, as Python's queue
 * carries an int or a str. C counts far faster than Python (the compiler may even replace the
 * loop by its result); the lesson is the queue. Give another count on the command line:
 * ./queue-sum 100000000, as the post counts.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-shared-queue.h"

#define COUNT 10000000

static void
worker (int             number,
        long            count,
        MpdSharedQueue *q)
{
  long sub_total = 0;

  for (long i = 0; i < count; i++)
    sub_total += 1;
  mpd_shared_queue_put (q, g_variant_new_int64 (sub_total), MPD_WAIT_FOREVER, NULL);
  printf ("process %d (pid %d) put its subtotal %ld\n", number, (int) getpid (), sub_total);
}

int
main (int    argc,
      char **argv)
{
  long count = argc > 1 ? atol (argv[1]) : COUNT;
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *q;
  pid_t processes[5];
  gint64 start;
  long total = 0;

  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("parent pid %d: five processes each count to %ld\n", (int) getpid (), count);
  start = g_get_monotonic_time ();
  q = mpd_shared_queue_new ("q", 0, FALSE, &error);
  if (q == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (int i = 0; i < 5; i++)
    {
      processes[i] = fork ();
      if (processes[i] == 0)
        {
          worker (i, count, q);
          _exit (0);
        }
    }
  for (int i = 0; i < 5; i++)
    mpd_child_join (processes[i], MPD_WAIT_FOREVER, NULL);
  printf ("--- %.2f seconds to count, in five processes ---\n",
          (g_get_monotonic_time () - start) / 1e6);

  mpd_shared_queue_put (q, g_variant_new_string ("exit"), MPD_WAIT_FOREVER, NULL);
  for (;;)
    {
      g_autoptr(GVariant) value = mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
          g_str_equal (g_variant_get_string (value, NULL), "exit"))
        break;
      total += g_variant_get_int64 (value);
    }
  printf ("total %ld = 5 x %ld: %s\n", total, count, total == 5 * count ? "True" : "False");
  printf ("Main-Processing Done!\n");
  mpd_shared_queue_free (q);
  return 0;
}
