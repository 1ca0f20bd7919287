/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-message-log.c: the most recent messages, newest first, as a list model of fixed size. */

/*
 * A flood brings a million messages a second; a list on screen shows twenty. So the log keeps
 * only the newest MPD_MESSAGE_LOG_CAPACITY messages, in a ring: memory stays the same however
 * long the demo runs. It keeps plain structs, and makes a row object (MpdLogEntry) only when
 * the list view asks for a row it shows.
 *
 * Messages come in batches, many times per frame. mpd_message_log_append() only puts them
 * aside; mpd_message_log_flush() shows them. Row 0 is always the newest message, row 1 the
 * one before, and so on: when messages come, the rows stay, and each one that the list has
 * asked for shows its new message (MpdLogEntry::changed). Telling the list instead that a
 * thousand rows went and a thousand came made GTK 4.8 build a hundred rows of widgets anew
 * each time: 50 ms, four times a second, during a flood. Only when the log grows does the
 * list hear of new rows, at its end.
 */

#define G_LOG_DOMAIN "mpd-message-log"

#include "config.h"

#include "mpd-message-log.h"

#define CAPACITY MPD_MESSAGE_LOG_CAPACITY

typedef struct
{
  MpdMessage message;
  gint64     latency_us;
} Record;

struct _MpdMessageLog
{
  GObject parent_instance;

  Record *rows;               /* a ring of CAPACITY: the newest row is just before next_row */
  guint   next_row;
  guint   n_rows;

  Record *pending;            /* a ring too: what came since the last flush */
  guint   first_pending;
  guint   n_pending;

  MpdLogEntry **entries;      /* the row objects the list asked for, by row; NULL for others */
  guint   n_refreshed;        /* rows before this one show their message; the others, soon */
};

static void mpd_message_log_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MpdMessageLog, mpd_message_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mpd_message_log_list_model_init))

static GType
mpd_message_log_get_item_type (GListModel *model)
{
  return MPD_TYPE_LOG_ENTRY;
}

static guint
mpd_message_log_get_n_items (GListModel *model)
{
  return MPD_MESSAGE_LOG (model)->n_rows;
}

static const Record *
mpd_message_log_row (MpdMessageLog *self,
                     guint          position)
{
  return &self->rows[(self->next_row + CAPACITY - 1 - position) % CAPACITY];
}

static gpointer
mpd_message_log_get_item (GListModel *model,
                          guint       position)
{
  MpdMessageLog *self = MPD_MESSAGE_LOG (model);
  const Record *row;

  if (position >= self->n_rows)
    return NULL;

  row = mpd_message_log_row (self, position);
  if (self->entries[position] == NULL)
    self->entries[position] = mpd_log_entry_new (&row->message, row->latency_us);
  else
    mpd_log_entry_set (self->entries[position], &row->message, row->latency_us);

  return g_object_ref (self->entries[position]);
}

static void
mpd_message_log_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mpd_message_log_get_item_type;
  iface->get_n_items = mpd_message_log_get_n_items;
  iface->get_item = mpd_message_log_get_item;
}

static void
mpd_message_log_finalize (GObject *object)
{
  MpdMessageLog *self = (MpdMessageLog *)object;

  for (guint i = 0; i < CAPACITY; i++)
    g_clear_object (&self->entries[i]);
  g_clear_pointer (&self->entries, g_free);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->pending, g_free);

  G_OBJECT_CLASS (mpd_message_log_parent_class)->finalize (object);
}

static void
mpd_message_log_class_init (MpdMessageLogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mpd_message_log_finalize;
}

static void
mpd_message_log_init (MpdMessageLog *self)
{
  self->rows = g_new0 (Record, CAPACITY);
  self->pending = g_new0 (Record, CAPACITY);
  self->entries = g_new0 (MpdLogEntry *, CAPACITY);
}

/**
 * mpd_message_log_new:
 *
 * Returns: (transfer full): an empty log
 */
MpdMessageLog *
mpd_message_log_new (void)
{
  return g_object_new (MPD_TYPE_MESSAGE_LOG, NULL);
}

