/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-log-entry.c: one row of the message log: a message, and how long it took to arrive. */

/*
 * An entry is a place in the log (the newest message, the one before, ...) rather than one
 * message: when messages come, each place shows another message, and says so with "changed".
 * So the list keeps its rows and only rewrites their text (see mpd-message-log.c).
 */

#define G_LOG_DOMAIN "mpd-log-entry"

#include "config.h"

#include "mpd-log-entry.h"

struct _MpdLogEntry
{
  GObject    parent_instance;

  MpdMessage message;
  gint64     latency_us;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MpdLogEntry, mpd_log_entry, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void
mpd_log_entry_class_init (MpdLogEntryClass *klass)
{
  /**
   * MpdLogEntry::changed:
   * @self: the entry
   *
   * Emitted when the entry shows another message.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
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

/**
 * mpd_log_entry_set:
 * @self: an entry
 * @message: the message it shows now
 * @latency_us: from the producer's put to the main loop, in µs
 *
 * Emits #MpdLogEntry::changed when that is another message than before.
 */
void
mpd_log_entry_set (MpdLogEntry      *self,
                   const MpdMessage *message,
                   gint64            latency_us)
{
  g_return_if_fail (MPD_IS_LOG_ENTRY (self));
  g_return_if_fail (message != NULL);

  /* (Field by field: the struct's padding says nothing.) */
  if (self->message.sequence == message->sequence && self->message.pid == message->pid &&
      self->message.wall_time_us == message->wall_time_us &&
      self->message.monotonic_time_us == message->monotonic_time_us &&
      self->latency_us == latency_us)
    return;

  self->message = *message;
  self->latency_us = latency_us;
  g_signal_emit (self, signals[CHANGED], 0);
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
