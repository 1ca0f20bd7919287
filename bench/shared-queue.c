/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shared-queue.c: how fast MpDemo's queue between processes (src/engine/mpd-shared-queue.c)
 * carries values from a child to its parent, for bench/run.py.
 *
 *   shared-queue COUNT SIZE    a child puts COUNT values of SIZE bytes (an "ay"; 0: an int32
 *                              each), the parent gets them all
 *
 * Prints "values COUNT seconds S": from the fork() to the last get(), the child joined.
 * bench/python_mp_queue.py does the same with Python's multiprocessing.Queue. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-shared-queue.h"

static GVariant *
make_value (gsize size,
            int   i)
{
  guint8 *bytes;

  if (size == 0)
    return g_variant_new_int32 (i);
  bytes = g_malloc (size);
  memset (bytes, i, size);
  return g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, bytes, size, TRUE, g_free, bytes);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  long count = argc > 1 ? atol (argv[1]) : 100000;
  gsize size = argc > 2 ? (gsize) atol (argv[2]) : 0;
  MpdSharedQueue *queue = mpd_shared_queue_new ("q", 0, FALSE, &error);
  gint64 start;
  pid_t child;

  if (queue == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  child = fork ();
  if (child == 0)
    {
      for (long i = 0; i < count; i++)
        if (!mpd_shared_queue_put (queue, make_value (size, (int) i), MPD_WAIT_FOREVER, &error))
          g_error ("%s", error->message);
      _exit (0);
    }
  for (long i = 0; i < count; i++)
    {
      g_autoptr(GVariant) value = mpd_shared_queue_get (queue, MPD_WAIT_FOREVER, &error);

      if (value == NULL)
        g_error ("%s", error->message);
    }
  mpd_child_join (child, MPD_WAIT_FOREVER, NULL);
  printf ("values %ld seconds %.6f\n", count, (g_get_monotonic_time () - start) / 1e6);
  mpd_shared_queue_free (queue);
  return 0;
}
