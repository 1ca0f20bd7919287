/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-stats.c: live figures about the messages received: rate, latency, losses, history. */

/*
 * Every message says who sent it (the producer's pid), its number in that producer's
 * sequence (1, 2, 3, ...) and when it was put into the queue (CLOCK_MONOTONIC, the same clock
 * in every process of the machine). That is enough to tell, in the main loop:
 *  - how long a message took from the producer's put to the main loop (its latency);
 *  - whether a message was lost: a producer's sequence number that jumps from 41 to 43 means
 *    that 42 never arrived. A pipe loses nothing, so with MpDemo's producers this stays 0;
 *  - how many messages, and how many batches, arrive per second.
 *
 * Time goes in whole seconds, counted from half a second before the first message (so that a
 * producer that sends once a second lands in the middle of each one, not on the edge). Each
 * second that ends goes into a history of the last minute, which the plot draws.
 *
 * The caller passes the time in (received_us, now_us): so the figures are exact and the
 * tests need no clock. Memory is fixed: a ring of recent latencies, a minute of history, and
 * a slot per producer.
 *
 * A flood brings thousands of messages in one batch, all received at the same moment. The
 * latency of each one would fill the ring with the last fraction of a millisecond, and cost the
 * main loop a write per message: a batch gives at most MPD_STATS_SAMPLES_PER_BATCH latencies,
 * evenly spread over it, so the ring covers the last few seconds as it does at one message a
 * second. Counts and losses still look at every message.
 */

#define G_LOG_DOMAIN "mpd-stats"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mpd-stats.h"

typedef struct
{
  gint64 time_us;
  gint64 latency_us;
} Sample;

struct _MpdStats
{
  GObject          parent_instance;

  MpdProducerStats producers[MPD_STATS_MAX_PRODUCERS];
  guint            n_producers;
  guint            last_producer;   /* messages come in runs from one producer: look there first */
  guint64          total;
  guint64          lost;
  guint64          out_of_order;

  Sample          *samples;         /* a ring of MPD_STATS_LATENCY_WINDOW_SAMPLES */
  guint            samples_next;    /* where the next sample goes */
  guint            n_samples;
  gint64           now_us;

  MpdStatsSecond   history[MPD_STATS_HISTORY_SECONDS];
  guint            history_next;
  guint            n_history;
  gint64           second_start_us; /* the second being counted began then */
  guint            second_messages;
  guint            second_updates;
  gboolean         counting;        /* a first message has set second_start_us */
};

G_DEFINE_FINAL_TYPE (MpdStats, mpd_stats, G_TYPE_OBJECT)

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The 50th and 99th percentiles (nearest rank) of the latencies of the samples taken in
 * [from_us, to_us). Returns FALSE when there is none. */
static gboolean
mpd_stats_percentiles (MpdStats *self,
                       gint64    from_us,
                       gint64    to_us,
                       gint64   *p50_us,
                       gint64   *p99_us)
{
  g_autofree gint64 *values = g_new (gint64, self->n_samples + 1);
  guint n = 0;

  for (guint i = 0; i < self->n_samples; i++)
    {
      const Sample *sample = &self->samples[i];

      if (sample->time_us >= from_us && sample->time_us < to_us)
        values[n++] = sample->latency_us;
    }

  *p50_us = *p99_us = -1;
  if (n == 0)
    return FALSE;

  qsort (values, n, sizeof values[0], compare_gint64);
  *p50_us = values[(n * 50 + 99) / 100 - 1];
  *p99_us = values[(n * 99 + 99) / 100 - 1];
  return TRUE;
}

static void
mpd_stats_end_second (MpdStats *self)
{
  MpdStatsSecond *second = &self->history[self->history_next];

  second->messages = self->second_messages;
  second->updates = self->second_updates;
  mpd_stats_percentiles (self, self->second_start_us, self->second_start_us + G_USEC_PER_SEC,
                         &second->latency_p50_us, &second->latency_p99_us);

  self->history_next = (self->history_next + 1) % MPD_STATS_HISTORY_SECONDS;
  self->n_history = MIN (self->n_history + 1, MPD_STATS_HISTORY_SECONDS);
  self->second_start_us += G_USEC_PER_SEC;
  self->second_messages = 0;
  self->second_updates = 0;
}

/**
 * mpd_stats_advance:
 * @self: the figures
 * @now_us: the time now (CLOCK_MONOTONIC, µs), never earlier than the last one given
 *
 * Lets time pass: each second that has ended goes into the history, empty ones too.
 */
