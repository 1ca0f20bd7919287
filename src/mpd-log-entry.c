/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-log-entry.c: one row of the message log: a message, and how long it took to arrive. */

#define G_LOG_DOMAIN "mpd-log-entry"

#include "config.h"

#include "mpd-log-entry.h"

struct _MpdLogEntry
{
  GObject    parent_instance;

  MpdMessage message;
  gint64     latency_us;
};

G_DEFINE_FINAL_TYPE (MpdLogEntry, mpd_log_entry, G_TYPE_OBJECT)

static void
mpd_log_entry_class_init (MpdLogEntryClass *klass)
{
}

static void
mpd_log_entry_init (MpdLogEntry *self)
{
}

/**
 * mpd_log_entry_new:
 * @message: the message
 * @latency_us: from the producer's put to the main loop, in µs
 *
 * Returns: (transfer full): a new entry
 */
MpdLogEntry *
mpd_log_entry_new (const MpdMessage *message,
                   gint64            latency_us)
{
  MpdLogEntry *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (MPD_TYPE_LOG_ENTRY, NULL);
  self->message = *message;
  self->latency_us = latency_us;

  return self;
}

const MpdMessage *
mpd_log_entry_get_message (MpdLogEntry *self)
{
  g_return_val_if_fail (MPD_IS_LOG_ENTRY (self), NULL);

  return &self->message;
}

guint64
mpd_log_entry_get_sequence (MpdLogEntry *self)
{
  g_return_val_if_fail (MPD_IS_LOG_ENTRY (self), 0);

  return self->message.sequence;
}

int
mpd_log_entry_get_pid (MpdLogEntry *self)
{
  g_return_val_if_fail (MPD_IS_LOG_ENTRY (self), 0);

  return self->message.pid;
}

gint64
mpd_log_entry_get_latency_us (MpdLogEntry *self)
{
  g_return_val_if_fail (MPD_IS_LOG_ENTRY (self), 0);

  return self->latency_us;
}
