/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-console.c: the demo without a window, one line per message on stdout (--console). */

/*
 * The same pipeline as the window's, with a GMainLoop in place of GTK: the consumer thread
 * hands each batch to the main loop, which prints one line per message, as the seeds'
 * console examples do. It runs without a display, so it works over ssh and in scripts.
 *
 * With --flood, printing a line per message would be slower than the messages themselves, so
 * it only counts them, and checks each producer's sequence numbers for gaps: at the end it
 * prints how many came, how fast, and how many were lost on the way (none should be).
 */

#define G_LOG_DOMAIN "mpd-console"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mpd-console.h"
#include "mpd-pipeline.h"
#include "mpd-stats.h"

typedef struct
{
  GMainLoop        *loop;
  MpdPipeline      *pipeline;
  MpdConsoleOutput  output;
  guint64           max_messages;
  guint64           n_printed;      /* or counted, in summary mode */
  int               exit_status;
  gboolean          stopping;

  /* Summary mode */
  GHashTable       *next_sequence;  /* producer pid → the sequence number expected next */
  int               last_pid;       /* the pid of the last message, and its entry there: */
  guint64          *last_expected;  /* a flood comes from one pid at a time, mostly */
  guint64           n_lost;
  guint64           n_other;        /* from pids past the first MPD_STATS_MAX_PRODUCERS */
  gboolean          write_failed;   /* said once; nothing more is written */
  gint64            started_us;
  gint64            last_us;        /* when the last message counted arrived */
} Console;

static void
console_stop_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Console *console = user_data;

  mpd_pipeline_stop_finish (MPD_PIPELINE (object), result, NULL);
  g_main_loop_quit (console->loop);
}

static gboolean stdout_closed;

/**
 * mpd_console_set_stdout_closed:
 * @closed: whether mpdemo was started with its stdout closed (main.c gave it /dev/null)
 */
void
mpd_console_set_stdout_closed (gboolean closed)
{
  stdout_closed = !!closed;
}

static void console_stop (Console *console,
                          int      exit_status);

static void
console_write_failed (Console *console,
                      int      error_number)
{
  if (console->write_failed)
    return;

  console->write_failed = TRUE;
  g_printerr (_("mpdemo: the messages cannot be written to the standard output: %s\n"),
              g_strerror (error_number));
  console_stop (console, 1);
}

static void
console_stop (Console *console,
              int      exit_status)
{
  if (console->stopping)
    return;

  console->stopping = TRUE;
  console->exit_status = exit_status;
  mpd_pipeline_stop_async (console->pipeline, NULL, console_stop_cb, console);
}

/* Counts @messages without printing them, and the gaps in each producer's sequence. */
/* Checks @message's sequence number against the one its producer should send next: returns
 * how many messages before it never came (0 when none), and sets @first_missing to the first
 * of them. Past MPD_STATS_MAX_PRODUCERS pids, as the window does, the messages are counted but
 * their losses not checked: one entry per pid that a stream claims would let any stream take
 * all our memory. */
static guint64
console_check_sequence (Console          *console,
                        const MpdMessage *message,
                        guint64          *first_missing)
{
  gpointer pid = GINT_TO_POINTER (message->pid);
  guint64 *expected;
  guint64 gap = 0;

  if (console->last_expected != NULL && console->last_pid == message->pid)
    expected = console->last_expected;
  else
    expected = g_hash_table_lookup (console->next_sequence, pid);

  if (expected == NULL &&
      g_hash_table_size (console->next_sequence) >= MPD_STATS_MAX_PRODUCERS)
    {
      console->n_other++;
      return 0;
    }
  if (expected == NULL)
    {
      /* A producer's first message: the ones before it, from 1 on, never came. */
      expected = g_new (guint64, 1);
      *expected = 1;
      g_hash_table_insert (console->next_sequence, pid, expected);
    }
  /* Entries are never removed, so the pointer stays good. */
  console->last_pid = message->pid;
  console->last_expected = expected;
  /* A sequence number may be anything: the count saturates instead of wrapping. */
  if (message->sequence > *expected)
    {
      gap = message->sequence - *expected;
      *first_missing = *expected;
      console->n_lost = mpd_count_add (console->n_lost, gap);
    }
  *expected = MAX (*expected, message->sequence == G_MAXUINT64 ? G_MAXUINT64
                                                               : message->sequence + 1);
  return gap;
}

