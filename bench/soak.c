/* SPDX-License-Identifier: GPL-3.0-or-later */
/* soak.c: 10 million messages from 4 flooding producers: is any lost, doubled or late? */

/*
 * A benchmark, not a test: `meson test -C _build --benchmark --verbose soak`, or
 * `build-aux/dev.sh bench`. Four mpdemo-producer processes flood one pipe (--interval=0) with
 * 2,500,000 messages each, and one MpdConsumer thread hands them to this main loop, as in the
 * app. For each producer it counts the messages that never came (lost), came twice
 * (duplicated) or came after a later one (out of order), and prints them: all must be 0.
 *
 * Its speed is printed beside a reference measured in the same run: the same four producers,
 * the same pipe, read by a loop that only counts bytes, with no decoding, no thread and no
 * main loop. The ratio is what the consumer's work costs.
 *
 * MPD_SOAK_MESSAGES sets the messages per producer (2500000), for a quicker run.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <gio/gio.h>

#include "mpd-consumer.h"
#include "mpd-test-utils.h"

#define N_PRODUCERS 4

typedef struct
{
  int      pid;
  guint8  *seen;          /* one bit per sequence number */
  guint64  n_received;
  guint64  highest;
  guint64  duplicated;
  guint64  out_of_order;
  guint64  out_of_range;
} Producer;

typedef struct
{
  Producer producers[N_PRODUCERS];
  guint64  per_producer;
  guint64  n_batches;
  guint64  unknown_pid;
} Soak;

static Producer *
find_producer (Soak *soak,
               int   pid)
{
  for (guint i = 0; i < N_PRODUCERS; i++)
    if (soak->producers[i].pid == pid)
      return &soak->producers[i];

  return NULL;
}

static void
messages_received_cb (MpdConsumer *consumer,
                      GArray      *messages,
                      Soak        *soak)
{
  soak->n_batches++;

  for (guint i = 0; i < messages->len; i++)
    {
      const MpdMessage *message = &g_array_index (messages, MpdMessage, i);
      Producer *producer = find_producer (soak, message->pid);
      guint64 sequence = message->sequence;

      if (producer == NULL)
        {
          soak->unknown_pid++;
          continue;
        }

      if (sequence < 1 || sequence > soak->per_producer)
        {
          producer->out_of_range++;
          continue;
        }

      if (producer->seen[(sequence - 1) / 8] & (1 << ((sequence - 1) % 8)))
        {
          producer->duplicated++;
          continue;
        }
      producer->seen[(sequence - 1) / 8] |= 1 << ((sequence - 1) % 8);
      producer->n_received++;

      if (sequence < producer->highest)
        producer->out_of_order++;
      producer->highest = MAX (producer->highest, sequence);
    }
}

/* Starts the producers, each with its own copy of the pipe's write end, and closes ours. */
static void
spawn_producers (MpdQueue    *queue,
                 guint64      per_producer,
                 GSubprocess *processes[N_PRODUCERS],
                 Soak        *soak)
{
  g_autofree char *count_arg = g_strdup_printf ("--count=%" G_GUINT64_FORMAT, per_producer);

  for (guint i = 0; i < N_PRODUCERS; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autoptr(GError) error = NULL;

      g_subprocess_launcher_take_stdout_fd (launcher, dup (mpd_queue_get_write_fd (queue)));
      processes[i] = g_subprocess_launcher_spawn (launcher, &error,
                                                  mpd_test_program ("MPD_PRODUCER_PROGRAM"),
                                                  "--interval=0", count_arg, NULL);
      g_assert_no_error (error);
      if (soak != NULL)
        soak->producers[i].pid = atoi (g_subprocess_get_identifier (processes[i]));
    }

  mpd_queue_close_write_end (queue);
}

