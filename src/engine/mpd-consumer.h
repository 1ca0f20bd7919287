/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-consumer.h: a thread that takes messages from a queue and hands them to the main loop. */

#pragma once

#include <glib-object.h>

#include "mpd-queue.h"

G_BEGIN_DECLS

/* What the consumer thread is doing at this moment, for a live diagram. */
typedef enum
{
  MPD_CONSUMER_STATE_STOPPED,  /* no thread */
  MPD_CONSUMER_STATE_WAITING,  /* asleep in poll(2): the pipe is empty */
  MPD_CONSUMER_STATE_READING,  /* taking messages out of the pipe */
  MPD_CONSUMER_STATE_BLOCKED,  /* waiting for the main loop to take what it read */
} MpdConsumerState;

#define MPD_TYPE_CONSUMER (mpd_consumer_get_type ())

G_DECLARE_FINAL_TYPE (MpdConsumer, mpd_consumer, MPD, CONSUMER, GObject)

MpdConsumer *mpd_consumer_new              (MpdQueue     *queue);
gboolean     mpd_consumer_start            (MpdConsumer  *self,
                                            GError      **error);
void         mpd_consumer_stop             (MpdConsumer  *self);
gboolean     mpd_consumer_get_running      (MpdConsumer  *self);
guint64      mpd_consumer_get_n_messages   (MpdConsumer  *self);
int          mpd_consumer_get_thread_id    (MpdConsumer  *self);
MpdConsumerState
             mpd_consumer_get_state        (MpdConsumer  *self);
MpdQueue    *mpd_consumer_get_queue        (MpdConsumer  *self);

G_END_DECLS