static void
console_count_messages (Console *console,
                        GArray  *messages)
{
  for (guint i = 0; i < messages->len; i++)
    {
      guint64 first_missing;

      if (console->max_messages > 0 && console->n_printed >= console->max_messages)
        break;
      console_check_sequence (console, &g_array_index (messages, MpdMessage, i), &first_missing);
      console->n_printed++;
    }

  console->last_us = g_get_monotonic_time ();
}

static void
console_print_summary (Console *console)
{
  double seconds = (console->last_us - console->started_us) / (double) G_USEC_PER_SEC;
  double rate = seconds > 0 ? console->n_printed / seconds : 0;

  /* Translators: the summary of --console --flood: messages received, in how many seconds,
   * at how many messages per second, and how many were lost on the way. */
  g_print (ngettext ("received %'llu message in %'.3f s (%'.0f msg/s), lost %'llu\n",
                     "received %'llu messages in %'.3f s (%'.0f msg/s), lost %'llu\n",
                     (unsigned long) MIN (console->n_printed, G_MAXULONG)),
           (unsigned long long) console->n_printed, seconds, rate,
           (unsigned long long) console->n_lost);
  if (console->n_other > 0)
    g_print (ngettext ("%'llu message came from pids past the first %d, and was not checked "
                       "for losses\n",
                       "%'llu messages came from pids past the first %d, and were not checked "
                       "for losses\n",
                       (unsigned long) MIN (console->n_other, G_MAXULONG)),
             (unsigned long long) console->n_other, MPD_STATS_MAX_PRODUCERS);
}

static void
console_messages_received_cb (MpdPipeline *pipeline,
                              GArray      *messages,
                              Console     *console)
{
  g_autoptr(GString) lines = NULL;

  if (console->output == MPD_CONSOLE_SUMMARY)
    {
      console_count_messages (console, messages);
      if (console->max_messages > 0 && console->n_printed >= console->max_messages)
        console_stop (console, 0);
      return;
    }

  /* Batches that were on their way when writing failed. */
  if (console->write_failed)
    return;

  lines = g_string_new (NULL);

  for (guint i = 0; i < messages->len; i++)
    {
      const MpdMessage *message = &g_array_index (messages, MpdMessage, i);
      g_autofree char *time = NULL;
      guint64 first_missing, gap;

      if (console->max_messages > 0 && console->n_printed >= console->max_messages)
        break;

      /* Losses, as the window counts them: said on stderr, where they stand out. */
      gap = console_check_sequence (console, message, &first_missing);
      if (gap == 1)
        g_printerr (_("mpdemo: producer %d: message number %llu never came\n"),
                    (int) message->pid, (unsigned long long) first_missing);
      else if (gap > 1)
        g_printerr (_("mpdemo: producer %d: message numbers %llu to %llu never came\n"),
                    (int) message->pid, (unsigned long long) first_missing,
                    (unsigned long long) (first_missing + gap - 1));

      time = mpd_message_format (message);
      /* Translators: one line per message: the time it was sent, the pid of the process that
       * sent it, and its number. Keep the two spaces between the parts. */
      g_string_append_printf (lines, _("%s  producer %d  message %llu\n"),
                              time, (int) message->pid, (unsigned long long) message->sequence);
      console->n_printed++;
    }

  /* One write per batch, and flushed: whoever reads our stdout sees each line at once. A
   * full disk or a closed pipe is an error to say, not a silent success. */
  if (fputs (lines->str, stdout) == EOF || fflush (stdout) != 0)
    {
      console_write_failed (console, errno);
      return;
    }

  if (console->max_messages > 0 && console->n_printed >= console->max_messages)
    console_stop (console, 0);
}

/* What a producer says on its stderr goes to ours, as it would if it were its own: a
 * student's traceback is seen where the student looks. */
static void
console_producer_stderr_cb (MpdPipeline *pipeline,
                            int          pid,
                            GBytes      *bytes,
                            gpointer     user_data)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* Nothing to do when our own stderr is closed or full: the producer's words are lost. */
  if (fwrite (data, 1, size, stderr) == size)
    fflush (stderr);
}

