/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-timeline.c: a run over time, one lane per process and per thread, to play it back. */

/*
 * Under the drawing of a run, its history (MpdRunHistory) drawn over time: one lane for each
 * process and, under it, one for each of its other threads. A lane is coloured by the state
 * the samples saw (sleeping, running, stopped, a zombie), and a darker bar as high as the
 * share of a CPU that the process or thread used between two samples (its CPU time, from
 * /proc). A line of output is a mark: on its process's lane when the process is known, else
 * on the "output" lane at the top (every process of a run writes to the same pipe). A signal
 * sent from the drawing is a mark on its process's lane.
 *
 * The lanes are read from the history as it grows: each new frame only adds to them (a
 * history that has been thinned is read again). A moment can be chosen with a click, with
 * the Left and Right keys (a frame at a time), Home and End; the page shows the drawing as
 * it was then. End, or a moment after the newest frame, follows the run again ("now").
 */

#define G_LOG_DOMAIN "mpd-timeline"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>

#include "mpd-drawing.h"
#include "mpd-proc.h"
#include "mpd-timeline.h"

/* In lines of text (mpd_drawing_get_em()), so that the timeline grows with the zoom. */
#define LABEL_EM 11.0
#define LANE_EM  1.5
#define AXIS_EM  1.5

typedef struct
{
  gint64 start_us;
  gint64 end_us;    /* -1 while it goes on */
  char   state;     /* as /proc says it: R S D T Z… */
} Span;

typedef struct
{
  gint64 start_us;
  gint64 end_us;
  float  share;     /* of one CPU, 0 to 1 */
} CpuBar;

/* A task the lesson told of (mpd-events.h): from its start to its end, or its loss. Or a
 * wait it told of: from when a process began to wait in a call ("q.put()") to when it went on. */
typedef struct
{
  int         pid;
  int         number;
  gint64      start_us;
  gint64      end_us;   /* -1 while it runs */
  gboolean    lost;
  gboolean    wait;
  const char *label;    /* the history's */
} Task;

typedef struct
{
  int      pid;
  int      tid;       /* the pid, for a process's lane */
  guint64  start_time;
  char    *name;      /* as the kernel said it last: a thread may name itself after it starts */
  char    *label;
  GArray  *spans;     /* of Span */
  GArray  *cpu;       /* of CpuBar */
  guint64  ticks;     /* the CPU time at the last frame it was in */
  gint64   seen_us;   /* the time of that frame */
} Lane;

struct _MpdTimeline
{
  GtkWidget      parent_instance;

  MpdRunHistory *history;
  GPtrArray     *lanes;        /* of Lane: each process, then its threads */
  GHashTable    *lane_index;   /* "pid/tid/start time" -> Lane */
  guint          frames_read;
  gint64         last_read_us; /* the time of the newest frame read, to see a thinning */
  gint64         moment_us;    /* the moment shown, or -1: now */
  gboolean       has_output;   /* marks whose process is not known: the "output" lane */
  gboolean       changed;      /* a frame read added a state, a CPU bar or a lane */
  guint          n_marks;      /* the marks drawn */
  guint          n_events;     /* the lesson's events drawn (tasks, as labelled bars) */
  GArray        *tasks;        /* of Task, in the order they started */
  guint          events_read;  /* the history's events that made them */
  gint64         drawn_us;     /* when the timeline was last drawn again */
};

enum {
  MOMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MpdTimeline, mpd_timeline, GTK_TYPE_WIDGET)

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_free (lane->label);
  g_free (lane->name);
  g_array_unref (lane->spans);
  g_array_unref (lane->cpu);
  g_free (lane);
}

static void
mpd_timeline_clear (MpdTimeline *self)
{
  g_ptr_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->lane_index);
  self->frames_read = 0;
  self->last_read_us = -1;
  self->has_output = FALSE;
}

/* Reads the lesson's events that came since the last time: each start is a task, each end or
 * loss ends the newest task of its process with that number. Once, not at each drawing. */
