/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-runner.c: runs a lesson program under mpdemo-supervisor, streams its output, knows its
 * processes, and stops it leaving nothing behind. */

/*
 * A run is one lesson program, C or Python, started by MpDemo. The runner does not start the
 * lesson itself: it starts mpdemo-supervisor (see mpdemo-supervisor.c), which starts the
 * lesson, adopts every process the lesson leaves behind, and ends them all when the run ends.
 * The runner only has to talk to one child, and never forks without exec: GSubprocess does
 * fork and exec in one go, as every GUI process must.
 *
 * The runner reads three pipes from the main loop, never blocking: the lesson's stdout and
 * stderr (each piece of output is emitted as it arrives, marked with its stream, so that the
 * two interleave as they would in a terminal), and the supervisor's report on fd 3 ("started
 * PID", "ended PID STATUS"). While the run goes, it reads /proc a few times a second for the
 * processes below the supervisor, and keeps them in a list model: one row per process, which
 * stays after the process has ended, until the next run.
 *
 * Reading /proc for 20 processes takes milliseconds (each one's stat, threads, fds, maps):
 * too long for the main loop, which must paint a frame every 16 ms. So the timer's samples
 * are taken in a worker thread (GTask, from GLib's pool) on a tree that only the sampling
 * thread touches (a Sampler, under its lock); the main loop then gets a copy of it that shares
 * nothing with it (mpd_process_tree_copy()), takes the lock once to be sure to see all of
 * it, and fills the table.
 *
 * A fourth pipe is the lesson's event channel (see mpd-events.c): the lesson's processes find its
 * write end at the fd that MPDEMO_EVENTS_FD names, and tell the page there which task runs on
 * which worker, or what they measured. Each event is kept in the run's history and emitted.
 *
 * The run has finished when the supervisor has been reaped and all four pipes are at their
 * end: then no process of the run is left, and nothing more can come.
 */

#define G_LOG_DOMAIN "mpd-runner"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>

#include "mpd-events.h"
#include "mpd-libexec.h"
#include "mpd-process.h"
#include "mpd-proc.h"
#include "mpd-runner.h"
#include "mpd-supervisor.h"

/* How long a process of the run has, after SIGTERM, before SIGKILL: short enough that all is
 * gone within a second, long enough for a Python process to run its cleanup. */
#define GRACE_MS 300

/* How often /proc is read while a run goes. A process that lives for less may not be seen.
 * While QUIET_SAMPLES samples in a row saw nothing change (every process asleep where it was,
 * no CPU time used, the same bytes in the pipes), the runner looks only every QUIET_SAMPLE_MS:
 * a lesson whose processes sleep then costs the window a third as much (bench/lesson-window),
 * and the first change after the quiet is seen at most QUIET_SAMPLE_MS late. */
#define SAMPLE_MS       100
#define QUIET_SAMPLE_MS 300
#define QUIET_SAMPLES   3

/* The most one read takes from a pipe. */
#define CHUNK_SIZE 65536

struct _MpdRunner
{
  GObject           parent_instance;

  /* Owned */
  GSubprocess      *supervisor;
  GCancellable     *cancellable;
  GDataInputStream *report;
  GInputStream     *events;           /* the event channel's read end */
  GByteArray       *event_data;       /* what was read of it and is not yet a whole event */
  GListStore       *processes;
  MpdProcessTree   *tree;             /* the run's processes, threads, pipes and shared memory:
                                       * the newest snapshot of the sampler's */
  struct _Sampler  *sampler;          /* the tree that is sampled, in a thread */
  guint64           applied;          /* the number of the newest sample applied */
  guint             sampling : 1;     /* a sample is being taken in a thread */
  guint64           last_signature;   /* of the last sample applied: see sample_signature() */
  guint             n_quiet;          /* samples in a row that saw nothing change */
  MpdRunHistory    *history;          /* every sample of the run, and its marks */
  GString          *partial[3];       /* [MPD_RUNNER_STDOUT], [MPD_RUNNER_STDERR]: the last line
                                       * of each, until it is whole */
  char             *program;          /* the lesson's program, for messages */
  guint             sample_id;

