/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-stats.c: the live figures: counts, losses, rate, latency percentiles and history. */

#include "config.h"

#include "mpd-stats.h"

#define S(seconds) ((gint64) ((seconds) * G_USEC_PER_SEC))

/* A batch of @n messages from @pid, numbered from @first, each put @latency_us before @at. */
static void
add (MpdStats *stats,
     int       pid,
     guint64   first,
     guint     n,
     gint64    at,
     gint64    latency_us)
{
  g_autofree MpdMessage *messages = g_new0 (MpdMessage, n);

  for (guint i = 0; i < n; i++)
    messages[i] = (MpdMessage) { .sequence = first + i, .pid = pid,
                                 .monotonic_time_us = at - latency_us };
  mpd_stats_add_batch (stats, messages, n, at);
}

/* Gaps in a producer's sequence numbers are losses; each producer is counted on its own, in
 * the order the run gave; a number that comes again is out of order, not lost. */
static void
test_losses (void)
{
  g_autoptr(MpdStats) stats = mpd_stats_new ();
  const int pids[] = { 300, 200 };

  mpd_stats_reset (stats, pids, G_N_ELEMENTS (pids));
  g_assert_cmpuint (mpd_stats_get_n_producers (stats), ==, 2);

  add (stats, 200, 1, 10, S (10), 100);
  add (stats, 300, 1, 5, S (10), 100);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, 0);

  add (stats, 200, 14, 2, S (10.1), 100);   /* 11, 12 and 13 never came */
  add (stats, 300, 5, 1, S (10.1), 100);    /* 5 again */
  add (stats, 400, 2, 1, S (10.1), 100);    /* a producer we did not start: 1 is missing */

  g_assert_cmpuint (mpd_stats_get_total (stats), ==, 19);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, 4);
  g_assert_cmpuint (mpd_stats_get_out_of_order (stats), ==, 1);
  g_assert_cmpuint (mpd_stats_get_n_producers (stats), ==, 3);
  g_assert_cmpint (mpd_stats_get_producer (stats, 0)->pid, ==, 300);
  g_assert_cmpuint (mpd_stats_get_producer (stats, 0)->received, ==, 6);
  g_assert_cmpuint (mpd_stats_get_producer (stats, 0)->lost, ==, 0);
  g_assert_cmpuint (mpd_stats_get_producer (stats, 1)->received, ==, 12);
  g_assert_cmpuint (mpd_stats_get_producer (stats, 1)->lost, ==, 3);
  g_assert_cmpint (mpd_stats_find_producer (stats, 400), ==, 2);
  g_assert_cmpint (mpd_stats_find_producer (stats, 999), ==, -1);

  /* A new run starts from nothing. */
  mpd_stats_reset (stats, NULL, 0);
  g_assert_cmpuint (mpd_stats_get_total (stats), ==, 0);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, 0);
  g_assert_cmpuint (mpd_stats_get_n_producers (stats), ==, 0);
}

/* Sequence numbers that a hostile producer chose (issue 13, item 8): two producers that each
 * jump near 2^64 would make a sum of gaps wrap to a small number; the counts stop at
 * G_MAXUINT64 instead. */
static void
test_losses_saturate (void)
{
  g_autoptr(MpdStats) stats = mpd_stats_new ();

  add (stats, 200, 1, 1, S (10), 100);
  add (stats, 200, G_MAXUINT64 - 1, 1, S (10), 100);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, G_MAXUINT64 - 3);
  add (stats, 300, G_MAXUINT64 - 1, 1, S (10), 100);
  add (stats, 300, G_MAXUINT64, 1, S (10), 100);

  g_assert_cmpuint (mpd_stats_get_total (stats), ==, 4);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, G_MAXUINT64);
  g_assert_cmpuint (mpd_stats_get_producer (stats, 0)->lost, ==, G_MAXUINT64 - 3);
  g_assert_cmpuint (mpd_stats_get_producer (stats, 1)->lost, ==, G_MAXUINT64 - 2);
  g_assert_cmpuint (mpd_stats_get_out_of_order (stats), ==, 0);
}

/* Rate and updates per second count whole seconds, which start half a second before the
 * first message; quiet seconds count as 0. */
