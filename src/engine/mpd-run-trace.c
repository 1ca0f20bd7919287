/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-run-trace.c: a run's processes over time, written in the Trace Event Format. */

/*
 * A run, kept for a student's report and for the tools people already use: the JSON of the
 * Trace Event Format, which Perfetto's UI (ui.perfetto.dev) and chrome://tracing open. Each
 * process is a track, and each of its threads a track inside it, both named ("M" events:
 * process_name, thread_name). What /proc said at each sample becomes spans on those tracks
 * ("X" events, with a start and a duration, in µs): running, sleeping, in disk wait, stopped,
 * a zombie. A line of output or a signal sent is an instant event ("i") on its process's
 * track. docs/trace.md says it field by field.
 *
 * The trace knows only what the samples saw: a state that lasted less than the time between
 * two samples may not be in it, and a span ends where the next sample saw another state.
 */

#define G_LOG_DOMAIN "mpd-run-trace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mpd-proc.h"
#include "mpd-run-trace.h"

typedef struct
{
  int     pid;
  int     tid;
  char    state;      /* the state of the span going on, or 0 */
  gint64  since_us;
} Track;

struct _MpdRunTrace
{
  GObject     parent_instance;

  GHashTable *tracks;     /* "pid/tid" -> Track */
  GString    *events;     /* the events written so far, each ",\n" separated */
  GString    *names;      /* the process_name and thread_name events */
  GHashTable *named;      /* "pid/tid" -> TRUE, for tracks already named */
  gint64      origin_us;  /* the time of the first sample: ts 0 */
  int         root_pid;   /* the first process of the first sample, or 0 */
};

G_DEFINE_FINAL_TYPE (MpdRunTrace, mpd_run_trace, G_TYPE_OBJECT)

static void
mpd_run_trace_finalize (GObject *object)
{
  MpdRunTrace *self = (MpdRunTrace *)object;

  g_hash_table_unref (self->tracks);
  g_hash_table_unref (self->named);
  g_string_free (self->events, TRUE);
  g_string_free (self->names, TRUE);

  G_OBJECT_CLASS (mpd_run_trace_parent_class)->finalize (object);
}

static void
mpd_run_trace_class_init (MpdRunTraceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mpd_run_trace_finalize;
}

static void
mpd_run_trace_init (MpdRunTrace *self)
{
  self->tracks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->events = g_string_new (NULL);
  self->names = g_string_new (NULL);
  self->origin_us = -1;
}

MpdRunTrace *
mpd_run_trace_new (void)
{
  return g_object_new (MPD_TYPE_RUN_TRACE, NULL);
}

/* @text as a JSON string, quotes included. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
begin_event (GString *out)
{
  if (out->len > 0)
    g_string_append (out, ",\n");
}

static gint64
mpd_run_trace_ts (MpdRunTrace *self,
                  gint64       time_us)
{
  if (self->origin_us < 0)
    self->origin_us = time_us;
  return MAX (0, time_us - self->origin_us);
}

static void
name_track (MpdRunTrace *self,
            int          pid,
            int          tid,
            const char  *name)
{
  g_autofree char *key = g_strdup_printf ("%d/%d", pid, tid);
  g_autofree char *label = NULL;

  if (g_hash_table_contains (self->named, key))
    return;
  g_hash_table_add (self->named, g_steal_pointer (&key));

  /* Translators: the name of a process's or a thread's track in an exported trace. */
  label = g_strdup_printf (_("%s (%d)"), name, tid);
  /* A process is a track of its own, and its main thread a track in it, as any thread. */
  for (int i = tid == pid ? 0 : 1; i < 2; i++)
    {
      begin_event (self->names);
      g_string_append_printf (self->names, "{\"name\": \"%s\", \"ph\": \"M\", \"pid\": %d, "
                              "\"tid\": %d, \"args\": {\"name\": ",
                              i == 0 ? "process_name" : "thread_name", pid, tid);
      append_json_string (self->names, label);
      g_string_append (self->names, "}}");
    }
}

/* Ends the span going on for @track at @time_us, if there is one. */
static void
close_span (MpdRunTrace *self,
            Track       *track,
            gint64       time_us)
{
  const char *name;

  if (track->state == 0)
    return;

  name = track->state == 'R' ? "running"
         : track->state == 'D' ? "disk wait"
         : track->state == 'T' || track->state == 't' ? "stopped"
         : track->state == 'Z' ? "zombie"
         : "sleeping";
  begin_event (self->events);
  g_string_append_printf (self->events,
                          "{\"name\": \"%s\", \"cat\": \"state\", \"ph\": \"X\", "
                          "\"ts\": %" G_GINT64_FORMAT ", \"dur\": %" G_GINT64_FORMAT ", "
                          "\"pid\": %d, \"tid\": %d}",
                          name, mpd_run_trace_ts (self, track->since_us),
                          MAX (0, time_us - track->since_us), track->pid, track->tid);
  track->state = 0;
}

