/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-stats.h: live figures about the messages received: rate, latency, losses, history. */

#pragma once

#include <glib-object.h>

#include "mpd-message.h"

G_BEGIN_DECLS

/* How many seconds the history keeps (for the plot), and how many producers are counted one
 * by one (a producer command that starts more is counted in the totals only). */
#define MPD_STATS_HISTORY_SECONDS 60
#define MPD_STATS_MAX_PRODUCERS   64

/* Latency percentiles are taken over the messages of the last few seconds, at most this many
 * of the newest; a batch gives at most MPD_STATS_SAMPLES_PER_BATCH of them, evenly spread. */
#define MPD_STATS_LATENCY_WINDOW_US      (5 * G_USEC_PER_SEC)
#define MPD_STATS_LATENCY_WINDOW_SAMPLES 4096
#define MPD_STATS_SAMPLES_PER_BATCH      32

typedef struct
{
  int     pid;
  guint64 received;
  guint64 lost;          /* sequence numbers skipped */
  guint64 out_of_order;  /* sequence numbers that came again, or late */
  guint64 last_sequence;
} MpdProducerStats;

/* One second of history. A second with no message has rate 0 and no latency (-1). */
typedef struct
{
  guint   messages;
  guint   updates;       /* batches handed to the main loop */
  gint64  latency_p50_us;
  gint64  latency_p99_us;
} MpdStatsSecond;

#define MPD_TYPE_STATS (mpd_stats_get_type ())

G_DECLARE_FINAL_TYPE (MpdStats, mpd_stats, MPD, STATS, GObject)

MpdStats               *mpd_stats_new                 (void);
void                    mpd_stats_reset               (MpdStats          *self,
                                                       const int         *pids,
                                                       guint              n_pids);
void                    mpd_stats_add_batch           (MpdStats          *self,
                                                       const MpdMessage  *messages,
                                                       guint              n_messages,
                                                       gint64             received_us);
void                    mpd_stats_advance             (MpdStats          *self,
                                                       gint64             now_us);
guint64                 mpd_stats_get_total           (MpdStats          *self);
guint64                 mpd_stats_get_lost            (MpdStats          *self);
guint64                 mpd_stats_get_out_of_order    (MpdStats          *self);
guint                   mpd_stats_get_rate            (MpdStats          *self);
guint                   mpd_stats_get_updates_per_second (MpdStats       *self);
gboolean                mpd_stats_get_latency         (MpdStats          *self,
                                                       gint64            *p50_us,
                                                       gint64            *p99_us);
guint                   mpd_stats_get_n_producers     (MpdStats          *self);
const MpdProducerStats *mpd_stats_get_producer        (MpdStats          *self,
                                                       guint              index);
int                     mpd_stats_find_producer       (MpdStats          *self,
                                                       int                pid);
guint                   mpd_stats_get_history         (MpdStats          *self,
                                                       MpdStatsSecond    *seconds);

G_END_DECLS
