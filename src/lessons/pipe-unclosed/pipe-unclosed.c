/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pipe-unclosed.c: a reader gets end-of-file only when no process holds the write end open
 * (seed 001: "unused ends must be closed, or a process may never leave its blocking call"),
 * with MpDemo's pipe (src/engine/mpd-connection.c). */

/*
 * mpd_pipe_new (FALSE, &r, &w, …) is Python's Pipe(duplex=False): a pipe, r only receives, w
 * only sends. fork() gives the reader a copy of both ends; it closes its copy of w, which it
 * never uses, and receives until end-of-file (MPD_CONNECTION_ERROR_EOF, Python's EOFError).
 * The parent sends three values and is done with the pipe, but forgets to close w: the kernel
 * counts the open copies of the write end, not who means to write, so recv() waits for ever.
 * The drawing shows the pipe still going from the parent to the reader. Here the parent gives
 * up after three seconds (mpd_child_join() with a timeout) and says so; then it closes w, and
 * end-of-file comes at once. The second time it closes w as soon as it has sent.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-connection.h"

static void
reader (MpdConnection *r,
        MpdConnection *w)
{
  mpd_connection_close (w);   /* the reader's own copy of the write end: it never writes */
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) value = mpd_connection_recv (r, &error);

      if (value == NULL)
        {
          if (g_error_matches (error, MPD_CONNECTION_ERROR, MPD_CONNECTION_ERROR_EOF))
            printf ("reader: end of file (EOFError)\n");
          else
            printf ("reader: %s\n", error->message);
          return;
        }
      printf ("reader got %d\n", g_variant_get_int32 (value));
    }
}

static void
run (gboolean close_at_once)
{
  MpdConnection *r, *w;
  int status;
  pid_t p;

  mpd_pipe_new (FALSE, &r, &w, NULL);
  p = fork ();
  if (p == 0)
    {
      reader (r, w);
      _exit (0);
    }
  mpd_connection_close (r);   /* the parent's copy of the read end: it never reads */
  for (int i = 1; i <= 3; i++)
    mpd_connection_send (w, g_variant_new_int32 (i), NULL);
  if (close_at_once)
    mpd_connection_close (w);
  if (!mpd_child_join (p, 3.0, &status))
    {
      printf ("stuck: after 3 s, the reader still waits in recv(), because the parent "
              "still holds the write end open\n");
      mpd_connection_close (w);
      mpd_child_join (p, MPD_WAIT_FOREVER, &status);
    }
  printf ("reader joined: exitcode %d\n", WEXITSTATUS (status));
  mpd_connection_free (r);
  mpd_connection_free (w);
}

int
main (void)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("1. the parent forgets to close its write end:\n");
  run (FALSE);
  printf ("2. the parent closes its write end when it is done:\n");
  run (TRUE);
  return 0;
}