  int               supervisor_pid;
  int               lesson_pid;
  int               wait_status;
  guint             open_streams;     /* stdout, stderr, report and events still open, and the
                                       * wait */
  guint             running : 1;
  guint             exited : 1;       /* the lesson's first process ended, status known */
  guint             stop_requested : 1;
  guint             events_broken : 1;  /* a frame could not be read: the rest is skipped */
};

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_PID,
  N_PROPS
};

enum {
  OUTPUT,
  EVENT,
  FINISHED,
  SAMPLED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MpdRunner, mpd_runner, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static MpdProcess *
mpd_runner_find_process (MpdRunner *self,
                         int        pid)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->processes));

  /* The newest row of that pid: a pid may be used again within one run. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (G_LIST_MODEL (self->processes),
                                                             i - 1);

      if (mpd_process_get_pid (process) == pid)
        return process;  /* the store keeps its reference */
    }

  return NULL;
}

/* The tree that is sampled, and the lock that lets one thread at a time sample it. */
typedef struct _Sampler
{
  gatomicrefcount  ref;
  GMutex           lock;
  MpdProcessTree  *tree;     /* under lock */
  guint64          n_taken;  /* under lock: the number of the last sample taken */
} Sampler;

typedef struct
{
  MpdProcessTree *snapshot;
  guint64         number;
} Sample;

static Sampler *
sampler_new (int root_pid)
{
  Sampler *sampler = g_new0 (Sampler, 1);

  g_atomic_ref_count_init (&sampler->ref);
  g_mutex_init (&sampler->lock);
  g_mutex_lock (&sampler->lock);
  sampler->tree = mpd_process_tree_new (root_pid);
  g_mutex_unlock (&sampler->lock);  /* the sampling thread will see the tree made */
  return sampler;
}

static Sampler *
sampler_ref (Sampler *sampler)
{
  g_atomic_ref_count_inc (&sampler->ref);
  return sampler;
}

static void
sampler_unref (Sampler *sampler)
{
  if (!g_atomic_ref_count_dec (&sampler->ref))
    return;
  g_object_unref (sampler->tree);
  g_mutex_clear (&sampler->lock);
  g_free (sampler);
}

static void
sample_free (Sample *sample)
{
  g_clear_object (&sample->snapshot);
  g_free (sample);
}

/* Reads /proc for the sampler's tree, in whichever thread calls it. */
static Sample *
sampler_take (Sampler *sampler)
{
  Sample *sample = g_new0 (Sample, 1);
  g_autoptr(GArray) events = NULL;

  g_mutex_lock (&sampler->lock);
  events = mpd_process_tree_sample (sampler->tree);
  sample->snapshot = mpd_process_tree_copy (sampler->tree);
  sample->number = ++sampler->n_taken;
  g_mutex_unlock (&sampler->lock);
  return sample;
}

static void mpd_runner_apply_sample (MpdRunner *self,
                                     Sample    *sample);
static gboolean mpd_runner_sample_cb (gpointer data);

/* What a sample saw, in one number (FNV-1a): two samples with the same one saw the same
 * processes, threads and states, the same CPU time, and the same bytes in the same pipes. */
static guint64
sample_signature (MpdProcessTree *tree)
{
  GPtrArray *processes = mpd_process_tree_get_processes (tree);
  GPtrArray *channels = mpd_process_tree_get_channels (tree);
  guint64 hash = 14695981039346656037ull;

#define MIX(value) (hash = (hash ^ (guint64) (value)) * 1099511628211ull)
  for (guint i = 0; i < processes->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (processes, i);

      MIX (info->pid);
      MIX (info->state);
      MIX (info->cpu_ticks);
      MIX (info->cpu_ns);
      MIX (g_str_hash (info->wchan));
      for (guint t = 0; info->threads != NULL && t < info->threads->len; t++)
        {
          const MpdThreadInfo *thread = &g_array_index (info->threads, MpdThreadInfo, t);

          MIX (thread->tid);
          MIX (thread->state);
        }
      MIX (info->ends != NULL ? info->ends->len : 0);
    }
  for (guint i = 0; i < channels->len; i++)
    {
      const MpdChannel *channel = g_ptr_array_index (channels, i);

      MIX (channel->inode);
      MIX (channel->bytes_waiting);
    }
#undef MIX
  return hash;
}

