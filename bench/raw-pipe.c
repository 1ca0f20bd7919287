/* SPDX-License-Identifier: GPL-3.0-or-later */
/* raw-pipe.c: the baseline: how many frames a bare pipe moves between two processes. */

/*
 * raw-pipe N: starts itself as a writer process that writes N frames of MpdMessage's size
 * with one write(2) each (nothing encoded: the same bytes every time), reads them here with
 * 64 KiB reads, and prints "frames N seconds S". No GVariant, no thread, no main loop: what
 * is left is the cost of the pipe itself, which the real pipeline is measured against.
 *
 * raw-pipe --batched N: the same, with the writes of MpDemo's batched producer: as many frames
 * as fit in PIPE_BUF (95 of 43 bytes, 4,085 bytes) with one write(2), which the kernel keeps
 * whole, so that several producers may share the pipe. The limit for messages that several
 * producers may share, against which the batched flood is measured.
 *
 * raw-pipe --decoded PRODUCER N: MpDemo's own two ends with nothing between them: PRODUCER (our
 * mpdemo-producer, flooding N messages) writes into the pipe, and this process reads and
 * decodes them with mpd_queue_get_many() in its only thread, checking that each comes in
 * order. No thread hands them to a main loop: against the batched flood, this says how much of
 * the flood's time the hand-off to the main loop takes.
 *
 * raw-pipe --latency N: the writer writes a frame every millisecond (1 kHz) on a fixed
 * schedule, holding its CLOCK_MONOTONIC time; this process blocks in read(2) and takes the
 * difference. Prints "messages N p50_us X p99_us Y max_us Z": the floor that this machine's
 * wake-ups set for any pipeline, measured in the same run as the real one.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <limits.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "bench-utils.h"
#include "mpd-message.h"
#include "mpd-queue.h"

static int
write_timed_frames (guint64 n_frames)
{
  guint8 frame[MPD_MESSAGE_FRAME_SIZE] = { 0 };
  gint64 next_us = g_get_monotonic_time ();

  for (guint64 i = 0; i < n_frames; i++)
    {
      gint64 now_us = g_get_monotonic_time ();
      struct timespec deadline;

      memcpy (frame, &now_us, sizeof now_us);
      if (write (STDOUT_FILENO, frame, sizeof frame) != sizeof frame)
        return 1;

      next_us += 1000;
      deadline.tv_sec = next_us / G_USEC_PER_SEC;
      deadline.tv_nsec = (next_us % G_USEC_PER_SEC) * 1000;
      while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR)
        ;
    }

  return 0;
}

/* Reads timed frames one by one (the reader blocks, as Python's Queue.get() does). */
static int
measure_latency (int      fd,
                 guint64  n_frames)
{
  g_autoptr(GArray) latencies = g_array_sized_new (FALSE, FALSE, sizeof (double), n_frames);
  guint8 frame[MPD_MESSAGE_FRAME_SIZE];

  for (guint64 i = 0; i < n_frames; i++)
    {
      gsize got = 0;
      gint64 sent_us;
      double latency_us;

      while (got < sizeof frame)
        {
          gssize n = read (fd, frame + got, sizeof frame - got);

          if (n <= 0 && !(n < 0 && errno == EINTR))
            g_error ("read: %s", n == 0 ? "end of the stream" : g_strerror (errno));
          if (n > 0)
            got += n;
        }
      memcpy (&sent_us, frame, sizeof sent_us);
      latency_us = (double) (g_get_monotonic_time () - sent_us);
      g_array_append_val (latencies, latency_us);
    }

  printf ("messages %u p50_us %.1f p99_us %.1f max_us %.1f\n", latencies->len,
          bench_percentile (latencies, 0.50), bench_percentile (latencies, 0.99),
          bench_percentile (latencies, 1.0));
  return 0;
}

/* Writes @n_frames frames, @per_write of them with each write(2). */
static int
write_frames (guint64 n_frames,
              guint   per_write)
{
  static guint8 frames[PIPE_BUF];

  g_assert (per_write * MPD_MESSAGE_FRAME_SIZE <= sizeof frames);
  memset (frames, 0x2a, sizeof frames);
  for (guint64 i = 0; i < n_frames; i += per_write)
    {
      gsize size = MIN (per_write, n_frames - i) * MPD_MESSAGE_FRAME_SIZE;

      if (write (STDOUT_FILENO, frames, size) != (gssize) size)
        return 1;
    }

  return 0;
}

