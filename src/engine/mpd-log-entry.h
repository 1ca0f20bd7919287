/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-log-entry.h: one row of the message log: a message, and how long it took to arrive. */

#pragma once

#include <glib-object.h>

#include "mpd-message.h"

G_BEGIN_DECLS

#define MPD_TYPE_LOG_ENTRY (mpd_log_entry_get_type ())

G_DECLARE_FINAL_TYPE (MpdLogEntry, mpd_log_entry, MPD, LOG_ENTRY, GObject)

MpdLogEntry      *mpd_log_entry_new            (const MpdMessage *message,
                                                gint64            latency_us);
void              mpd_log_entry_set            (MpdLogEntry      *self,
                                                const MpdMessage *message,
                                                gint64            latency_us);
const MpdMessage *mpd_log_entry_get_message    (MpdLogEntry      *self);
guint64           mpd_log_entry_get_sequence   (MpdLogEntry      *self);
int               mpd_log_entry_get_pid        (MpdLogEntry      *self);
gint64            mpd_log_entry_get_latency_us (MpdLogEntry      *self);

G_END_DECLS