/* Looks every SAMPLE_MS while things change, every QUIET_SAMPLE_MS while they do not. */
static void
mpd_runner_pace_samples (MpdRunner *self,
                         guint64    signature)
{
  gboolean was_quiet = self->n_quiet >= QUIET_SAMPLES;
  gboolean quiet;

  self->n_quiet = signature == self->last_signature ? self->n_quiet + 1 : 0;
  self->last_signature = signature;
  quiet = self->n_quiet >= QUIET_SAMPLES;
  if (quiet == was_quiet || self->sample_id == 0)
    return;

  g_source_remove (self->sample_id);
  self->sample_id = g_timeout_add (quiet ? QUIET_SAMPLE_MS : SAMPLE_MS, mpd_runner_sample_cb,
                                   self);
}

/**
 * mpd_runner_sample:
 * @self: a runner
 *
 * Reads /proc now: every process below the supervisor gets its row, and a row whose process
 * is no longer there is marked as ended. The runner calls it SAMPLE_MS apart while a run
 * goes; the tests call it to look at once.
 */
void
mpd_runner_sample (MpdRunner *self)
{
  Sample *sample;

  g_return_if_fail (MPD_IS_RUNNER (self));

  if (self->supervisor_pid <= 0 || self->sampler == NULL)
    return;

  sample = sampler_take (self->sampler);
  mpd_runner_apply_sample (self, sample);
  sample_free (sample);
}

/* A sample taken: the tree, the history and the table say what it saw. A sample older than
 * one already applied (the tests' own, taken while the timer's was in its thread) is left. */
static void
mpd_runner_apply_sample (MpdRunner *self,
                         Sample    *sample)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *found;
  guint n;

  if (sample->number <= self->applied)
    return;
  self->applied = sample->number;
  g_set_object (&self->tree, sample->snapshot);
  mpd_runner_pace_samples (self, sample_signature (self->tree));

  /* One look at /proc, for the tree and the table alike. The tree's root is the supervisor,
   * which is MpDemo's and not the lesson's: the table starts below it. */
  mpd_run_history_add_sample (self->history, self->tree, g_get_monotonic_time ());
  found = mpd_process_tree_get_processes (self->tree);
  for (guint i = 0; i < found->len; i++)
    {
      const MpdProcessInfo *info = g_ptr_array_index (found, i);
      MpdProcStat stat = {
        .pid = info->pid, .parent_pid = info->parent_pid, .state = info->state,
        .start_time = info->start_time, .exit_code = info->exit_code,
        .cpu_ticks = info->cpu_ticks,
      };
      MpdProcess *process;

      if (info->pid == self->supervisor_pid)
        continue;
      g_strlcpy (stat.name, info->name, sizeof stat.name);

      process = mpd_runner_find_process (self, stat.pid);
      if (process != NULL && mpd_process_get_start_time (process) != 0 &&
          mpd_process_get_start_time (process) != stat.start_time)
        {
          mpd_process_set_ended (process, FALSE, 0);  /* its pid was used again */
          process = NULL;
        }
      if (process == NULL)
        {
          g_autoptr(MpdProcess) added = mpd_process_new (stat.pid, stat.parent_pid,
                                                         stat.name, stat.start_time);

          g_list_store_append (self->processes, added);
          process = added;
        }
      mpd_process_update (process, &stat, info->wchan);
      g_hash_table_add (seen, process);
    }

  /* Gone since the last look: ended, and reaped by someone. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->processes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (G_LIST_MODEL (self->processes), i);

      if (!mpd_process_get_ended (process) && !g_hash_table_contains (seen, process))
        mpd_process_set_ended (process, FALSE, 0);  /* a zombie seen before told how */
    }

  g_signal_emit (self, signals[SAMPLED], 0);
}

static void
mpd_runner_sample_in_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  g_task_return_pointer (task, sampler_take (task_data), (GDestroyNotify) sample_free);
}

