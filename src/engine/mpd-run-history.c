/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-run-history.c: every sample of a run, kept to play it back and to export it. */

/*
 * The runner samples /proc ten times a second; the history keeps each sample's tree as a
 * snapshot (which shares the sample's arrays: a reference each), with the marks of what
 * happened in between (lines of output, signals sent). The timeline draws it, and its slider
 * shows the drawing as it was at one frame; an export writes it in the Trace Event Format
 * (MpdRunTrace).
 *
 * A run can last for hours, so the history keeps at most MAX_FRAMES frames: when it is full,
 * every other frame is dropped, and the rest of the run is kept at half the rate, then a
 * quarter… The first and the newest frames always stay. Marks beyond MAX_MARKS are dropped,
 * the newest kept.
 */

#define G_LOG_DOMAIN "mpd-run-history"

#include "config.h"

#include "mpd-run-history.h"
#include "mpd-run-trace.h"

#define MAX_FRAMES 1200
#define MAX_MARKS  2000
#define MAX_EVENTS 20000

struct _MpdRunHistory
{
  GObject     parent_instance;

  GArray     *frames;      /* of MpdRunFrame, oldest first */
  GArray     *marks;       /* of MpdRunMark, oldest first */
  GArray     *events;      /* of MpdEvent, as the lesson wrote them (see mpd-events.h) */
  GHashTable *first_seen;  /* "pid/start time" -> the time (gint64 *) of its first frame */
  gint64      start_us;    /* when the run started, or -1: the first frame's time */
  gint64      end_us;      /* when the run ended, or -1 while it goes on */
};

G_DEFINE_FINAL_TYPE (MpdRunHistory, mpd_run_history, G_TYPE_OBJECT)

static void
frame_clear (gpointer data)
{
  g_clear_object (&((MpdRunFrame *) data)->tree);
}

static void
mark_clear (gpointer data)
{
  g_clear_pointer (&((MpdRunMark *) data)->text, g_free);
}

static void
mpd_run_history_finalize (GObject *object)
{
  MpdRunHistory *self = (MpdRunHistory *)object;

  g_array_unref (self->frames);
  g_array_unref (self->marks);
  g_array_unref (self->events);
  g_hash_table_unref (self->first_seen);

  G_OBJECT_CLASS (mpd_run_history_parent_class)->finalize (object);
}

static void
mpd_run_history_class_init (MpdRunHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mpd_run_history_finalize;
}

static void
mpd_run_history_init (MpdRunHistory *self)
{
  self->frames = g_array_new (FALSE, TRUE, sizeof (MpdRunFrame));
  g_array_set_clear_func (self->frames, frame_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (MpdRunMark));
  g_array_set_clear_func (self->marks, mark_clear);
  self->events = g_array_new (FALSE, TRUE, sizeof (MpdEvent));
  g_array_set_clear_func (self->events, (GDestroyNotify) mpd_event_clear);
  self->first_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->start_us = -1;
  self->end_us = -1;
}

MpdRunHistory *
mpd_run_history_new (void)
{
  return g_object_new (MPD_TYPE_RUN_HISTORY, NULL);
}

/* Keeps the first frame, the newest, and every other one between. */
static void
mpd_run_history_thin (MpdRunHistory *self)
{
  guint kept = 1;

  for (guint i = 1; i < self->frames->len; i++)
    {
      MpdRunFrame *frame = &g_array_index (self->frames, MpdRunFrame, i);

      if (i % 2 == 0 || i == self->frames->len - 1)
        {
          g_array_index (self->frames, MpdRunFrame, kept++) = *frame;
          frame->tree = NULL;  /* moved */
        }
      else
        g_clear_object (&frame->tree);  /* dropped */
    }
  g_array_set_size (self->frames, kept);
}

/**
 * mpd_run_history_add_sample:
 * @self: a history
 * @tree: a process tree, just sampled
 * @time_us: when (CLOCK_MONOTONIC, µs)
 *
 * Keeps the tree as it is now.
 */
