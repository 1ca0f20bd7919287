/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-message-log.h: the most recent messages, newest first, as a list model of fixed size. */

#pragma once

#include <gio/gio.h>

#include "mpd-log-entry.h"

G_BEGIN_DECLS

/* How many messages the log keeps: older ones drop out at the end. */
#define MPD_MESSAGE_LOG_CAPACITY 1000

#define MPD_TYPE_MESSAGE_LOG (mpd_message_log_get_type ())

G_DECLARE_FINAL_TYPE (MpdMessageLog, mpd_message_log, MPD, MESSAGE_LOG, GObject)

MpdMessageLog *mpd_message_log_new        (void);
void           mpd_message_log_append     (MpdMessageLog    *self,
                                           const MpdMessage *messages,
                                           guint             n_messages,
                                           gint64            received_us);
void           mpd_message_log_flush      (MpdMessageLog    *self);
gboolean       mpd_message_log_refresh    (MpdMessageLog    *self,
                                           guint             max_rows);
void           mpd_message_log_clear      (MpdMessageLog    *self);
guint          mpd_message_log_get_n_pending (MpdMessageLog *self);

G_END_DECLS