static void
see_state (MpdRunTrace *self,
           int          pid,
           int          tid,
           char         state,
           gint64       time_us,
           GHashTable  *seen)
{
  g_autofree char *key = g_strdup_printf ("%d/%d", pid, tid);
  Track *track = g_hash_table_lookup (self->tracks, key);

  if (track == NULL)
    {
      track = g_new0 (Track, 1);
      track->pid = pid;
      track->tid = tid;
      g_hash_table_insert (self->tracks, g_strdup (key), track);
    }
  g_hash_table_add (seen, track);

  if (track->state == state)
    return;
  close_span (self, track, time_us);
  track->state = state;
  track->since_us = time_us;
}

/**
 * mpd_run_trace_set_origin:
 * @self: a trace, before its first sample
 * @time_us: the time that is ts 0 (by default, the first sample's)
 */
void
mpd_run_trace_set_origin (MpdRunTrace *self,
                          gint64       time_us)
{
  g_return_if_fail (MPD_IS_RUN_TRACE (self));

  self->origin_us = time_us;
}

/**
 * mpd_run_trace_add_sample:
 * @self: a trace
 * @tree: a process tree, just sampled
 * @time_us: when (CLOCK_MONOTONIC, µs)
 *
 * Adds what @tree says now: each process's and thread's state. A process or thread that the
 * tree no longer has ends its track's span here.
 */
void
mpd_run_trace_add_sample (MpdRunTrace    *self,
                          MpdProcessTree *tree,
                          gint64          time_us)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *processes;
  GHashTableIter iter;
  Track *track;

  g_return_if_fail (MPD_IS_RUN_TRACE (self));
  g_return_if_fail (MPD_IS_PROCESS_TREE (tree));

  mpd_run_trace_ts (self, time_us);
  if (self->root_pid == 0)
    self->root_pid = mpd_process_tree_get_root_pid (tree);
  processes = mpd_process_tree_get_processes (tree);
  for (guint i = 0; i < processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (processes, i);

      name_track (self, info->pid, info->pid, info->name);
      see_state (self, info->pid, info->pid, info->state, time_us, seen);
      for (guint j = 0; j < info->threads->len; j++)
        {
          const MpdThreadInfo *thread = &g_array_index (info->threads, MpdThreadInfo, j);

          if (thread->tid == info->pid)
            continue;
          name_track (self, info->pid, thread->tid, thread->name);
          see_state (self, info->pid, thread->tid, thread->state, time_us, seen);
        }
    }

  g_hash_table_iter_init (&iter, self->tracks);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &track))
    if (!g_hash_table_contains (seen, track))
      close_span (self, track, time_us);
}

/**
 * mpd_run_trace_add_mark:
 * @self: a trace
 * @pid: the process it is about, or 0 when it is not known (a line of output that any process
 *   of the run may have written): then a global instant, put on the track of the root process
 * @text: what happened: a line of output, a signal sent
 * @time_us: when (CLOCK_MONOTONIC, µs)
 */
void
mpd_run_trace_add_mark (MpdRunTrace *self,
                        int          pid,
                        const char  *text,
                        gint64       time_us)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (MPD_IS_RUN_TRACE (self));
  g_return_if_fail (text != NULL);

  valid = g_utf8_make_valid (text, -1);
  begin_event (self->events);
  g_string_append (self->events, "{\"name\": ");
  append_json_string (self->events, valid);
  g_string_append_printf (self->events,
                          ", \"cat\": \"mark\", \"ph\": \"i\", \"s\": \"%s\", "
                          "\"ts\": %" G_GINT64_FORMAT ", \"pid\": %d, \"tid\": %d}",
                          pid > 0 ? "p" : "g", mpd_run_trace_ts (self, time_us),
                          pid > 0 ? pid : self->root_pid, pid > 0 ? pid : self->root_pid);
}

/**
 * mpd_run_trace_finish:
 * @self: a trace
 * @time_us: the end of the run
 *
 * Ends every span still going on.
 */
void
mpd_run_trace_finish (MpdRunTrace *self,
                      gint64       time_us)
{
  GHashTableIter iter;
  Track *track;

  g_return_if_fail (MPD_IS_RUN_TRACE (self));

  g_hash_table_iter_init (&iter, self->tracks);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &track))
    close_span (self, track, time_us);
}

/**
 * mpd_run_trace_to_json:
 * @self: a trace
 *
 * Returns: (transfer full): the trace, as a JSON object with its "traceEvents"
 */
char *
mpd_run_trace_to_json (MpdRunTrace *self)
{
  GString *json = g_string_new ("{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n");

  g_return_val_if_fail (MPD_IS_RUN_TRACE (self), NULL);

  g_string_append (json, self->names->str);
  if (self->names->len > 0 && self->events->len > 0)
    g_string_append (json, ",\n");
  g_string_append (json, self->events->str);
  g_string_append (json, "\n]}\n");
  return g_string_free (json, FALSE);
}
