/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-consumer.h: a thread that takes messages from a queue and hands them to the main loop. */

#pragma once

#include <glib-object.h>

#include "mpd-queue.h"

G_BEGIN_DECLS

#define MPD_TYPE_CONSUMER (mpd_consumer_get_type ())

G_DECLARE_FINAL_TYPE (MpdConsumer, mpd_consumer, MPD, CONSUMER, GObject)

MpdConsumer *mpd_consumer_new              (MpdQueue     *queue);
gboolean     mpd_consumer_start            (MpdConsumer  *self,
                                            GError      **error);
void         mpd_consumer_stop             (MpdConsumer  *self);
gboolean     mpd_consumer_get_running      (MpdConsumer  *self);
guint64      mpd_consumer_get_n_messages   (MpdConsumer  *self);
int          mpd_consumer_get_thread_id    (MpdConsumer  *self);
MpdQueue    *mpd_consumer_get_queue        (MpdConsumer  *self);

G_END_DECLS