static void
console_producer_exited_cb (MpdPipeline *pipeline,
                            int          wait_status,
                            gboolean     requested,
                            Console     *console)
{
  g_autofree char *text = NULL;

  if (requested)
    return;

  text = mpd_producer_explain_exit (wait_status);
  g_printerr ("mpdemo: %s\n", text);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    console->exit_status = 1;
}

static void
console_stream_closed_cb (MpdPipeline  *pipeline,
                          const GError *error,
                          Console      *console)
{
  if (error == NULL)
    return;

  g_printerr ("mpdemo: %s\n", error->message);
  console->exit_status = 1;
}

/* The stream has ended, but a producer has not: say so, or the console would wait silently
 * for a producer that can send nothing more. */
static void
console_pipe_closed_while_running_cb (MpdPipeline *pipeline,
                                      Console     *console)
{
  g_printerr (_("mpdemo: the producer closed the pipe but is still running: nothing more can "
                "come. Waiting for it to end (Ctrl+C stops it).\n"));
}

/* The run ended by itself (the producer exited). When we asked it to stop, console_stop_cb()
 * quits instead: the loop must run until that callback, which points to our stack, is done. */
static void
console_notify_running_cb (MpdPipeline *pipeline,
                           GParamSpec  *pspec,
                           Console     *console)
{
  if (!mpd_pipeline_get_running (pipeline) && !console->stopping)
    g_main_loop_quit (console->loop);
}

static gboolean
console_sigint_cb (gpointer user_data)
{
  console_stop (user_data, 128 + SIGINT);
  return G_SOURCE_CONTINUE;
}

static gboolean
console_sigterm_cb (gpointer user_data)
{
  console_stop (user_data, 128 + SIGTERM);
  return G_SOURCE_CONTINUE;
}

/**
 * mpd_console_run:
 * @pipeline: the pipeline to run, not started yet
 * @max_messages: stop after this many messages, or 0 to run until interrupted
 * @output: a line per message, or one line at the end
 *
 * Runs the pipeline and prints what comes out of it.
 *
 * Returns: the exit status for the program: 0 when all went well
 */
int
mpd_console_run (MpdPipeline      *pipeline,
                 guint64           max_messages,
                 MpdConsoleOutput  output)
{
  g_autoptr(GHashTable) next_sequence = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Console console = {
    .loop = loop,
    .pipeline = pipeline,
    .output = output,
    .max_messages = max_messages,
    .next_sequence = next_sequence,
  };
  guint sigint_id;
  guint sigterm_id;

  g_signal_connect (pipeline, "messages-received",
                    G_CALLBACK (console_messages_received_cb), &console);
  g_signal_connect (pipeline, "producer-exited",
                    G_CALLBACK (console_producer_exited_cb), &console);
  g_signal_connect (pipeline, "producer-stderr",
                    G_CALLBACK (console_producer_stderr_cb), &console);
  g_signal_connect (pipeline, "stream-closed",
                    G_CALLBACK (console_stream_closed_cb), &console);
  g_signal_connect (pipeline, "pipe-closed-while-running",
                    G_CALLBACK (console_pipe_closed_while_running_cb), &console);
  g_signal_connect (pipeline, "notify::running",
                    G_CALLBACK (console_notify_running_cb), &console);

  if (stdout_closed)
    {
      g_printerr (_("mpdemo: the standard output is closed, so --console has nowhere to print "
                    "the messages.\n"));
      return 1;
    }

  console.started_us = console.last_us = g_get_monotonic_time ();
  if (!mpd_pipeline_start (pipeline, &error))
    {
      g_printerr ("mpdemo: %s\n", error->message);
      return 1;
    }

  /* Ctrl+C stops the producer and the thread cleanly instead of killing us mid-way. */
  sigint_id = g_unix_signal_add (SIGINT, console_sigint_cb, &console);
  sigterm_id = g_unix_signal_add (SIGTERM, console_sigterm_cb, &console);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_signal_handlers_disconnect_by_data (pipeline, &console);

  if (output == MPD_CONSOLE_SUMMARY)
    {
      console_print_summary (&console);
      /* g_print() has flushed already: ask whether that failed. */
      if (fflush (stdout) != 0 || ferror (stdout))
        {
          g_printerr (_("mpdemo: the messages cannot be written to the standard output: %s\n"),
                      g_strerror (errno));
          return 1;
        }
    }

  return console.exit_status;
}