static void
mpd_timeline_read_events (MpdTimeline *self)
{
  GArray *events = mpd_run_history_get_events (self->history);

  for (; self->events_read < events->len; self->events_read++)
    {
      const MpdEvent *event = &g_array_index (events, MpdEvent, self->events_read);

      if (event->kind == MPD_EVENT_TASK_STARTED)
        {
          Task task = { event->pid, event->number, event->time_us, -1, FALSE, FALSE,
                        event->label };

          g_array_append_val (self->tasks, task);
        }
      else if (event->kind == MPD_EVENT_WAIT_BEGAN)
        {
          Task wait = { event->pid, -1, event->time_us, -1, FALSE, TRUE, event->label };

          g_array_append_val (self->tasks, wait);
        }
      else if (event->kind == MPD_EVENT_WAIT_ENDED)
        for (guint i = self->tasks->len; i > 0; i--)
          {
            Task *wait = &g_array_index (self->tasks, Task, i - 1);

            if (wait->wait && wait->pid == event->pid && wait->end_us < 0 &&
                g_strcmp0 (wait->label, event->label) == 0)
              {
                wait->end_us = event->time_us;
                break;
              }
          }
      else if (event->kind == MPD_EVENT_TASK_ENDED || event->kind == MPD_EVENT_TASK_LOST)
        for (guint i = self->tasks->len; i > 0; i--)
          {
            Task *task = &g_array_index (self->tasks, Task, i - 1);

            if (!task->wait && task->pid == event->pid && task->number == event->number &&
                task->end_us < 0)
              {
                task->end_us = event->time_us;
                task->lost = event->kind == MPD_EVENT_TASK_LOST;
                break;
              }
          }
    }
}

static void
lane_set_name (Lane       *lane,
               const char *name)
{
  g_free (lane->name);
  lane->name = g_strdup (name);
  g_free (lane->label);
  if (lane->tid == lane->pid)
    /* Translators: a process's lane in the timeline: its name and its pid. */
    lane->label = g_strdup_printf (_("%s · pid %d"), name, lane->pid);
  else
    /* Translators: a thread's lane in the timeline, under its process's: its name and id. */
    lane->label = g_strdup_printf (_("thread %s · %d"), name, lane->tid);
}

/* The lane of a process (@tid == @pid) or of one of its threads, made if it is new: a thread's
 * after its process's lane and its other threads. Its label says the newest name. */
static Lane *
mpd_timeline_get_lane (MpdTimeline *self,
                       int          pid,
                       int          tid,
                       guint64      start_time,
                       const char  *name)
{
  g_autofree char *key = g_strdup_printf ("%d/%d/%" G_GUINT64_FORMAT, pid, tid, start_time);
  Lane *lane = g_hash_table_lookup (self->lane_index, key);
  guint at = self->lanes->len;

  if (lane != NULL)
    {
      if (g_strcmp0 (lane->name, name) != 0)
        {
          lane_set_name (lane, name);
          self->changed = TRUE;
        }
      return lane;
    }

  lane = g_new0 (Lane, 1);
  lane->pid = pid;
  lane->tid = tid;
  lane->start_time = start_time;
  lane->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  lane->cpu = g_array_new (FALSE, FALSE, sizeof (CpuBar));
  lane->seen_us = -1;
  lane_set_name (lane, name);
  if (tid != pid)
    {
      for (guint i = 0; i < self->lanes->len; i++)
        {
          const Lane *other = g_ptr_array_index (self->lanes, i);

          if (other->pid == pid && other->start_time == start_time)
            at = i + 1;
        }
    }
  g_ptr_array_insert (self->lanes, (int) at, lane);
  g_hash_table_insert (self->lane_index, g_steal_pointer (&key), lane);
  return lane;
}

/* What one frame adds to a lane: its state from @time_us on, and the CPU it used since the
 * frame before. */
static void
lane_see (Lane     *lane,
          char      state,
          guint64   ticks,
          gint64    time_us,
          gboolean *changed)
{
  Span *last = lane->spans->len > 0
               ? &g_array_index (lane->spans, Span, lane->spans->len - 1) : NULL;

  if (lane->seen_us >= 0 && ticks > lane->ticks && time_us > lane->seen_us)
    {
      static long ticks_per_s = 0;
      CpuBar bar = { lane->seen_us, time_us, 0 };

      if (ticks_per_s == 0)
        ticks_per_s = MAX (sysconf (_SC_CLK_TCK), 1);
      bar.share = (float) MIN (1.0, (ticks - lane->ticks) * 1e6 / ticks_per_s /
                                    (double) (time_us - lane->seen_us));
      g_array_append_val (lane->cpu, bar);
      *changed = TRUE;
    }
  lane->ticks = ticks;
  lane->seen_us = time_us;

  if (last != NULL && last->end_us < 0 && last->state == state)
    return;
  if (last != NULL && last->end_us < 0)
    last->end_us = time_us;
  g_array_append_val (lane->spans, ((Span) { time_us, -1, state }));
  *changed = TRUE;
}