/**
 * mpd_message_log_append:
 * @self: a log
 * @messages: (array length=n_messages): messages, oldest first
 * @n_messages: how many
 * @received_us: when the main loop got them (CLOCK_MONOTONIC, µs), for their latency
 *
 * Puts messages aside for the next mpd_message_log_flush(). Of a flood, only the newest
 * %MPD_MESSAGE_LOG_CAPACITY are kept.
 */
void
mpd_message_log_append (MpdMessageLog    *self,
                        const MpdMessage *messages,
                        guint             n_messages,
                        gint64            received_us)
{
  g_return_if_fail (MPD_IS_MESSAGE_LOG (self));
  g_return_if_fail (messages != NULL || n_messages == 0);

  for (guint i = n_messages > CAPACITY ? n_messages - CAPACITY : 0; i < n_messages; i++)
    {
      Record *record = &self->pending[(self->first_pending + self->n_pending) % CAPACITY];

      record->message = messages[i];
      record->latency_us = MAX (0, received_us - messages[i].monotonic_time_us);
      if (self->n_pending < CAPACITY)
        self->n_pending++;
      else
        self->first_pending = (self->first_pending + 1) % CAPACITY;
    }
}

/**
 * mpd_message_log_flush:
 * @self: a log
 *
 * Shows what was appended since the last flush: row 0 shows the newest message, and each row
 * after it an older one; rows past the capacity drop off.
 */
void
mpd_message_log_flush (MpdMessageLog *self)
{
  guint n_new;
  guint n_before;

  g_return_if_fail (MPD_IS_MESSAGE_LOG (self));

  n_new = self->n_pending;
  if (n_new == 0)
    return;

  /* The new messages take the places of the oldest in the ring. */
  for (guint i = 0; i < n_new; i++)
    {
      self->rows[self->next_row] = self->pending[(self->first_pending + i) % CAPACITY];
      self->next_row = (self->next_row + 1) % CAPACITY;
    }
  self->first_pending = 0;
  self->n_pending = 0;
  n_before = self->n_rows;
  self->n_rows = MIN (self->n_rows + n_new, CAPACITY);

  /* Each row the list has shows another message now: mpd_message_log_refresh() tells them. */
  self->n_refreshed = 0;

  if (self->n_rows > n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, self->n_rows - n_before);
}

/**
 * mpd_message_log_refresh:
 * @self: a log
 * @max_rows: how many of the list's rows to tell at most
 *
 * Tells the rows of the list, from the first, that they show another message since the last
 * flush. A list keeps a hundred rows or so, and rewriting them all at once takes longer than a
 * frame: so a few at a time, the first (the ones on screen) first.
 *
 * Returns: %TRUE when some rows are still to be told
 */
gboolean
mpd_message_log_refresh (MpdMessageLog *self,
                         guint          max_rows)
{
  guint n_told = 0;

  g_return_val_if_fail (MPD_IS_MESSAGE_LOG (self), FALSE);

  while (self->n_refreshed < self->n_rows && n_told < max_rows)
    {
      guint i = self->n_refreshed++;

      if (self->entries[i] != NULL)
        {
          const Record *row = mpd_message_log_row (self, i);

          mpd_log_entry_set (self->entries[i], &row->message, row->latency_us);
          n_told++;
        }
    }

  return self->n_refreshed < self->n_rows;
}

/**
 * mpd_message_log_clear:
 * @self: a log
 *
 * Forgets every message, shown or put aside.
 */
void
mpd_message_log_clear (MpdMessageLog *self)
{
  guint n_rows;

  g_return_if_fail (MPD_IS_MESSAGE_LOG (self));

  n_rows = self->n_rows;
  self->n_rows = 0;
  self->n_pending = 0;
  self->first_pending = 0;
  self->n_refreshed = 0;
  for (guint i = 0; i < CAPACITY; i++)
    g_clear_object (&self->entries[i]);
  if (n_rows > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_rows, 0);
}

/**
 * mpd_message_log_get_n_pending:
 * @self: a log
 *
 * Returns: how many messages wait for the next flush
 */
guint
mpd_message_log_get_n_pending (MpdMessageLog *self)
{
  g_return_val_if_fail (MPD_IS_MESSAGE_LOG (self), 0);

  return self->n_pending;
}