void
mpd_run_history_add_sample (MpdRunHistory  *self,
                            MpdProcessTree *tree,
                            gint64          time_us)
{
  MpdRunFrame frame = { time_us, NULL };
  GPtrArray *processes;

  g_return_if_fail (MPD_IS_RUN_HISTORY (self));
  g_return_if_fail (MPD_IS_PROCESS_TREE (tree));

  if (self->frames->len >= MAX_FRAMES)
    mpd_run_history_thin (self);
  frame.tree = mpd_process_tree_snapshot (tree);
  g_array_append_val (self->frames, frame);

  processes = mpd_process_tree_get_processes (tree);
  for (guint i = 0; i < processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (processes, i);
      g_autofree char *key = g_strdup_printf ("%d/%" G_GUINT64_FORMAT, info->pid,
                                              info->start_time);

      if (!g_hash_table_contains (self->first_seen, key))
        g_hash_table_insert (self->first_seen, g_steal_pointer (&key),
                             g_memdup2 (&time_us, sizeof time_us));
    }
}

/**
 * mpd_run_history_add_mark:
 * @self: a history
 * @pid: the process it is about, or 0 when it is not known
 * @text: what happened: a line of output, a signal sent
 * @time_us: when (CLOCK_MONOTONIC, µs)
 */
void
mpd_run_history_add_mark (MpdRunHistory *self,
                          int            pid,
                          const char    *text,
                          gint64         time_us)
{
  MpdRunMark mark = { time_us, pid, NULL };

  g_return_if_fail (MPD_IS_RUN_HISTORY (self));
  g_return_if_fail (text != NULL);

  if (self->marks->len >= MAX_MARKS)
    g_array_remove_index (self->marks, 0);
  mark.text = g_utf8_make_valid (text, -1);
  g_array_append_val (self->marks, mark);
}

/**
 * mpd_run_history_add_event:
 * @self: a history
 * @event: what the lesson said on its event channel (copied)
 *
 * Keeps the event, unless the history holds MAX_EVENTS already: a lesson that floods its
 * channel loses its newest events, never its first ones, which the schedule drew already.
 */
void
mpd_run_history_add_event (MpdRunHistory  *self,
                           const MpdEvent *event)
{
  MpdEvent copy;

  g_return_if_fail (MPD_IS_RUN_HISTORY (self));
  g_return_if_fail (event != NULL);

  if (self->events->len >= MAX_EVENTS)
    return;
  copy = *event;
  copy.label = g_utf8_make_valid (event->label != NULL ? event->label : "", -1);
  g_array_append_val (self->events, copy);
}

/**
 * mpd_run_history_get_events:
 * @self: a history
 *
 * Returns: (transfer none) (element-type MpdEvent): the lesson's events, in the order they came
 */
GArray *
mpd_run_history_get_events (MpdRunHistory *self)
{
  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), NULL);

  return self->events;
}

/**
 * mpd_run_history_set_start:
 * @self: a history
 * @time_us: when the run started: before its first sample, and its first lines of output
 */
void
mpd_run_history_set_start (MpdRunHistory *self,
                           gint64         time_us)
{
  g_return_if_fail (MPD_IS_RUN_HISTORY (self));

  self->start_us = time_us;
}

/**
 * mpd_run_history_finish:
 * @self: a history
 * @time_us: when the run ended
 */
void
mpd_run_history_finish (MpdRunHistory *self,
                        gint64         time_us)
{
  g_return_if_fail (MPD_IS_RUN_HISTORY (self));

  self->end_us = time_us;
}

guint
mpd_run_history_get_n_frames (MpdRunHistory *self)
{
  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), 0);

  return self->frames->len;
}

/**
 * mpd_run_history_get_frame:
 * @self: a history
 * @index: from 0, the oldest, to mpd_run_history_get_n_frames() - 1
 *
 * Returns: (transfer none): the frame
 */