/* A lane that a frame no longer has: its process or thread is gone. */
static void
lane_gone (Lane     *lane,
           gint64    time_us,
           gboolean *changed)
{
  if (lane->spans->len > 0 && g_array_index (lane->spans, Span, lane->spans->len - 1).end_us < 0)
    {
      g_array_index (lane->spans, Span, lane->spans->len - 1).end_us = time_us;
      *changed = TRUE;
    }
}

static void
mpd_timeline_read_frame (MpdTimeline       *self,
                         const MpdRunFrame *frame)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *processes = mpd_process_tree_get_processes (frame->tree);
  int root = mpd_process_tree_get_root_pid (frame->tree);

  for (guint i = 0; i < processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (processes, i);
      Lane *lane;

      if (info->pid == root)
        continue;  /* MpDemo's supervisor, not the lesson's */
      lane = mpd_timeline_get_lane (self, info->pid, info->pid, info->start_time, info->name);
      lane_see (lane, info->state, info->cpu_ticks, frame->time_us, &self->changed);
      g_hash_table_add (seen, lane);
      for (guint j = 0; j < info->threads->len; j++)
        {
          const MpdThreadInfo *thread = &g_array_index (info->threads, MpdThreadInfo, j);

          if (thread->tid == info->pid)
            continue;
          lane = mpd_timeline_get_lane (self, info->pid, thread->tid, info->start_time,
                                        thread->name);
          lane_see (lane, thread->state, thread->cpu_ticks, frame->time_us, &self->changed);
          g_hash_table_add (seen, lane);
        }
    }
  for (guint i = 0; i < self->lanes->len; i++)
    if (!g_hash_table_contains (seen, g_ptr_array_index (self->lanes, i)))
      lane_gone (g_ptr_array_index (self->lanes, i), frame->time_us, &self->changed);
}

