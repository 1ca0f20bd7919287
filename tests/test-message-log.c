/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-message-log.c: the message log: newest first, never longer than its capacity, and
 * every change told to the list that shows it. */

#include "config.h"

#include "mpd-message-log.h"

/* What a list view knows of the model: only what items-changed told it. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GPtrArray  *mirror)
{
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position + i, g_list_model_get_item (model, position + i));

  /* At each signal, the model is as large as the list now believes. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mirror->len);
}

static void
append (MpdMessageLog *log,
        guint64        first,
        guint          n)
{
  g_autofree MpdMessage *messages = g_new0 (MpdMessage, n);

  for (guint i = 0; i < n; i++)
    messages[i] = (MpdMessage) { .sequence = first + i, .pid = 42, .monotonic_time_us = 1000 };
  mpd_message_log_append (log, messages, n, 1250);
}

/* Flushes, and lets every row hear of it. */
static void
flush (MpdMessageLog *log)
{
  mpd_message_log_flush (log);
  while (mpd_message_log_refresh (log, 7))
    ;
}

static void
assert_mirror_matches (GListModel *model,
                       GPtrArray  *mirror,
                       guint64     newest,
                       guint       n)
{
  g_assert_cmpuint (mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpdLogEntry) entry = g_list_model_get_item (model, i);

      g_assert_cmpuint (mpd_log_entry_get_sequence (entry), ==, newest - i);
      g_assert_cmpuint (mpd_log_entry_get_sequence (g_ptr_array_index (mirror, i)), ==, newest - i);
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static void
test_newest_first_and_bounded (void)
{
  g_autoptr(MpdMessageLog) log = mpd_message_log_new ();
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (log);
  g_autoptr(MpdLogEntry) first = NULL;

  g_signal_connect (log, "items-changed", G_CALLBACK (items_changed_cb), mirror);
  g_assert_true (g_list_model_get_item_type (model) == MPD_TYPE_LOG_ENTRY);

  /* Appended, nothing shows until the flush. */
  append (log, 1, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (mpd_message_log_get_n_pending (log), ==, 3);
  flush (log);
  assert_mirror_matches (model, mirror, 3, 3);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpint (mpd_log_entry_get_pid (first), ==, 42);
  g_assert_cmpint (mpd_log_entry_get_latency_us (first), ==, 250);

  /* A flush with nothing new changes nothing. */
  flush (log);
  assert_mirror_matches (model, mirror, 3, 3);

  /* Filling up: the oldest drop off the end. */
  append (log, 4, 990);
  append (log, 994, 20);
  flush (log);
  assert_mirror_matches (model, mirror, 1013, MPD_MESSAGE_LOG_CAPACITY);

  /* A flood between two flushes: only the newest are kept, pending too. */
  for (guint64 first_seq = 1014; first_seq < 1014 + 10 * 4096; first_seq += 4096)
    append (log, first_seq, 4096);
  g_assert_cmpuint (mpd_message_log_get_n_pending (log), ==, MPD_MESSAGE_LOG_CAPACITY);
  flush (log);
  assert_mirror_matches (model, mirror, 1013 + 10 * 4096, MPD_MESSAGE_LOG_CAPACITY);

  /* Some wrap-around with odd sizes. */
  append (log, 1014 + 10 * 4096, 333);
  flush (log);
  append (log, 1014 + 10 * 4096 + 333, 7);
  flush (log);
  assert_mirror_matches (model, mirror, 1013 + 10 * 4096 + 340, MPD_MESSAGE_LOG_CAPACITY);

  mpd_message_log_clear (log);
  g_assert_cmpuint (mirror->len, ==, 0);
  g_assert_cmpuint (mpd_message_log_get_n_pending (log), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/message-log/newest-first-and-bounded", test_newest_first_and_bounded);

  return g_test_run ();
}
