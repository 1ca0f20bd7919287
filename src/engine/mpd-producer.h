/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-producer.h: starts, watches and stops one producer child process. */

#pragma once

#include <glib-object.h>

#include "mpd-queue.h"

G_BEGIN_DECLS

#define MPD_PRODUCER_DEFAULT_INTERVAL_MS 1000
#define MPD_PRODUCER_MAX_INTERVAL_MS     (60 * 60 * 1000)

/* What the producer process is doing, as the kernel sees it (/proc), for a live diagram. */
typedef enum
{
  MPD_PRODUCER_STATE_NOT_STARTED,
  MPD_PRODUCER_STATE_RUNNING,   /* running, or asleep between two messages */
  MPD_PRODUCER_STATE_PAUSED,    /* stopped by SIGSTOP */
  MPD_PRODUCER_STATE_BLOCKED,   /* waiting in write(2) for room in a full pipe */
  MPD_PRODUCER_STATE_EXITED,    /* ended and reaped: see mpd_producer_get_wait_status() */
} MpdProducerState;

#define MPD_TYPE_PRODUCER (mpd_producer_get_type ())

G_DECLARE_FINAL_TYPE (MpdProducer, mpd_producer, MPD, PRODUCER, GObject)

MpdProducer *mpd_producer_new                 (const char * const *argv,
                                               guint         interval_ms);
gboolean     mpd_producer_start               (MpdProducer  *self,
                                               MpdQueue     *queue,
                                               GError      **error);
void         mpd_producer_stop                (MpdProducer  *self);
void         mpd_producer_send_signal         (MpdProducer  *self,
                                               int           signal_number);
gboolean     mpd_producer_get_running         (MpdProducer  *self);
int          mpd_producer_get_pid             (MpdProducer  *self);
MpdProducerState
             mpd_producer_get_state           (MpdProducer  *self);
gboolean     mpd_producer_get_wait_status     (MpdProducer  *self,
                                               int          *wait_status);
guint        mpd_producer_get_interval        (MpdProducer  *self);
char        *mpd_producer_find_program        (void);
char        *mpd_producer_describe_exit       (int           wait_status);
char        *mpd_producer_explain_exit        (int           wait_status);

G_END_DECLS