static void
mpd_timeline_queue_draw (MpdTimeline *self)
{
  self->changed = FALSE;
  self->n_marks = self->history != NULL ? mpd_run_history_get_marks (self->history)->len : 0;
  self->n_events = self->history != NULL ? mpd_run_history_get_events (self->history)->len : 0;
  self->drawn_us = g_get_monotonic_time ();
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mpd_timeline_update:
 * @self: a timeline
 *
 * Reads the frames added to the history since the last update, and draws them.
 */
void
mpd_timeline_update (MpdTimeline *self)
{
  guint n_frames, n_lanes_before = self->lanes->len;
  GArray *marks;

  g_return_if_fail (MPD_IS_TIMELINE (self));

  if (self->history == NULL)
    {
      mpd_timeline_clear (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }

  n_frames = mpd_run_history_get_n_frames (self->history);
  /* Thinned since the last read: the frames read are not all there any more. */
  if (self->frames_read > n_frames ||
      (self->frames_read > 0 &&
       mpd_run_history_get_frame (self->history, self->frames_read - 1)->time_us !=
       self->last_read_us))
    mpd_timeline_clear (self);

  for (guint i = self->frames_read; i < n_frames; i++)
    mpd_timeline_read_frame (self, mpd_run_history_get_frame (self->history, i));
  self->frames_read = n_frames;
  if (n_frames > 0)
    self->last_read_us = mpd_run_history_get_frame (self->history, n_frames - 1)->time_us;

  mpd_timeline_read_events (self);
  marks = mpd_run_history_get_marks (self->history);
  for (guint i = 0; i < marks->len && !self->has_output; i++)
    self->has_output = g_array_index (marks, MpdRunMark, i).pid == 0;
  if (marks->len != self->n_marks ||
      mpd_run_history_get_events (self->history)->len != self->n_events)
    self->changed = TRUE;

  if (self->lanes->len != n_lanes_before)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  /* While nothing but time passes (processes asleep), the run only grows longer: drawn again
   * once a second, not at every sample. */
  if (self->changed || g_get_monotonic_time () - self->drawn_us >= G_USEC_PER_SEC ||
      mpd_run_history_get_end_time (self->history) != self->last_read_us)
    mpd_timeline_queue_draw (self);
}

/**
 * mpd_timeline_set_history:
 * @self: a timeline
 * @history: (nullable): the history of a run
 *
 * Draws @history, from its start, and follows it as it grows ("now").
 */
void
mpd_timeline_set_history (MpdTimeline   *self,
                          MpdRunHistory *history)
{
  g_return_if_fail (MPD_IS_TIMELINE (self));
  g_return_if_fail (history == NULL || MPD_IS_RUN_HISTORY (history));

  if (self->history != history)
    {
      g_set_object (&self->history, history);
      mpd_timeline_clear (self);
      g_array_set_size (self->tasks, 0);
      self->events_read = 0;
      self->moment_us = -1;
    }
  mpd_timeline_update (self);
}

/* Returns: the moment shown, or -1 when the timeline follows the run ("now") */
gint64
mpd_timeline_get_moment (MpdTimeline *self)
{
  g_return_val_if_fail (MPD_IS_TIMELINE (self), -1);

  return self->moment_us;
}

/**
 * mpd_timeline_set_moment:
 * @self: a timeline
 * @time_us: a moment of the run, or -1 to follow it ("now"); a moment at or after the end of
 *   a run that goes on follows it too
 *
 * Says so with #MpdTimeline::moment-changed, when the moment changes.
 */
void
mpd_timeline_set_moment (MpdTimeline *self,
                         gint64       time_us)
{
  gint64 start, end;

  g_return_if_fail (MPD_IS_TIMELINE (self));

  if (self->history == NULL || mpd_run_history_get_n_frames (self->history) == 0)
    time_us = -1;
  else if (time_us >= 0)
    {
      start = mpd_run_history_get_start_time (self->history);
      end = mpd_run_history_get_end_time (self->history);
      time_us = CLAMP (time_us, start, end);
      if (time_us >= mpd_run_history_get_frame (self->history,
                                                mpd_run_history_get_n_frames (self->history) - 1)->time_us)
        time_us = -1;  /* the newest frame: now */
    }

  if (self->moment_us == time_us)
    return;
  self->moment_us = time_us;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[MOMENT_CHANGED], 0);
}

/**
 * mpd_timeline_step:
 * @self: a timeline
 * @frames: how many frames to go forward (or back, if negative)
 *
 * Moves the moment shown by whole frames; from "now", back starts at the newest frame.
 */
void
mpd_timeline_step (MpdTimeline *self,
                   int          frames)
{
  int n_frames, index;

  g_return_if_fail (MPD_IS_TIMELINE (self));

  n_frames = self->history != NULL ? (int) mpd_run_history_get_n_frames (self->history) : 0;
  if (n_frames == 0)
    return;
  index = self->moment_us < 0 ? n_frames - 1
                              : mpd_run_history_find_frame (self->history, self->moment_us);
  index = CLAMP (index + frames, 0, n_frames - 1);
  mpd_timeline_set_moment (self, index == n_frames - 1
                                 ? -1 : mpd_run_history_get_frame (self->history, index)->time_us);
}

guint
mpd_timeline_get_n_lanes (MpdTimeline *self)
{
  g_return_val_if_fail (MPD_IS_TIMELINE (self), 0);

  return self->lanes->len;
}

static const char *
describe_span_state (char state)
{
  switch (state)
    {
    case 'R':
      return _("running");
    case 'T':
    case 't':
      return _("stopped");
    case 'Z':
      return _("zombie");
    case 'D':
      return _("disk wait");
    default:
      return _("sleeping");
    }
}

/**
 * mpd_timeline_dup_lane_text:
 * @self: a timeline
 * @lane: a lane, from the top (the "output" lane is not one)
 *
 * Returns: (transfer full): the lane in words, for a screen reader and the tests: its label,
 *   then each state with its time from the start of the run ("sleeping 0.0–2.5 s"), then the
 *   tasks the lesson said it ran there ("tasks: func(0) 0.0–1.0 s, …")
 */
char *
mpd_timeline_dup_lane_text (MpdTimeline *self,
                            guint        lane_index)
{
  GString *text;
  const Lane *lane;
  gint64 start, end;

  g_return_val_if_fail (MPD_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (lane_index < self->lanes->len, NULL);

  lane = g_ptr_array_index (self->lanes, lane_index);
  start = mpd_run_history_get_start_time (self->history);
  end = mpd_run_history_get_end_time (self->history);
  text = g_string_new (lane->label);
  g_string_append (text, ":");
  for (guint i = 0; i < lane->spans->len; i++)
    {
      const Span *span = &g_array_index (lane->spans, Span, i);

      g_string_append (text, i == 0 ? " " : ", ");
      /* Translators: a state in the timeline, from when to when, in seconds: "sleeping
       * 0.0–2.5 s". */
      g_string_append_printf (text, _("%s %.1f–%.1f s"), describe_span_state (span->state),
                              (span->start_us - start) / 1e6,
                              ((span->end_us >= 0 ? span->end_us : end) - start) / 1e6);
    }
  for (int waits = 0; waits < 2 && lane->tid == lane->pid; waits++)
    {
      gboolean first = TRUE;

      for (guint i = 0; i < self->tasks->len; i++)
        {
          const Task *task = &g_array_index (self->tasks, Task, i);

          if (task->pid != lane->pid || task->wait != waits)
            continue;
          /* Translators: the tasks that a lesson ran in a process, on its lane of the
           * timeline: "; tasks: func(0) 0.0–1.0 s, func(3) 1.0–2.0 s"; and the calls it waited
           * in: "; waits: q.put() 0.2–1.2 s". */
          g_string_append (text, !first ? ", " : waits ? _("; waits: ") : _("; tasks: "));
          g_string_append_printf (text, _("%s %.1f–%.1f s"), task->label,
                                  (task->start_us - start) / 1e6,
                                  ((task->end_us >= 0 ? task->end_us : end) - start) / 1e6);
          first = FALSE;
        }
    }
  return g_string_free (text, FALSE);
}

static void
span_color (char     state,
            GdkRGBA *color)
{
  const char *name;

  switch (state)
    {
    case 'R':
      name = "rgba(46,194,126,0.45)";
      break;
    case 'T':
    case 't':
      name = "rgba(229,165,10,0.55)";
      break;
    case 'Z':
      name = "rgba(224,27,36,0.45)";
      break;
    case 'D':
      name = "rgba(255,120,0,0.45)";
      break;
    default:
      name = "rgba(53,132,228,0.22)";
      break;
    }
  gdk_rgba_parse (color, name);
}

/* A step between the time axis's ticks that leaves them at least @min_us apart. */
static gint64
tick_step (gint64 min_us)
{
  static const gint64 steps[] = { 100000, 200000, 500000, 1000000, 2000000, 5000000,
                                  10000000, 30000000, 60000000, 300000000, 600000000 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= min_us)
      return steps[i];
  return 3600000000;
}

/* The lane (from the top, the "output" lane included) of a mark about @pid at @time_us. */
static int
mark_lane (MpdTimeline *self,
           int          pid,
           gint64       time_us)
{
  int found = -1;

  if (pid == 0)
    return 0;
  for (guint i = 0; i < self->lanes->len; i++)
    {
      const Lane *lane = g_ptr_array_index (self->lanes, i);

      if (lane->pid == pid && lane->tid == pid && lane->spans->len > 0 &&
          g_array_index (lane->spans, Span, 0).start_us <= time_us)
        found = (int) i;
    }
  return found >= 0 ? found + (self->has_output ? 1 : 0) : -1;
}

/* Where the lanes' time runs, in a timeline @width wide: from @plot_x, @plot_w long, right of
 * the labels (@label_w). The drawing and a click read it alike. */
static void
mpd_timeline_get_plot (MpdTimeline *self,
                       float        width,
                       float       *label_w,
                       float       *plot_x,
                       float       *plot_w)
{
  double em = mpd_drawing_get_em (GTK_WIDGET (self));

  *label_w = MIN (LABEL_EM * em, width / 3);
  *plot_x = *label_w + em / 2;
  *plot_w = MAX (width - *plot_x - em / 2, 1);
}

/* The tasks that the lesson's events tell of (a pool's "func(3) started on worker 1234"): a
 * labelled bar each, on the lane of the process that ran it, from its start to its end. A task
 * lost with its worker ends in red. A wait (a queue's "q.put()" while it is full) is an orange
 * bar, labelled with the call it waits in. */
static void
mpd_timeline_draw_tasks (MpdTimeline *self,
                         GtkSnapshot *snapshot,
                         PangoLayout *layout,
                         gint64       start,
                         gint64       end,
                         float        plot_x,
                         float        plot_w)
{
  double em = mpd_drawing_get_em (GTK_WIDGET (self));
  float lane_h = LANE_EM * em, axis_h = AXIS_EM * em;
  gint64 duration = MAX (end - start, 1);
  GdkRGBA bar_color, wait_color, lost_color, text_color;

  gdk_rgba_parse (&bar_color, "rgba(53,132,228,0.9)");
  gdk_rgba_parse (&wait_color, "rgba(198,70,0,0.9)");
  gdk_rgba_parse (&lost_color, "#c01c28");
  gdk_rgba_parse (&text_color, "white");
  for (guint i = 0; i < self->tasks->len; i++)
    {
      const Task *task = &g_array_index (self->tasks, Task, i);
      gint64 finish = task->end_us >= 0 ? task->end_us : end;
      int row;
      float x1, x2, y;

      /* A task may start before the first sample that saw its worker: then on the lane that
       * the worker has from that sample on. */
      row = mark_lane (self, task->pid, MAX (task->start_us, start));
      if (row < 0)
        row = mark_lane (self, task->pid, finish);
      if (row < 0)
        continue;
      x1 = plot_x + (float) ((double) (MAX (task->start_us, start) - start) / duration * plot_w);
      x2 = plot_x + (float) ((double) (finish - start) / duration * plot_w);
      y = axis_h + row * lane_h + 2;
      gtk_snapshot_append_color (snapshot, task->wait ? &wait_color : &bar_color,
                                 &GRAPHENE_RECT_INIT (x1 + 0.5f, y, MAX (x2 - x1 - 1, 1),
                                                      lane_h * 0.6f));
      if (task->lost)
        gtk_snapshot_append_color (snapshot, &lost_color,
                                   &GRAPHENE_RECT_INIT (x2 - 3, y, 3, lane_h - 4));
      if (x2 - x1 > 2 * em)
        {
          pango_layout_set_width (layout, (int) ((x2 - x1 - em / 3) / 0.8f * PANGO_SCALE));
          gtk_snapshot_save (snapshot);
          gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x1, y, x2 - x1, lane_h * 0.6f));
          gtk_snapshot_scale (snapshot, 0.8f, 0.8f);
          mpd_drawing_append_text (snapshot, layout, task->label, (x1 + em / 6) / 0.8f,
                                   (y - 0.1f * em) / 0.8f, &text_color);
          gtk_snapshot_pop (snapshot);
          gtk_snapshot_restore (snapshot);
        }
    }
  pango_layout_set_width (layout, -1);
}

