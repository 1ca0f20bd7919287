/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpdemo-producer.c: the producer process, which puts a timestamp into the queue every interval. */

/*
 * This is the seed's producer() function as a program of its own:
 *
 *     def producer(q):
 *         while True:
 *             q.put(str(datetime.datetime.now()))
 *             time.sleep(1)
 *
 * It writes each message as one frame to its stdout, which its parent has connected to the
 * queue's pipe. It puts the first message at once, then one every interval, on a fixed
 * schedule (a slow write does not push every later message back).
 *
 * It never outlives its parent. The seed's producer is a "daemon" process, yet it is orphaned
 * forever when its parent is killed with SIGKILL, because nothing tells it. Here:
 *  - MpDemo runs it under mpdemo-supervisor, which the kernel tells when MpDemo dies
 *    (PR_SET_PDEATHSIG), and which then ends us and all we started (see mpdemo-supervisor.c).
 *  - Run by anything else, --parent-pid asks for the same from the kernel for us:
 *    prctl(PR_SET_PDEATHSIG) sends us SIGTERM when our parent dies. The parent may die before
 *    we ask, so we then check that our parent is still that process; if not, we leave at once.
 *  - When the reader closes the pipe, write(2) fails with EPIPE, and we leave too.
 *
 * With --interval=0 it floods: it puts messages as fast as the pipe takes them. Then it packs
 * up to --batch messages (95 fit in PIPE_BUF) into each write(2), since one system call per
 * message would cost more than the message itself.
 */

#define G_LOG_DOMAIN "mpdemo-producer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "mpd-producer.h"
#include "mpd-queue.h"

/* Messages per write when flooding: as many whole frames as fit in one atomic write. */
#define MAX_BATCH (PIPE_BUF / MPD_MESSAGE_FRAME_SIZE)

/* Puts messages as fast as the pipe takes them, @batch_size to a write, until @count
 * (0: forever). Returns the exit status. */
static int
flood (MpdQueue *queue,
       guint64   count,
       guint     batch_size)
{
  MpdMessage batch[MAX_BATCH];
  gint32 pid = getpid ();
  guint64 sequence = 1;

  while (count == 0 || sequence <= count)
    {
      g_autoptr(GError) error = NULL;
      guint n = batch_size;
      gint64 wall_time_us, monotonic_time_us;

      if (count > 0)
        n = (guint) MIN ((guint64) n, count - sequence + 1);

      /* The messages of one write are put at the same moment, so they carry the same time.
       * (Reading the clocks for each one took a third of the producer's time.) */
      wall_time_us = g_get_real_time ();
      monotonic_time_us = g_get_monotonic_time ();
      for (guint i = 0; i < n; i++)
        {
          batch[i].sequence = sequence++;
          batch[i].pid = pid;
          batch[i].wall_time_us = wall_time_us;
          batch[i].monotonic_time_us = monotonic_time_us;
        }

      if (!mpd_queue_put_many (queue, batch, n, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
            return 0;

          g_printerr ("mpdemo-producer: %s\n", error->message);
          return 1;
        }
    }

  return 0;
}

/* Sleeps until the CLOCK_MONOTONIC time @deadline_us, which g_get_monotonic_time() uses. */
static void
sleep_until (gint64 deadline_us)
{
  struct timespec deadline = {
    .tv_sec = deadline_us / G_USEC_PER_SEC,
    .tv_nsec = (deadline_us % G_USEC_PER_SEC) * 1000,
  };

  while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR)
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MpdQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  int interval_ms = MPD_PRODUCER_DEFAULT_INTERVAL_MS;
  gint64 count = 0;
  int parent_pid = 0;
  int batch_size = MAX_BATCH;
  gint64 next_put_us;
  int pipe_fd;
  const GOptionEntry entries[] = {
    { "interval", 'i', 0, G_OPTION_ARG_INT, &interval_ms,
      N_("Milliseconds between two messages (0: no pause)"), N_("MS") },
    { "count", 'n', 0, G_OPTION_ARG_INT64, &count,
      N_("Stop after this many messages (0: never stop)"), N_("N") },
    { "batch", 'b', 0, G_OPTION_ARG_INT, &batch_size,
      N_("With --interval=0, put up to this many messages in one write (1 to 95)"), N_("N") },
    { "parent-pid", 0, 0, G_OPTION_ARG_INT, &parent_pid,
      N_("Exit when the process with this pid is no longer our parent"), N_("PID") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Writes a timestamp message to stdout every interval, for "
                                  "MpDemo’s consumer to read. MpDemo starts it for you."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("mpdemo-producer: %s\n", error->message);
      return 2;
    }

  if (interval_ms < 0 || interval_ms > MPD_PRODUCER_MAX_INTERVAL_MS || count < 0)
    {
      g_printerr (_("mpdemo-producer: --interval must be 0 to %d, and --count 0 or more\n"),
                  MPD_PRODUCER_MAX_INTERVAL_MS);
      return 2;
    }
  if (batch_size < 1 || batch_size > MAX_BATCH)
    {
      g_printerr (_("mpdemo-producer: --batch must be 1 to %d\n"), (int) MAX_BATCH);
      return 2;
    }

  if (parent_pid > 0)
    {
      prctl (PR_SET_PDEATHSIG, SIGTERM);
      if (getppid () != parent_pid)
        return 0;
    }

  /* A closed pipe should give us EPIPE from write(2), not kill us with SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);

  /* Our stdout is the pipe, and only whole frames may go into it. But many things print to
   * stdout without asking (GLib's debug messages, a failed assertion's "Bail out!"), and one
   * stray line would corrupt the stream. So the queue takes the pipe to an fd of its own,
   * and stdout becomes a copy of stderr. */
  pipe_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (pipe_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    {
      g_printerr ("mpdemo-producer: %s\n", g_strerror (errno));
      return 1;
    }
  queue = mpd_queue_new_for_fds (-1, pipe_fd);
  if (interval_ms == 0)
    return flood (queue, (guint64) count, (guint) batch_size);

  next_put_us = g_get_monotonic_time ();

  for (guint64 sequence = 1; count == 0 || sequence <= (guint64) count; sequence++)
    {
      MpdMessage message;
      gint64 now_us;

      mpd_message_init_now (&message, sequence);
      if (!mpd_queue_put (queue, &message, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
            return 0;

          g_printerr ("mpdemo-producer: %s\n", error->message);
          return 1;
        }

      /* Keep to the schedule; but after a long stall (the machine slept, or we were paused),
       * start a new schedule instead of sending a burst to catch up. */
      next_put_us += (gint64) interval_ms * 1000;
      now_us = g_get_monotonic_time ();
      if (next_put_us < now_us - (gint64) interval_ms * 1000)
        next_put_us = now_us;
      sleep_until (next_put_us);
    }

  return 0;
}