static void
mpd_runner_sampled_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  MpdRunner *self = MPD_RUNNER (object);
  Sampler *sampler = g_task_get_task_data (G_TASK (result));
  Sample *sample = g_task_propagate_pointer (G_TASK (result), NULL);

  self->sampling = FALSE;
  /* The thread wrote the copy under the lock: taking it makes all of it ours to read. */
  g_mutex_lock (&sampler->lock);
  g_mutex_unlock (&sampler->lock);
  /* Still the same run's, and the run still going. */
  if (sample != NULL && sampler == self->sampler && self->sample_id != 0)
    mpd_runner_apply_sample (self, sample);
  g_clear_pointer (&sample, sample_free);
}

/* The timer: a sample, in a thread, unless one is still being taken. */
static gboolean
mpd_runner_sample_cb (gpointer data)
{
  MpdRunner *self = MPD_RUNNER (data);
  g_autoptr(GTask) task = NULL;

  if (self->sampling)
    return G_SOURCE_CONTINUE;
  self->sampling = TRUE;
  /* The task keeps the runner until it is done: at most one sample's time. */
  task = g_task_new (self, NULL, mpd_runner_sampled_cb, NULL);
  g_task_set_source_tag (task, mpd_runner_sample_cb);
  g_task_set_task_data (task, sampler_ref (self->sampler), (GDestroyNotify) sampler_unref);
  g_task_run_in_thread (task, mpd_runner_sample_in_thread);
  return G_SOURCE_CONTINUE;
}

static void
mpd_runner_stream_done (MpdRunner *self)
{
  g_assert (self->open_streams > 0);

  if (--self->open_streams > 0)
    return;

  /* The supervisor is reaped and every pipe is closed: nothing of the run is left. */
  g_clear_handle_id (&self->sample_id, g_source_remove);
  mpd_runner_sample (self);
  mpd_run_history_finish (self->history, g_get_monotonic_time ());
  g_clear_object (&self->report);
  g_clear_object (&self->cancellable);
  self->running = FALSE;
  self->supervisor_pid = 0;

  g_object_ref (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0, self->exited ? self->wait_status : -1,
                 (gboolean) self->stop_requested);
  g_object_unref (self);
}

/* Each whole line of output is a mark in the history. Which process wrote it is not known:
 * all the processes of a run share the pipe. */
static void
mpd_runner_mark_output (MpdRunner       *self,
                        MpdRunnerStream  stream,
                        GBytes          *bytes)
{
  GString *partial = self->partial[stream];
  gint64 now = g_get_monotonic_time ();
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *newline;

  g_string_append_len (partial, data, size);
  while ((newline = memchr (partial->str, '\n', partial->len)) != NULL)
    {
      gsize length = newline - partial->str;

      if (length > 0)
        {
          g_autofree char *line = g_strndup (partial->str, length);

          mpd_run_history_add_mark (self->history, 0, line, now);
        }
      g_string_erase (partial, 0, length + 1);
    }
  if (partial->len > 4096)  /* a line that never ends: keep its start */
    {
      mpd_run_history_add_mark (self->history, 0, partial->str, now);
      g_string_truncate (partial, 0);
    }
}

typedef struct
{
  MpdRunner       *runner;   /* not owned: the read is cancelled before the runner goes */
  MpdRunnerStream  stream;
} ReadData;

static void
mpd_runner_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ReadData *data = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MpdRunner *self;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (data);
      return;
    }

  self = data->runner;
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_free (data);
      mpd_runner_stream_done (self);
      return;
    }

  mpd_runner_mark_output (self, data->stream, bytes);
  g_signal_emit (self, signals[OUTPUT], 0, (int) data->stream, bytes);
  g_input_stream_read_bytes_async (G_INPUT_STREAM (object), CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, mpd_runner_read_cb, data);
}

static void
mpd_runner_read (MpdRunner       *self,
                 GInputStream    *stream,
                 MpdRunnerStream  which)
{
  ReadData *data = g_new0 (ReadData, 1);

  data->runner = self;
  data->stream = which;
  g_input_stream_read_bytes_async (stream, CHUNK_SIZE, G_PRIORITY_DEFAULT, self->cancellable,
                                   mpd_runner_read_cb, data);
}