/* Reads the frames from @fd with 64 KiB reads until the writer closes it, taking them as
 * bytes only. */
static void
read_bare (int      fd,
           guint64  n_frames)
{
  static guint8 buffer[65536];
  guint64 n_bytes = 0;

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        n_bytes += n;
      else if (n == 0)
        break;
      else if (errno != EINTR)
        g_error ("read: %s", g_strerror (errno));
    }
  if (n_bytes != n_frames * MPD_MESSAGE_FRAME_SIZE)
    g_error ("read %" G_GUINT64_FORMAT " bytes, not %" G_GUINT64_FORMAT, n_bytes,
             n_frames * MPD_MESSAGE_FRAME_SIZE);
}

/* Reads and decodes the messages from @fd, as MpDemo's consumer thread does, until the
 * producer closes it: each must come in order. */
static void
read_decoded (int      fd,
              guint64  n_frames)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new_for_fds (fd, -1);
  static MpdMessage messages[4096];
  g_autoptr(GError) error = NULL;
  guint64 n_read = 0;
  gsize n = 0;

  while (mpd_queue_get_many (queue, messages, G_N_ELEMENTS (messages), &n, &error) ==
         MPD_QUEUE_STATUS_MESSAGE)
    for (gsize i = 0; i < n; i++)
      if (messages[i].sequence != ++n_read)
        g_error ("message %" G_GUINT64_FORMAT " came as number %" G_GUINT64_FORMAT,
                 messages[i].sequence, n_read);
  if (error != NULL)
    g_error ("%s", error->message);
  if (n_read != n_frames)
    g_error ("read %" G_GUINT64_FORMAT " messages, not %" G_GUINT64_FORMAT, n_read, n_frames);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_frames;
  gint64 started;
  int fds[2];

  gboolean latency = argc == 3 && g_str_equal (argv[1], "--latency");
  gboolean batched = argc == 3 && g_str_equal (argv[1], "--batched");
  gboolean decoded = argc == 4 && g_str_equal (argv[1], "--decoded");

  if (argc == 3 && g_str_equal (argv[1], "--write"))
    return write_frames (g_ascii_strtoull (argv[2], NULL, 10), 1);
  if (argc == 3 && g_str_equal (argv[1], "--write-batched"))
    return write_frames (g_ascii_strtoull (argv[2], NULL, 10), PIPE_BUF / MPD_MESSAGE_FRAME_SIZE);
  if (argc == 3 && g_str_equal (argv[1], "--write-timed"))
    return write_timed_frames (g_ascii_strtoull (argv[2], NULL, 10));
  if (argc != 2 && !latency && !batched && !decoded)
    {
      g_printerr ("usage: raw-pipe N | raw-pipe --batched N | raw-pipe --decoded PRODUCER N | "
                  "raw-pipe --latency N\n");
      return 2;
    }
  n_frames = g_ascii_strtoull (argv[argc - 1], NULL, 10);

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    g_error ("%s", error->message);

  started = g_get_monotonic_time ();
  g_subprocess_launcher_take_stdout_fd (launcher, fds[1]);
  if (decoded)
    {
      g_autofree char *count_arg = g_strdup_printf ("--count=%s", argv[3]);

      writer = g_subprocess_launcher_spawn (launcher, &error, argv[2], "--interval=0", count_arg,
                                            NULL);
    }
  else
    writer = g_subprocess_launcher_spawn (launcher, &error, "/proc/self/exe",
                                          latency ? "--write-timed"
                                                  : batched ? "--write-batched" : "--write",
                                          argv[argc - 1], NULL);
  if (writer == NULL)
    g_error ("%s", error->message);
  g_clear_object (&launcher);  /* closes our copy of the write end */

  if (latency)
    {
      int status = measure_latency (fds[0], n_frames);

      if (!g_subprocess_wait_check (writer, NULL, &error))
        g_error ("%s", error->message);
      return status;
    }

  if (decoded)
    read_decoded (fds[0], n_frames);
  else
    read_bare (fds[0], n_frames);
  if (!g_subprocess_wait_check (writer, NULL, &error))
    g_error ("%s", error->message);

  printf ("frames %" G_GUINT64_FORMAT " seconds %.6f\n", n_frames,
          (g_get_monotonic_time () - started) / 1e6);
  return 0;
}
