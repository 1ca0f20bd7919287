/* SPDX-License-Identifier: GPL-3.0-or-later */
/* runner-host.c: runs a program under an MpdRunner and copies its output, for the tests that
 * kill the process that owns a runner (as when MpDemo itself is killed). */

#include "config.h"

#include <stdio.h>
#include <gio/gio.h>

#include "mpd-runner.h"

static void
output_cb (MpdRunner *runner,
           int        stream,
           GBytes    *bytes,
           gpointer   user_data)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  fwrite (data, 1, size, stdout);
  fflush (stdout);
}

static void
finished_cb (MpdRunner *runner,
             int        wait_status,
             gboolean   stopped,
             GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpdRunner) runner = mpd_runner_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;

  if (argc < 2)
    return 2;

  g_signal_connect (runner, "output", G_CALLBACK (output_cb), NULL);
  g_signal_connect (runner, "finished", G_CALLBACK (finished_cb), loop);
  if (!mpd_runner_start (runner, (const char * const *) argv + 1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("supervisor %d\n", mpd_runner_get_supervisor_pid (runner));
  fflush (stdout);
  g_main_loop_run (loop);
  return 0;
}
