/* SPDX-License-Identifier: GPL-3.0-or-later */
/* queue-basics.c: a queue carries values in order, and between processes (seed 004, 4.1),
 * with MpDemo's queue (src/engine/mpd-shared-queue.c). */

/*
 * mpd_shared_queue_new() is Python's Queue(): a pipe, and a little shared memory for its
 * locks and counts. Made before fork(), it is shared by the parent and every child. First one
 * process alone puts 1, 2 and 3 and gets them back in the order they went in: first in, first
 * out. Then two children each put a list, and the parent gets them. A value crosses the pipe
 * as bytes (a serialized GVariant, where Python pickles), so the parent gets a copy, not the
 * child's own. Python's list [42, None, 'process 1'] is the GVariant (42, nothing, 'process 1')
 * of type "(imss)" here, printed as Python prints the list.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-shared-queue.h"

/* [42, None, 'process 1'], as Python prints it. */
static void
print_list (const char *before,
            GVariant   *list)
{
  const char *none, *text;
  int number;

  g_variant_get (list, "(im&s&s)", &number, &none, &text);
  printf ("%s[%d, %s, '%s']\n", before, number, none != NULL ? none : "None", text);
}

static void
print_int (GVariant *value)
{
  printf ("%d\n", g_variant_get_int32 (value));
  g_variant_unref (value);
}

/* A child that puts the list [number, None, text] into the queue, and ends. */
static pid_t
start_child (MpdSharedQueue *q,
             int             number,
             const char     *text)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      GVariant *list = g_variant_new ("(imss)", number, NULL, text);

      _exit (mpd_shared_queue_put (q, list, MPD_WAIT_FOREVER, NULL) ? 0 : 1);
    }
  return pid;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *q;
  GVariant *value;
  pid_t p1, p2;

  setvbuf (stdout, NULL, _IOLBF, 0);
  q = mpd_shared_queue_new ("q", 0, FALSE, &error);
  if (q == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  mpd_shared_queue_put (q, g_variant_new_int32 (1), MPD_WAIT_FOREVER, NULL);
  mpd_shared_queue_put (q, g_variant_new_int32 (2), MPD_WAIT_FOREVER, NULL);
  mpd_shared_queue_put (q, g_variant_new_int32 (3), MPD_WAIT_FOREVER, NULL);
  print_int (mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL));
  print_int (mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL));
  print_int (mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL));

  p1 = start_child (q, 42, "process 1");
  value = mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL);
  print_list ("the parent got ", value);
  g_variant_unref (value);
  mpd_child_join (p1, MPD_WAIT_FOREVER, NULL);
  p2 = start_child (q, 31, "process 2");
  value = mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL);
  print_list ("the parent got ", value);
  g_variant_unref (value);
  mpd_child_join (p2, MPD_WAIT_FOREVER, NULL);
  printf ("both children joined\n");

  mpd_shared_queue_free (q);
  return 0;
}