/* Draws the timeline into @snapshot, @width wide; the PNG export draws it at its own size. */
static void
mpd_timeline_draw (MpdTimeline *self,
                   GtkSnapshot *snapshot,
                   float        width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  double em = mpd_drawing_get_em (widget);
  float lane_h = LANE_EM * em, axis_h = AXIS_EM * em, label_w, plot_x, plot_w;
  int first_lane = self->has_output ? 1 : 0;
  guint n_rows = self->lanes->len + first_lane;
  gint64 start, end, duration, step;
  GdkRGBA fg, faint, cursor;
  GArray *marks;

  if (self->history == NULL || self->lanes->len == 0)
    return;

  mpd_timeline_get_plot (self, width, &label_w, &plot_x, &plot_w);
  start = mpd_run_history_get_start_time (self->history);
  end = mpd_run_history_get_end_time (self->history);
  duration = MAX (end - start, 1);
#define X_OF(t) (plot_x + (float) ((double) ((t) - start) / duration * plot_w))

  mpd_drawing_get_fg_color (widget, &fg);
  faint = fg;
  faint.alpha = 0.15f;
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (int) ((label_w - em / 4) * PANGO_SCALE));

  /* The axis: a tick and its time in seconds, every step. */
  step = tick_step ((gint64) (6 * em / plot_w * duration));
  for (gint64 t = 0; t <= duration; t += step)
    {
      g_autofree char *label = g_strdup_printf (_("%g s"), t / 1e6);
      float x = X_OF (start + t);
      int label_width;

      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (x, axis_h - 4, 1, n_rows * lane_h + 4));
      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &label_width, NULL);
      if (x + 2 + label_width <= width)  /* a time cut by the edge would be misread */
        mpd_drawing_append_text (snapshot, layout, label, x + 2, 0, &fg);
    }
  pango_layout_set_width (layout, (int) ((label_w - em / 4) * PANGO_SCALE));

  /* The lanes: a label, the states, the CPU bars. */
  if (self->has_output)
    mpd_drawing_append_text (snapshot, layout, _("output"), 0, axis_h + 0.15f * em, &fg);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      const Lane *lane = g_ptr_array_index (self->lanes, i);
      float y = axis_h + (i + first_lane) * lane_h;
      GdkRGBA cpu_color;

      mpd_drawing_append_text (snapshot, layout, lane->label,
                               lane->tid == lane->pid ? 0 : em, y + 0.15f * em, &fg);
      for (guint j = 0; j < lane->spans->len; j++)
        {
          const Span *span = &g_array_index (lane->spans, Span, j);
          float x1 = X_OF (span->start_us);
          float x2 = X_OF (span->end_us >= 0 ? span->end_us : end);
          GdkRGBA color;

          span_color (span->state, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (x1, y + 2, MAX (x2 - x1, 1),
                                                          lane_h - 4));
        }
      gdk_rgba_parse (&cpu_color, "rgba(38,162,105,0.95)");
      for (guint j = 0; j < lane->cpu->len; j++)
        {
          const CpuBar *bar = &g_array_index (lane->cpu, CpuBar, j);
          float x1 = X_OF (bar->start_us), x2 = X_OF (bar->end_us);
          float h = MAX (bar->share * (lane_h - 4), 1.5f);

          gtk_snapshot_append_color (snapshot, &cpu_color,
                                     &GRAPHENE_RECT_INIT (x1, y + lane_h - 2 - h,
                                                          MAX (x2 - x1, 1), h));
        }
    }

  mpd_timeline_draw_tasks (self, snapshot, layout, start, end, plot_x, plot_w);

  /* The marks: lines of output, signals sent. */
  marks = mpd_run_history_get_marks (self->history);
  for (guint i = 0; i < marks->len; i++)
    {
      const MpdRunMark *mark = &g_array_index (marks, MpdRunMark, i);
      int row = mark_lane (self, mark->pid, mark->time_us);
      GdkRGBA color = fg;

      if (row < 0 || mark->time_us < start)
        continue;
      if (mark->pid != 0)
        gdk_rgba_parse (&color, "#c01c28");
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (X_OF (mark->time_us) - 1,
                                                      axis_h + row * lane_h + 1, 2, lane_h - 2));
    }

  /* The moment shown. */
  gdk_rgba_parse (&cursor, "#3584e4");
  gtk_snapshot_append_color (snapshot, &cursor,
                             &GRAPHENE_RECT_INIT (X_OF (self->moment_us >= 0 ? self->moment_us : end) - 1.5f,
                                                  axis_h - 4, 3, n_rows * lane_h + 4));
