/* SPDX-License-Identifier: GPL-3.0-or-later */
/* raw-pipe.c: the baseline: how many frames a bare pipe moves between two processes. */

/*
 * raw-pipe N: starts itself as a writer process that writes N frames of MpdMessage's size
 * with one write(2) each (nothing encoded: the same bytes every time), reads them here with
 * 64 KiB reads, and prints "frames N seconds S". No GVariant, no thread, no main loop: what
 * is left is the cost of the pipe itself, which the real pipeline is measured against.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "mpd-message.h"

static int
write_frames (guint64 n_frames)
{
  guint8 frame[MPD_MESSAGE_FRAME_SIZE];

  memset (frame, 0x2a, sizeof frame);
  for (guint64 i = 0; i < n_frames; i++)
    if (write (STDOUT_FILENO, frame, sizeof frame) != sizeof frame)
      return 1;

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  static guint8 buffer[65536];
  guint64 n_frames, n_bytes = 0;
  gint64 started;
  int fds[2];

  if (argc == 3 && g_str_equal (argv[1], "--write"))
    return write_frames (g_ascii_strtoull (argv[2], NULL, 10));
  if (argc != 2)
    {
      g_printerr ("usage: raw-pipe N\n");
      return 2;
    }
  n_frames = g_ascii_strtoull (argv[1], NULL, 10);

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    g_error ("%s", error->message);

  started = g_get_monotonic_time ();
  g_subprocess_launcher_take_stdout_fd (launcher, fds[1]);
  writer = g_subprocess_launcher_spawn (launcher, &error, "/proc/self/exe", "--write", argv[1], NULL);
  if (writer == NULL)
    g_error ("%s", error->message);
  g_clear_object (&launcher);  /* closes our copy of the write end */

  for (;;)
    {
      gssize n = read (fds[0], buffer, sizeof buffer);

      if (n > 0)
        n_bytes += n;
      else if (n == 0)
        break;
      else if (errno != EINTR)
        g_error ("read: %s", g_strerror (errno));
    }

  if (!g_subprocess_wait_check (writer, NULL, &error))
    g_error ("%s", error->message);
  if (n_bytes != n_frames * MPD_MESSAGE_FRAME_SIZE)
    g_error ("read %" G_GUINT64_FORMAT " bytes, not %" G_GUINT64_FORMAT, n_bytes,
             n_frames * MPD_MESSAGE_FRAME_SIZE);

  printf ("frames %" G_GUINT64_FORMAT " seconds %.6f\n", n_frames,
          (g_get_monotonic_time () - started) / 1e6);
  return 0;
}