void
mpd_stats_advance (MpdStats *self,
                   gint64    now_us)
{
  g_return_if_fail (MPD_IS_STATS (self));

  self->now_us = MAX (self->now_us, now_us);
  if (!self->counting)
    return;

  /* After a long quiet time, a minute of empty seconds is all the history can show. */
  if (now_us - self->second_start_us > (MPD_STATS_HISTORY_SECONDS + 1) * G_USEC_PER_SEC)
    {
      gint64 seconds = (now_us - self->second_start_us) / G_USEC_PER_SEC;

      mpd_stats_end_second (self);
      self->second_start_us += (seconds - MPD_STATS_HISTORY_SECONDS - 1) * G_USEC_PER_SEC;
    }

  while (now_us >= self->second_start_us + G_USEC_PER_SEC)
    mpd_stats_end_second (self);
}

/* The slot of producer @pid, made on its first message; -1 when there are too many. */
static int
mpd_stats_producer_slot (MpdStats *self,
                         int       pid)
{
  int index;

  if (self->last_producer < self->n_producers && self->producers[self->last_producer].pid == pid)
    return (int) self->last_producer;

  index = mpd_stats_find_producer (self, pid);
  if (index < 0 && self->n_producers < MPD_STATS_MAX_PRODUCERS)
    {
      index = (int) self->n_producers++;
      self->producers[index] = (MpdProducerStats) { .pid = pid };
    }
  if (index >= 0)
    self->last_producer = (guint) index;

  return index;
}

/**
 * mpd_stats_add_batch:
 * @self: the figures
 * @messages: (array length=n_messages): messages, in the order they came
 * @n_messages: how many
 * @received_us: when the main loop got them (CLOCK_MONOTONIC, µs)
 *
 * Counts one batch that the consumer thread handed to the main loop.
 */
void
mpd_stats_add_batch (MpdStats         *self,
                     const MpdMessage *messages,
                     guint             n_messages,
                     gint64            received_us)
{
  guint stride;

  g_return_if_fail (MPD_IS_STATS (self));
  g_return_if_fail (messages != NULL || n_messages == 0);

  if (n_messages == 0)
    return;

  if (!self->counting)
    {
      self->counting = TRUE;
      self->second_start_us = received_us - G_USEC_PER_SEC / 2;
    }
  mpd_stats_advance (self, received_us);
  self->second_messages += n_messages;
  self->second_updates++;
  self->total += n_messages;

  stride = MAX (1, n_messages / MPD_STATS_SAMPLES_PER_BATCH);
  for (guint i = 0; i < n_messages; i++)
    {
      const MpdMessage *message = &messages[i];
      int slot = mpd_stats_producer_slot (self, message->pid);

      /* A line of text that is not a time does not say when it was put (mpd-message.c). */
      if (i % stride == 0 && message->monotonic_time_us != 0)
        {
          Sample *sample = &self->samples[self->samples_next];

          sample->time_us = received_us;
          sample->latency_us = MAX (0, received_us - message->monotonic_time_us);
          self->samples_next = (self->samples_next + 1) % MPD_STATS_LATENCY_WINDOW_SAMPLES;
          self->n_samples = MIN (self->n_samples + 1, MPD_STATS_LATENCY_WINDOW_SAMPLES);
        }

      if (slot >= 0)
        {
          MpdProducerStats *producer = &self->producers[slot];

          producer->received++;
          /* The gap may be anything a producer chose: the counts saturate, never wrap. */
          if (message->sequence > producer->last_sequence)
            {
              guint64 gap = message->sequence - producer->last_sequence - 1;

              producer->lost = mpd_count_add (producer->lost, gap);
              self->lost = mpd_count_add (self->lost, gap);
              producer->last_sequence = message->sequence;
            }
          else
            {
              producer->out_of_order++;
              self->out_of_order++;
            }
        }
    }
}

/**
 * mpd_stats_reset:
 * @self: the figures
 * @pids: (array length=n_pids) (nullable): the producers of the new run, in order
 * @n_pids: how many
 *
 * Starts counting a new run: counts and latencies start again from nothing, and the
 * producers get slots in the order given (so that producer 1 keeps colour 1). The history
 * goes on, so that the plot shows the runs one after the other.
 */
void
mpd_stats_reset (MpdStats  *self,
                 const int *pids,
                 guint      n_pids)
{
  g_return_if_fail (MPD_IS_STATS (self));

  self->n_producers = 0;
  self->last_producer = 0;
  self->total = self->lost = self->out_of_order = 0;
  self->n_samples = self->samples_next = 0;

  for (guint i = 0; i < n_pids && i < MPD_STATS_MAX_PRODUCERS; i++)
    if (pids[i] > 0)
      mpd_stats_producer_slot (self, pids[i]);
}

guint64
mpd_stats_get_total (MpdStats *self)
{
  g_return_val_if_fail (MPD_IS_STATS (self), 0);

  return self->total;
}

/**
 * mpd_stats_get_lost:
 * @self: the figures
 *
 * Returns: how many messages never arrived, by the gaps in each producer's sequence numbers
 */