#undef X_OF
}

static void
mpd_timeline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  mpd_timeline_draw (MPD_TIMELINE (widget), snapshot, gtk_widget_get_width (widget));
}

static void
mpd_timeline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MpdTimeline *self = MPD_TIMELINE (widget);
  double em = mpd_drawing_get_em (widget);
  guint n_rows = self->lanes->len + (self->has_output ? 1 : 0);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (int) (20 * em);
  else
    *minimum = *natural = (int) (AXIS_EM * em + MAX (n_rows, 1) * LANE_EM * em);
}

/* The moment under @x, in the widget. */
static gint64
mpd_timeline_time_at (MpdTimeline *self,
                      double       x)
{
  float label_w, plot_x, plot_w;
  gint64 start = mpd_run_history_get_start_time (self->history);
  gint64 end = mpd_run_history_get_end_time (self->history);

  mpd_timeline_get_plot (self, gtk_widget_get_width (GTK_WIDGET (self)), &label_w, &plot_x,
                         &plot_w);
  return start + (gint64) (CLAMP ((x - plot_x) / plot_w, 0, 1) * (end - start));
}

static void
mpd_timeline_pressed_cb (MpdTimeline     *self,
                         int              n_press,
                         double           x,
                         double           y,
                         GtkGestureClick *click)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->history != NULL && mpd_run_history_get_n_frames (self->history) > 0)
    mpd_timeline_set_moment (self, mpd_timeline_time_at (self, x));
}