/* Whole events, out of what was read of the channel. */
static void
mpd_runner_take_events (MpdRunner *self)
{
  gsize used = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      MpdEvent event = { 0 };
      gsize frame_length;

      if (!mpd_event_decode_frame (&event, self->event_data->data + used,
                                   self->event_data->len - used, &frame_length, &error))
        {
          if (error != NULL)
            {
              /* What comes after a broken frame cannot be read: say so once, and skip it. */
              g_autofree char *line = g_strdup_printf (_("MpDemo: the lesson's events cannot be "
                                                         "read: %s\n"), error->message);
              g_autoptr(GBytes) bytes = g_bytes_new (line, strlen (line));

              g_signal_emit (self, signals[OUTPUT], 0, (int) MPD_RUNNER_STDERR, bytes);
              used = self->event_data->len;
              self->events_broken = TRUE;
            }
          break;
        }
      used += frame_length;
      mpd_run_history_add_event (self->history, &event);
      g_signal_emit (self, signals[EVENT], 0, &event);
      mpd_event_clear (&event);
    }
  g_byte_array_remove_range (self->event_data, 0, used);
}

static void
mpd_runner_events_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MpdRunner *self;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MPD_RUNNER (user_data);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_clear_object (&self->events);
      mpd_runner_stream_done (self);
      return;
    }
  if (!self->events_broken)
    {
      g_byte_array_append (self->event_data, g_bytes_get_data (bytes, NULL),
                           g_bytes_get_size (bytes));
      mpd_runner_take_events (self);
    }
  g_input_stream_read_bytes_async (G_INPUT_STREAM (object), CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, mpd_runner_events_cb, self);
}

/* One line of the supervisor's report. */
static void
mpd_runner_take_report (MpdRunner  *self,
                        const char *line)
{
  MpdSupervisorEvent event;
  int pid, value;
  MpdProcess *process;

  if (!mpd_supervisor_parse (line, &event, &pid, &value))
    {
      g_warning ("Unexpected report from mpdemo-supervisor: %s", line);
      return;
    }

  switch (event)
    {
    case MPD_SUPERVISOR_STARTED:
      {
        g_autoptr(MpdProcess) added = mpd_process_new (pid, self->supervisor_pid, "", 0);
        MpdProcStat stat;

        self->lesson_pid = pid;
        if (mpd_proc_read_stat (pid, &stat))
          mpd_process_update (added, &stat, NULL);
        g_list_store_append (self->processes, added);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PID]);
      }
      break;

    case MPD_SUPERVISOR_FAILED:
      {
        /* The program could not be run: say so where its own errors would have come. */
        g_autofree char *text = g_strdup_printf (_("mpdemo: cannot run %s: %s\n"),
                                                 self->program, g_strerror (value));
        g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

        self->lesson_pid = pid;
        g_signal_emit (self, signals[OUTPUT], 0, (int) MPD_RUNNER_STDERR, bytes);
      }
      break;

    case MPD_SUPERVISOR_ENDED:
      process = mpd_runner_find_process (self, pid);
      if (process == NULL)
        {
          g_autoptr(MpdProcess) added = mpd_process_new (pid, self->supervisor_pid, "?", 0);

          g_list_store_append (self->processes, added);
          process = added;
        }
      mpd_process_set_ended (process, TRUE, value);
      if (pid == self->lesson_pid)
        {
          self->wait_status = value;
          self->exited = TRUE;
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
mpd_runner_report_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  MpdRunner *self;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                    &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MPD_RUNNER (user_data);
  if (line == NULL)
    {
      mpd_runner_stream_done (self);
      return;
    }

  mpd_runner_take_report (self, line);
  g_data_input_stream_read_line_async (self->report, G_PRIORITY_DEFAULT, self->cancellable,
                                       mpd_runner_report_cb, self);
}

static void
mpd_runner_wait_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MpdRunner *self;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error))
    return;  /* cancelled: the runner is being disposed */

  self = MPD_RUNNER (user_data);
  g_clear_object (&self->supervisor);
  mpd_runner_stream_done (self);
}

