/* SPDX-License-Identifier: GPL-3.0-or-later */
/* queue-api.c: a queue with a maxsize, and what each call does when it is full or empty;
 * then a joinable queue with task_done() and join() (seed 001's list of the Queue's methods),
 * with MpDemo's queue (src/engine/mpd-shared-queue.c). */

/*
 * A queue made with maxsize 3 holds three values at most. A fast producer puts five: its
 * fourth put() waits, asleep on a condition in the queue's shared memory (a futex), until the
 * parent takes one; the drawing shows it waiting. A timeout of 1 s on a full queue fails with
 * MPD_SHARED_QUEUE_ERROR_FULL, Python's queue.Full; get_nowait() on an empty queue fails at
 * once with MPD_SHARED_QUEUE_ERROR_EMPTY, Python's queue.Empty. qsize(), empty() and full()
 * read a count that another process may change the moment after: between processes they are
 * only approximate. A joinable queue counts the values put and not yet task_done(): join()
 * waits until that count is 0. Python prints True and False: so does this program.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-shared-queue.h"

static const char *
python_bool (gboolean value)
{
  return value ? "True" : "False";
}

static void
show (MpdSharedQueue *q,
      const char     *when)
{
  printf ("%s: qsize() %d, empty() %s, full() %s\n", when, mpd_shared_queue_qsize (q),
          python_bool (mpd_shared_queue_empty (q)), python_bool (mpd_shared_queue_full (q)));
}

static void
producer (MpdSharedQueue *q)
{
  for (int i = 1; i <= 5; i++)
    {
      printf ("producer: put(%d)\n", i);
      mpd_shared_queue_put (q, g_variant_new_int32 (i), MPD_WAIT_FOREVER, NULL);
    }
  printf ("producer: all five are in\n");
}

static void
consumer (MpdSharedQueue *jq)
{
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GVariant) task = mpd_shared_queue_get (jq, MPD_WAIT_FOREVER, NULL);

      printf ("consumer: did %s, task_done()\n", g_variant_get_string (task, NULL));
      mpd_shared_queue_task_done (jq, NULL);
    }
}

/* fork(), and run @func in the child: Process(target=func, args=(queue,)).start(). */
static pid_t
start (void          (*func) (MpdSharedQueue *queue),
       MpdSharedQueue *queue)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      func (queue);
      _exit (0);
    }
  return pid;
}

int
main (void)
{
  const char *tasks[] = { "task A", "task B", "task C" };
  g_autoptr(GError) error = NULL;
  MpdSharedQueue *q, *jq;
  gint64 start_us;
  pid_t p, c;

  setvbuf (stdout, NULL, _IOLBF, 0);
  q = mpd_shared_queue_new ("q", 3, FALSE, &error);
  jq = mpd_shared_queue_new ("q2", 0, TRUE, &error);
  if (q == NULL || jq == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  show (q, "new Queue(maxsize=3)");

  p = start (producer, q);
  sleep (2);   /* the producer has put three, and waits in its fourth put() */
  show (q, "after 2 s");

  start_us = g_get_monotonic_time ();
  if (!mpd_shared_queue_put (q, g_variant_new_int32 (99), 1.0, &error) &&
      g_error_matches (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_FULL))
    printf ("put(99, timeout=1) raised Full after %.0f s: the queue holds its maxsize\n",
            (g_get_monotonic_time () - start_us) / 1e6);
  g_clear_error (&error);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GVariant) value = mpd_shared_queue_get (q, MPD_WAIT_FOREVER, NULL);

      printf ("parent: get() -> %d\n", g_variant_get_int32 (value));
    }
  mpd_child_join (p, MPD_WAIT_FOREVER, NULL);
  show (q, "after five get()");
  if (mpd_shared_queue_get_nowait (q, &error) == NULL &&
      g_error_matches (error, MPD_SHARED_QUEUE_ERROR, MPD_SHARED_QUEUE_ERROR_EMPTY))
    printf ("get_nowait() raised Empty: no value is waiting\n");

  for (int i = 0; i < 3; i++)
    mpd_shared_queue_put (jq, g_variant_new_string (tasks[i]), MPD_WAIT_FOREVER, NULL);
  c = start (consumer, jq);
  mpd_shared_queue_join (jq);
  printf ("jq.join() returned: every task got its task_done()\n");
  mpd_child_join (c, MPD_WAIT_FOREVER, NULL);

  mpd_shared_queue_free (q);
  mpd_shared_queue_free (jq);
  return 0;
}