static gboolean
mpd_timeline_key_pressed_cb (MpdTimeline           *self,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             GtkEventControllerKey *keys)
{
  int big = state & GDK_CONTROL_MASK ? 10 : 1;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      mpd_timeline_step (self, -big);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      mpd_timeline_step (self, big);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      mpd_timeline_step (self, -G_MAXINT / 2);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      mpd_timeline_set_moment (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * mpd_timeline_save_png:
 * @self: a timeline, in a window
 * @path: the file to write
 * @error: where to say why not
 *
 * Writes the timeline as a PNG image, at least 1,200 pixels wide, on an opaque background.
 *
 * Returns: whether the file was written
 */
gboolean
mpd_timeline_save_png (MpdTimeline  *self,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkNative *native;
  GdkRGBA fg, background;
  int width, height, ignored;

  g_return_val_if_fail (MPD_IS_TIMELINE (self), FALSE);

  native = gtk_widget_get_native (GTK_WIDGET (self));
  if (native == NULL || gtk_native_get_renderer (native) == NULL || self->lanes->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no timeline to save: run the lesson first."));
      return FALSE;
    }

  width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1200);
  mpd_timeline_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, width, &height, &ignored,
                        &ignored, &ignored);
  /* The background of the theme's text: white under dark text, dark under light text. */
  mpd_drawing_get_fg_color (GTK_WIDGET (self), &fg);
  gdk_rgba_parse (&background, fg.red + fg.green + fg.blue > 1.5 ? "#242424" : "#ffffff");
  gtk_snapshot_append_color (snapshot, &background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height + 8));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 4));
  mpd_timeline_draw (self, snapshot, width);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height + 8));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the image to %s."), path);
      return FALSE;
    }
  return TRUE;
}