/**
 * mpd_runner_start:
 * @self: a runner that is not running
 * @argv: the lesson program and its arguments
 * @error: where to say why it could not start
 *
 * Starts @argv under mpdemo-supervisor. Its output comes as #MpdRunner::output, and
 * #MpdRunner::finished says when it is all over. The process table of the last run is
 * cleared.
 *
 * Returns: %TRUE when the run started
 */
gboolean
mpd_runner_start (MpdRunner           *self,
                  const char * const  *argv,
                  GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GInputStream) report = NULL;
  g_auto(GStrv) full_argv = NULL;
  g_autofree char *python_path = NULL;
  const char *identifier;
  int report_fds[2];
  int event_fds[2];

  g_return_val_if_fail (MPD_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);
  g_return_val_if_fail (!self->running, FALSE);


  if (!g_unix_open_pipe (report_fds, FD_CLOEXEC, error))
    return FALSE;
  if (!g_unix_open_pipe (event_fds, FD_CLOEXEC, error))
    {
      close (report_fds[0]);
      close (report_fds[1]);
      return FALSE;
    }

  mpd_supervisor_add_command (builder, GRACE_MS);
  g_strv_builder_addv (builder, (const char **) argv);
  full_argv = g_strv_builder_end (builder);

  /* stdin is /dev/null: a lesson reads nothing. Python writes each line as it prints it, as
   * into a terminal (see src/python/sitecustomize.py). */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  g_subprocess_launcher_take_fd (launcher, report_fds[1], 3);
  g_subprocess_launcher_take_fd (launcher, event_fds[1], MPD_SUPERVISOR_EVENTS_FD);
  mpd_libexec_clean_environment (launcher);
  g_subprocess_launcher_setenv (launcher, MPD_EVENTS_FD_VARIABLE,
                                G_STRINGIFY (MPD_SUPERVISOR_EVENTS_FD), TRUE);
  python_path = mpd_libexec_dup_path ("python", NULL);
  if (g_getenv ("PYTHONPATH") != NULL && g_getenv ("PYTHONPATH")[0] != '\0')
    {
      g_autofree char *joined = g_strconcat (python_path, ":", g_getenv ("PYTHONPATH"), NULL);

      g_free (python_path);
      python_path = g_steal_pointer (&joined);
    }
  g_subprocess_launcher_setenv (launcher, "PYTHONPATH", python_path, TRUE);

  self->supervisor = g_subprocess_launcher_spawnv (launcher, (const char * const *) full_argv,
                                                   error);
  g_clear_object (&launcher);  /* closes our copies of the write ends */
  if (self->supervisor == NULL)
    {
      close (report_fds[0]);
      close (event_fds[0]);
      return FALSE;
    }

  identifier = g_subprocess_get_identifier (self->supervisor);
  self->supervisor_pid = identifier != NULL ? atoi (identifier) : 0;
  g_clear_object (&self->tree);
  self->tree = mpd_process_tree_new (self->supervisor_pid);  /* empty until the first sample */
  g_clear_pointer (&self->sampler, sampler_unref);
  self->sampler = sampler_new (self->supervisor_pid);
  self->applied = 0;
  self->n_quiet = 0;
  self->last_signature = 0;
  g_clear_object (&self->history);
  self->history = mpd_run_history_new ();
  mpd_run_history_set_start (self->history, g_get_monotonic_time ());
  g_string_truncate (self->partial[MPD_RUNNER_STDOUT], 0);
  g_string_truncate (self->partial[MPD_RUNNER_STDERR], 0);
  g_free (self->program);
  self->program = g_strdup (argv[0]);
  self->lesson_pid = 0;
  self->wait_status = 0;
  self->exited = FALSE;
  self->stop_requested = FALSE;
  self->running = TRUE;
  self->open_streams = 5;
  self->cancellable = g_cancellable_new ();
  g_list_store_remove_all (self->processes);

  self->events = g_unix_input_stream_new (event_fds[0], TRUE);
  g_byte_array_set_size (self->event_data, 0);
  self->events_broken = FALSE;
  g_input_stream_read_bytes_async (self->events, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, mpd_runner_events_cb, self);
  report = g_unix_input_stream_new (report_fds[0], TRUE);
  self->report = g_data_input_stream_new (report);
  g_data_input_stream_read_line_async (self->report, G_PRIORITY_DEFAULT, self->cancellable,
                                       mpd_runner_report_cb, self);
  mpd_runner_read (self, g_subprocess_get_stdout_pipe (self->supervisor), MPD_RUNNER_STDOUT);
  mpd_runner_read (self, g_subprocess_get_stderr_pipe (self->supervisor), MPD_RUNNER_STDERR);
  /* No reference to self: disposing cancels the wait instead. */
  g_subprocess_wait_async (self->supervisor, self->cancellable, mpd_runner_wait_cb, self);
  self->sample_id = g_timeout_add (SAMPLE_MS, mpd_runner_sample_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

/**
 * mpd_runner_stop:
 * @self: a runner
 *
 * Ends the run: the supervisor sends SIGTERM to every process of the run, and SIGKILL to
 * those still there after a short grace period, then reaps them. #MpdRunner::finished says
 * when all are gone (within a second). Does nothing when no run is going.
 */
void
mpd_runner_stop (MpdRunner *self)
{
  g_return_if_fail (MPD_IS_RUNNER (self));

  if (self->supervisor == NULL)
    return;

  self->stop_requested = TRUE;
  g_subprocess_send_signal (self->supervisor, SIGTERM);
  /* A stopped supervisor (SIGSTOP, from a curious user) acts on nothing until it goes on. */
  g_subprocess_send_signal (self->supervisor, SIGCONT);
}

static void
mpd_runner_dispose (GObject *object)
{
  MpdRunner *self = (MpdRunner *)object;

  g_clear_handle_id (&self->sample_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);

  /* Nobody is left to hear how the run ends, but it must not outlive us: the supervisor ends
   * every process within its grace period, then exits, and we reap it. */
  if (self->supervisor != NULL)
    {
      g_subprocess_send_signal (self->supervisor, SIGTERM);
      g_subprocess_send_signal (self->supervisor, SIGCONT);
      g_subprocess_wait (self->supervisor, NULL, NULL);
      g_clear_object (&self->supervisor);
    }
  g_clear_object (&self->report);
  g_clear_object (&self->events);
  g_clear_pointer (&self->event_data, g_byte_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->processes);
  g_clear_object (&self->tree);
  g_clear_pointer (&self->sampler, sampler_unref);
  g_clear_object (&self->history);
  g_clear_pointer (&self->program, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->partial); i++)
    if (self->partial[i] != NULL)
      g_string_free (g_steal_pointer (&self->partial[i]), TRUE);  /* [0] is never made */

  G_OBJECT_CLASS (mpd_runner_parent_class)->dispose (object);
}