guint64
mpd_stats_get_lost (MpdStats *self)
{
  g_return_val_if_fail (MPD_IS_STATS (self), 0);

  return self->lost;
}

guint64
mpd_stats_get_out_of_order (MpdStats *self)
{
  g_return_val_if_fail (MPD_IS_STATS (self), 0);

  return self->out_of_order;
}

static const MpdStatsSecond *
mpd_stats_last_second (MpdStats *self)
{
  if (self->n_history == 0)
    return NULL;

  return &self->history[(self->history_next + MPD_STATS_HISTORY_SECONDS - 1) %
                        MPD_STATS_HISTORY_SECONDS];
}

/**
 * mpd_stats_get_rate:
 * @self: the figures
 *
 * Returns: how many messages arrived in the last whole second
 */
guint
mpd_stats_get_rate (MpdStats *self)
{
  const MpdStatsSecond *last;

  g_return_val_if_fail (MPD_IS_STATS (self), 0);

  last = mpd_stats_last_second (self);
  return last ? last->messages : 0;
}

/**
 * mpd_stats_get_updates_per_second:
 * @self: the figures
 *
 * Returns: how many batches the main loop got in the last whole second
 */
guint
mpd_stats_get_updates_per_second (MpdStats *self)
{
  const MpdStatsSecond *last;

  g_return_val_if_fail (MPD_IS_STATS (self), 0);

  last = mpd_stats_last_second (self);
  return last ? last->updates : 0;
}

/**
 * mpd_stats_get_latency:
 * @self: the figures
 * @p50_us: (out): the median latency, from the producer's put to the main loop
 * @p99_us: (out): the latency that 99% of the messages stay under
 *
 * Over the messages of the last %MPD_STATS_LATENCY_WINDOW_US (at most the newest
 * %MPD_STATS_LATENCY_WINDOW_SAMPLES of them).
 *
 * Returns: %FALSE when no message came in that time (both are then -1)
 */
gboolean
mpd_stats_get_latency (MpdStats *self,
                       gint64   *p50_us,
                       gint64   *p99_us)
{
  g_return_val_if_fail (MPD_IS_STATS (self), FALSE);

  return mpd_stats_percentiles (self, self->now_us - MPD_STATS_LATENCY_WINDOW_US, G_MAXINT64,
                                p50_us, p99_us);
}

guint
mpd_stats_get_n_producers (MpdStats *self)
{
  g_return_val_if_fail (MPD_IS_STATS (self), 0);

  return self->n_producers;
}

/**
 * mpd_stats_get_producer:
 * @self: the figures
 * @index: 0 to mpd_stats_get_n_producers() - 1
 *
 * Returns: (transfer none): the counts of one producer
 */
const MpdProducerStats *
mpd_stats_get_producer (MpdStats *self,
                        guint     index)
{
  g_return_val_if_fail (MPD_IS_STATS (self), NULL);
  g_return_val_if_fail (index < self->n_producers, NULL);

  return &self->producers[index];
}

/**
 * mpd_stats_find_producer:
 * @self: the figures
 * @pid: a producer's process id
 *
 * Returns: the index of producer @pid, or -1 when it has no slot
 */
int
mpd_stats_find_producer (MpdStats *self,
                         int       pid)
{
  g_return_val_if_fail (MPD_IS_STATS (self), -1);

  for (guint i = 0; i < self->n_producers; i++)
    if (self->producers[i].pid == pid)
      return (int) i;

  return -1;
}

/**
 * mpd_stats_get_history:
 * @self: the figures
 * @seconds: (out caller-allocates) (array fixed-size=60): where to copy the history
 *
 * Returns: how many seconds were copied, the oldest first
 */
guint
mpd_stats_get_history (MpdStats       *self,
                       MpdStatsSecond *seconds)
{
  guint first;

  g_return_val_if_fail (MPD_IS_STATS (self), 0);

  first = (self->history_next + MPD_STATS_HISTORY_SECONDS - self->n_history) %
          MPD_STATS_HISTORY_SECONDS;
  for (guint i = 0; i < self->n_history; i++)
    seconds[i] = self->history[(first + i) % MPD_STATS_HISTORY_SECONDS];

  return self->n_history;
}

static void
mpd_stats_finalize (GObject *object)
{
  MpdStats *self = (MpdStats *)object;

  g_clear_pointer (&self->samples, g_free);

  G_OBJECT_CLASS (mpd_stats_parent_class)->finalize (object);
}

static void
mpd_stats_class_init (MpdStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mpd_stats_finalize;
}

static void
mpd_stats_init (MpdStats *self)
{
  self->samples = g_new0 (Sample, MPD_STATS_LATENCY_WINDOW_SAMPLES);
}

MpdStats *
mpd_stats_new (void)
{
  return g_object_new (MPD_TYPE_STATS, NULL);
}