static void
mpd_timeline_dispose (GObject *object)
{
  MpdTimeline *self = MPD_TIMELINE (object);

  g_clear_object (&self->history);

  G_OBJECT_CLASS (mpd_timeline_parent_class)->dispose (object);
}

static void
mpd_timeline_finalize (GObject *object)
{
  MpdTimeline *self = MPD_TIMELINE (object);

  g_ptr_array_unref (self->lanes);
  g_hash_table_unref (self->lane_index);
  g_array_unref (self->tasks);

  G_OBJECT_CLASS (mpd_timeline_parent_class)->finalize (object);
}

static void
mpd_timeline_class_init (MpdTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_timeline_dispose;
  object_class->finalize = mpd_timeline_finalize;
  widget_class->snapshot = mpd_timeline_snapshot;
  widget_class->measure = mpd_timeline_measure;

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  /**
   * MpdTimeline::moment-changed:
   * @self: the timeline
   *
   * The moment shown changed: a click, a key, or mpd_timeline_set_moment().
   */
  signals[MOMENT_CHANGED] =
    g_signal_new ("moment-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mpd_timeline_init (MpdTimeline *self)
{
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  self->lane_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tasks = g_array_new (FALSE, FALSE, sizeof (Task));
  self->moment_us = -1;
  self->last_read_us = -1;

  mpd_drawing_make_interactive (GTK_WIDGET (self), G_CALLBACK (mpd_timeline_pressed_cb),
                                G_CALLBACK (mpd_timeline_key_pressed_cb));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Timeline of the run: each process and thread over time. "
                                    "Left and Right move a sample back or forward, End goes "
                                    "back to now."),
                                  -1);
}

GtkWidget *
mpd_timeline_new (void)
{
  return g_object_new (MPD_TYPE_TIMELINE, NULL);
}