static void
test_rate_and_history (void)
{
  g_autoptr(MpdStats) stats = mpd_stats_new ();
  MpdStatsSecond history[MPD_STATS_HISTORY_SECONDS];
  guint64 sequence = 1;

  g_assert_cmpuint (mpd_stats_get_history (stats, history), ==, 0);
  g_assert_cmpuint (mpd_stats_get_rate (stats), ==, 0);

  /* Seconds [99.5, 100.5), [100.5, 101.5), [101.5, 102.5): 3 batches of 10, then 1 of 7,
   * then nothing. */
  for (guint i = 0; i < 3; i++, sequence += 10)
    add (stats, 1, sequence, 10, S (100 + 0.1 * i), 1000);
  add (stats, 1, sequence, 7, S (101), 1000);
  g_assert_cmpuint (mpd_stats_get_rate (stats), ==, 30);
  g_assert_cmpuint (mpd_stats_get_updates_per_second (stats), ==, 3);

  mpd_stats_advance (stats, S (102.6));
  g_assert_cmpuint (mpd_stats_get_history (stats, history), ==, 3);
  g_assert_cmpuint (history[0].messages, ==, 30);
  g_assert_cmpuint (history[1].messages, ==, 7);
  g_assert_cmpuint (history[1].updates, ==, 1);
  g_assert_cmpuint (history[2].messages, ==, 0);
  g_assert_cmpint (history[2].latency_p50_us, ==, -1);
  g_assert_cmpuint (mpd_stats_get_rate (stats), ==, 0);

  /* The history keeps one minute, however long the quiet was. */
  mpd_stats_advance (stats, S (1000));
  g_assert_cmpuint (mpd_stats_get_history (stats, history), ==, MPD_STATS_HISTORY_SECONDS);
  for (guint i = 0; i < MPD_STATS_HISTORY_SECONDS; i++)
    g_assert_cmpuint (history[i].messages, ==, 0);

  add (stats, 1, sequence + 7, 4, S (1000.2), 1000);
  mpd_stats_advance (stats, S (1001));
  g_assert_cmpuint (mpd_stats_get_history (stats, history), ==, MPD_STATS_HISTORY_SECONDS);
  g_assert_cmpuint (history[MPD_STATS_HISTORY_SECONDS - 1].messages, ==, 4);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, 0);
}

/* p50 and p99 by nearest rank, over the last five seconds only. */
static void
test_latency (void)
{
  g_autoptr(MpdStats) stats = mpd_stats_new ();
  MpdStatsSecond history[MPD_STATS_HISTORY_SECONDS];
  gint64 p50, p99;

  g_assert_false (mpd_stats_get_latency (stats, &p50, &p99));
  g_assert_cmpint (p50, ==, -1);

  /* 100 messages with latencies 1..100 µs, and an old one of 1 s. */
  add (stats, 1, 1, 1, S (10), G_USEC_PER_SEC);
  for (guint i = 1; i <= 100; i++)
    add (stats, 1, i + 1, 1, S (20) + i, i);

  g_assert_true (mpd_stats_get_latency (stats, &p50, &p99));
  g_assert_cmpint (p50, ==, 50);
  g_assert_cmpint (p99, ==, 99);

  /* The history has each second's own percentiles: the old one's, alone. */
  g_assert_cmpuint (mpd_stats_get_history (stats, history), >, 0);
  g_assert_cmpint (history[0].latency_p50_us, ==, G_USEC_PER_SEC);

  /* Six seconds later, nothing is recent. */
  mpd_stats_advance (stats, S (26));
  g_assert_false (mpd_stats_get_latency (stats, &p50, &p99));
}

/* A flood's batch of 100,000 messages gives a few latencies, evenly spread over it, so that
 * the earlier batches of the last seconds still count; every message is still counted. */
static void
test_latency_of_a_flood (void)
{
  g_autoptr(MpdStats) stats = mpd_stats_new ();
  g_autofree MpdMessage *messages = g_new0 (MpdMessage, 100000);
  gint64 p50, p99;

  /* 200 batches of one message, 5 ms old each. */
  for (guint i = 1; i <= 200; i++)
    add (stats, 1, i, 1, S (10) + i, 5000);

  /* Then one batch whose messages were put 1 to 100,000 µs before it came. */
  for (guint i = 0; i < 100000; i++)
    messages[i] = (MpdMessage) { .sequence = 201 + i, .pid = 1,
                                 .monotonic_time_us = S (11) - (i + 1) };
  mpd_stats_add_batch (stats, messages, 100000, S (11));

  g_assert_cmpuint (mpd_stats_get_total (stats), ==, 100200);
  g_assert_cmpuint (mpd_stats_get_lost (stats), ==, 0);
  /* The 200 earlier latencies are most of the samples, not pushed out by the flood's. */
  g_assert_true (mpd_stats_get_latency (stats, &p50, &p99));
  g_assert_cmpint (p50, ==, 5000);
  g_assert_cmpint (p99, >, 90000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/stats/losses", test_losses);
  g_test_add_func ("/mpd/stats/losses-saturate", test_losses_saturate);
  g_test_add_func ("/mpd/stats/rate-and-history", test_rate_and_history);
  g_test_add_func ("/mpd/stats/latency", test_latency);
  g_test_add_func ("/mpd/stats/latency-of-a-flood", test_latency_of_a_flood);

  return g_test_run ();
}