static void
mpd_runner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MpdRunner *self = MPD_RUNNER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_PID:
      g_value_set_int (value, self->lesson_pid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_runner_class_init (MpdRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mpd_runner_dispose;
  object_class->get_property = mpd_runner_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The lesson's first process (the supervisor's child), or 0. */
  properties[PROP_PID] =
    g_param_spec_int ("pid", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MpdRunner::output:
   * @self: the runner
   * @stream: MPD_RUNNER_STDOUT or MPD_RUNNER_STDERR
   * @bytes: what the lesson wrote, as it came (not cut at line ends)
   */
  signals[OUTPUT] =
    g_signal_new ("output",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BYTES);

  /**
   * MpdRunner::event:
   * @self: the runner
   * @event: (type gpointer): an #MpdEvent the lesson wrote on its event channel, valid during
   *   the emission; the history keeps it too
   */
  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * MpdRunner::finished:
   * @self: the runner
   * @wait_status: how the lesson's first process ended, as waitpid() says it, or -1 when it
   *   could not even start
   * @stopped: whether the run was stopped by mpd_runner_stop()
   *
   * Every process of the run is gone, and all their output has come.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);

  /**
   * MpdRunner::sampled:
   * @self: the runner
   *
   * /proc was read again: the process table and the process tree
   * (mpd_runner_get_process_tree()) say what the kernel said.
   */
  signals[SAMPLED] =
    g_signal_new ("sampled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/**
 * mpd_runner_signal_process:
 * @self: a runner
 * @pid: a process of the run that has not ended
 * @signal_number: SIGTERM (Python's terminate()), SIGKILL (kill()), SIGSTOP or SIGCONT
 * @error: where to say why not
 *
 * Sends @signal_number to one process of the run, as a student pokes it from the drawing.
 * Only a process of this run that is still there: a pid of a process that has ended may
 * belong to another process now, which must never get the signal.
 *
 * Returns: %TRUE when the kernel took the signal
 */
gboolean
mpd_runner_signal_process (MpdRunner  *self,
                           int         pid,
                           int         signal_number,
                           GError    **error)
{
  MpdProcess *process;
  MpdProcStat stat;

  g_return_val_if_fail (MPD_IS_RUNNER (self), FALSE);

  process = self->running ? mpd_runner_find_process (self, pid) : NULL;
  if (process == NULL || mpd_process_get_ended (process) || !mpd_proc_read_stat (pid, &stat) ||
      (mpd_process_get_start_time (process) != 0 &&
       stat.start_time != mpd_process_get_start_time (process)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No signal sent: this run has no running process %d any more."), pid);
      return FALSE;
    }

  if (kill (pid, signal_number) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not send a signal to process %d: %s"), pid,
                   g_strerror (saved_errno));
      return FALSE;
    }

  mpd_run_history_add_mark (self->history, pid, mpd_proc_signal_name (signal_number),
                            g_get_monotonic_time ());
  return TRUE;
}

/**
 * mpd_runner_get_history:
 * @self: a runner
 *
 * Returns: (transfer none) (nullable): every sample of the run, or of the last run, and what
 *   happened between them; %NULL before a run
 */
MpdRunHistory *
mpd_runner_get_history (MpdRunner *self)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), NULL);

  return self->history;
}

