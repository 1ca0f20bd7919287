/* SPDX-License-Identifier: GPL-3.0-or-later */
/* queue-join-deadlock.c: joining a process before taking what it put into a queue can wait
 * for ever, with MpDemo's queue (src/engine/mpd-shared-queue.c). */

/*
 * A queue is a pipe underneath, and a pipe holds 64 KiB. The child puts one value of 1 MB:
 * its put() writes the first 64 KiB, then waits for room in the pipe, which only a reader
 * makes. The parent meanwhile waits for the child to end (join): each waits for the other,
 * for ever. Seed 003's pattern joins its workers before it gets their values, and works only
 * because its values are small. In Python, put() returns at once and a thread of the child
 * writes the value; the child then waits for that thread when it ends: the same wait, one step
 * later. Here the parent gives up after three seconds (mpd_child_join() with a timeout, as
 * Python's join(timeout=3)) and says so; then it does what it should have done first: it takes
 * the value, and the child can end. The second time it gets first, then joins.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-shared-queue.h"

#define SIZE 1000000

static pid_t
start_child (MpdSharedQueue *q)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      char *bytes = g_malloc (SIZE);
      GVariant *value;

      memset (bytes, 'x', SIZE);
      value = g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, bytes, SIZE, TRUE, g_free, bytes);
      mpd_shared_queue_put (q, value, MPD_WAIT_FOREVER, NULL);
      printf ("child: put() of %d bytes\n", SIZE);
      _exit (0);
    }
  return pid;
}

static void
take_value (MpdSharedQueue *q,
            const char     *after)
{
  g_autoptr(GVariant) value = mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL);

  printf ("the parent took the value (%zu bytes)%s\n", g_variant_get_size (value), after);
}

static void
join (pid_t pid)
{
  int status;

  mpd_child_join (pid, MPD_WAIT_FOREVER, &status);
  printf ("joined: exitcode %d\n", WEXITSTATUS (status));
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *q;
  pid_t p;

  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("1. join() first, then get():\n");
  q = mpd_shared_queue_new ("q", 0, FALSE, &error);
  if (q == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  p = start_child (q);
  if (!mpd_child_join (p, 3.0, NULL))
    {
      printf ("stuck: after 3 s, join() still waits for the child, and the child still waits "
              "to write its value into the pipe, which is full (64 KiB) because nobody reads it\n");
      take_value (q, ": the child can end");
    }
  join (p);
  mpd_shared_queue_free (q);

  printf ("2. get() first, then join():\n");
  q = mpd_shared_queue_new ("q", 0, FALSE, &error);
  p = start_child (q);
  take_value (q, "");
  join (p);
  mpd_shared_queue_free (q);
  return 0;
}