static void
wait_for_producers (GSubprocess *processes[N_PRODUCERS])
{
  for (guint i = 0; i < N_PRODUCERS; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (g_subprocess_wait_check (processes[i], NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&processes[i]);
    }
}

/* The reference: the same producers and pipe, read and thrown away. Returns the seconds. */
static double
run_reference (guint64  per_producer,
               guint64 *n_bytes)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  GSubprocess *processes[N_PRODUCERS];
  int fd = mpd_queue_get_read_fd (queue);
  static guint8 buffer[65536];
  GPollFD poll_fd = { .fd = fd, .events = G_IO_IN };
  gint64 started = g_get_monotonic_time ();

  spawn_producers (queue, per_producer, processes, NULL);
  *n_bytes = 0;
  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        *n_bytes += n;
      else if (n == 0)
        break;
      else if (errno == EAGAIN)
        g_poll (&poll_fd, 1, -1);
      else if (errno != EINTR)
        g_error ("read: %s", g_strerror (errno));
    }
  wait_for_producers (processes);

  return (g_get_monotonic_time () - started) / 1e6;
}

/* The real thing: MpdConsumer's thread decodes, batches and hands over to this main loop. */
static double
run_soak (Soak *soak)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(MpdConsumer) consumer = mpd_consumer_new (queue);
  GSubprocess *processes[N_PRODUCERS];
  gint64 started = g_get_monotonic_time ();

  spawn_producers (queue, soak->per_producer, processes, soak);
  g_signal_connect (consumer, "messages-received", G_CALLBACK (messages_received_cb), soak);
  g_assert_true (mpd_consumer_start (consumer, NULL));
  while (mpd_consumer_get_running (consumer))
    g_main_context_iteration (NULL, TRUE);
  wait_for_producers (processes);

  return (g_get_monotonic_time () - started) / 1e6;
}

int
main (void)
{
  const char *env = g_getenv ("MPD_SOAK_MESSAGES");
  guint64 per_producer = env ? g_ascii_strtoull (env, NULL, 10) : 2500000;
  guint64 total = per_producer * N_PRODUCERS;
  guint64 lost = 0, duplicated = 0, out_of_order = 0, bad = 0;
  guint64 reference_bytes;
  double reference_s, soak_s;
  Soak soak = { .per_producer = per_producer };

  g_assert_cmpuint (per_producer, >, 0);
  for (guint i = 0; i < N_PRODUCERS; i++)
    soak.producers[i].seen = g_malloc0 (per_producer / 8 + 1);

  reference_s = run_reference (per_producer, &reference_bytes);
  soak_s = run_soak (&soak);

  printf ("soak: %d producers x %" G_GUINT64_FORMAT " messages, flooding one pipe\n",
          N_PRODUCERS, per_producer);
  printf ("%-10s %10s %10s %12s %14s\n", "producer", "received", "lost", "duplicated",
          "out of order");
  for (guint i = 0; i < N_PRODUCERS; i++)
    {
      Producer *producer = &soak.producers[i];
      guint64 producer_lost = per_producer - producer->n_received;

      printf ("pid %-6d %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT
              " %14" G_GUINT64_FORMAT "\n",
              producer->pid, producer->n_received, producer_lost, producer->duplicated,
              producer->out_of_order);
      lost += producer_lost;
      duplicated += producer->duplicated;
      out_of_order += producer->out_of_order;
      bad += producer->out_of_range;
      g_free (producer->seen);
    }
  bad += soak.unknown_pid;

  printf ("total: %" G_GUINT64_FORMAT " messages, %" G_GUINT64_FORMAT " lost, %" G_GUINT64_FORMAT
          " duplicated, %" G_GUINT64_FORMAT " out of order, %" G_GUINT64_FORMAT " unexpected\n",
          total, lost, duplicated, out_of_order, bad);
  printf ("consumer (decode, batch, hand to the main loop): %.2f s, %.0f messages/s, "
          "%" G_GUINT64_FORMAT " batches\n", soak_s, total / soak_s, soak.n_batches);
  printf ("reference (the same pipe, bytes read and dropped): %.2f s, %.0f messages/s\n",
          reference_s, total / reference_s);
  printf ("ratio consumer / reference time: %.2f\n", soak_s / reference_s);
  g_assert_cmpuint (reference_bytes, >, 0);

  return (lost | duplicated | out_of_order | bad) == 0 ? 0 : 1;
}