/**
 * mpd_runner_get_process_tree:
 * @self: a runner
 *
 * Returns: (transfer none) (nullable): the processes of the run, or of the last run, with
 *   their threads, pipes and shared memory, rooted at the supervisor; %NULL before a run
 */
MpdProcessTree *
mpd_runner_get_process_tree (MpdRunner *self)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), NULL);

  return self->tree;
}

static void
mpd_runner_init (MpdRunner *self)
{
  self->processes = g_list_store_new (MPD_TYPE_PROCESS);
  self->partial[MPD_RUNNER_STDOUT] = g_string_new (NULL);
  self->partial[MPD_RUNNER_STDERR] = g_string_new (NULL);
  self->event_data = g_byte_array_new ();
}

MpdRunner *
mpd_runner_new (void)
{
  return g_object_new (MPD_TYPE_RUNNER, NULL);
}

gboolean
mpd_runner_get_running (MpdRunner *self)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), FALSE);
  return self->running;
}

int
mpd_runner_get_pid (MpdRunner *self)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), 0);
  return self->lesson_pid;
}

int
mpd_runner_get_supervisor_pid (MpdRunner *self)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), 0);
  return self->supervisor_pid;
}

/**
 * mpd_runner_get_wait_status:
 * @self: a runner
 * @wait_status: (out) (optional): how the lesson's first process ended
 *
 * Returns: %TRUE when it has ended and was reaped
 */
gboolean
mpd_runner_get_wait_status (MpdRunner *self,
                            int       *wait_status)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), FALSE);

  if (wait_status != NULL)
    *wait_status = self->exited ? self->wait_status : 0;
  return self->exited;
}

gboolean
mpd_runner_get_stopped (MpdRunner *self)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), FALSE);
  return self->stop_requested;
}

/**
 * mpd_runner_get_processes:
 * @self: a runner
 *
 * Returns: (transfer none): the processes of the current or last run, as #MpdProcess rows,
 *   in the order they were first seen
 */
GListModel *
mpd_runner_get_processes (MpdRunner *self)
{
  g_return_val_if_fail (MPD_IS_RUNNER (self), NULL);
  return G_LIST_MODEL (self->processes);
}