const MpdRunFrame *
mpd_run_history_get_frame (MpdRunHistory *self,
                           guint          index)
{
  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), NULL);
  g_return_val_if_fail (index < self->frames->len, NULL);

  return &g_array_index (self->frames, MpdRunFrame, index);
}

/**
 * mpd_run_history_find_frame:
 * @self: a history
 * @time_us: a moment of the run
 *
 * Returns: the index of the frame that shows the run at @time_us: the newest taken at or
 *   before it (the first, for a moment before the first); -1 when there is no frame
 */
int
mpd_run_history_find_frame (MpdRunHistory *self,
                            gint64         time_us)
{
  guint low = 0, high;

  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), -1);

  if (self->frames->len == 0)
    return -1;

  /* The first frame after @time_us is in [low, high]. */
  high = self->frames->len;
  while (low < high)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (self->frames, MpdRunFrame, middle).time_us <= time_us)
        low = middle + 1;
      else
        high = middle;
    }
  return low > 0 ? (int) low - 1 : 0;
}

/**
 * mpd_run_history_get_marks:
 * @self: a history
 *
 * Returns: (transfer none) (element-type MpdRunMark): the marks, oldest first
 */
GArray *
mpd_run_history_get_marks (MpdRunHistory *self)
{
  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), NULL);

  return self->marks;
}

/* When the run started, or the time of its first frame if that is not known; -1 before
 * either. */
gint64
mpd_run_history_get_start_time (MpdRunHistory *self)
{
  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), -1);

  if (self->start_us >= 0)
    return self->start_us;
  return self->frames->len > 0 ? g_array_index (self->frames, MpdRunFrame, 0).time_us : -1;
}

/* When the run ended, or the time of its newest frame while it goes on (its start, or -1,
 * before any). */
gint64
mpd_run_history_get_end_time (MpdRunHistory *self)
{
  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), -1);

  if (self->end_us >= 0)
    return self->end_us;
  return self->frames->len > 0
         ? g_array_index (self->frames, MpdRunFrame, self->frames->len - 1).time_us
         : self->start_us;
}

/**
 * mpd_run_history_get_first_seen:
 * @self: a history
 * @pid: a process
 * @start_time: its start time, as /proc says it (a pid may be used again)
 *
 * Returns: the time of the first frame that has the process, or -1 if none has
 */
gint64
mpd_run_history_get_first_seen (MpdRunHistory *self,
                                int            pid,
                                guint64        start_time)
{
  g_autofree char *key = g_strdup_printf ("%d/%" G_GUINT64_FORMAT, pid, start_time);
  gint64 *time_us;

  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), -1);

  time_us = g_hash_table_lookup (self->first_seen, key);
  return time_us != NULL ? *time_us : -1;
}

/**
 * mpd_run_history_to_trace_json:
 * @self: a history
 *
 * The run in the Trace Event Format: see MpdRunTrace and docs/trace.md.
 *
 * Returns: (transfer full): the JSON text
 */
char *
mpd_run_history_to_trace_json (MpdRunHistory *self)
{
  g_autoptr(MpdRunTrace) trace = mpd_run_trace_new ();

  g_return_val_if_fail (MPD_IS_RUN_HISTORY (self), NULL);

  if (mpd_run_history_get_start_time (self) >= 0)
    mpd_run_trace_set_origin (trace, mpd_run_history_get_start_time (self));
  for (guint i = 0; i < self->frames->len; i++)
    {
      const MpdRunFrame *frame = &g_array_index (self->frames, MpdRunFrame, i);

      mpd_run_trace_add_sample (trace, frame->tree, frame->time_us);
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      const MpdRunMark *mark = &g_array_index (self->marks, MpdRunMark, i);

      mpd_run_trace_add_mark (trace, mark->pid, mark->text, mark->time_us);
    }
  mpd_run_trace_finish (trace, mpd_run_history_get_end_time (self));
  return mpd_run_trace_to_json (trace);
}
