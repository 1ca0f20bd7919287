/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pipe-duplex.c: a pipe's two connected ends, each of which sends and receives (seed 004,
 * 4.2), with MpDemo's pipe (src/engine/mpd-connection.c). */

/*
 * mpd_pipe_new (TRUE, …) is Python's Pipe(): a pair of connected Unix sockets, so each end
 * both sends and receives. The parent sends a list on its end before the child even starts:
 * the socket keeps it. The child receives it on the other end, prints it, and sends a list
 * back on the same end; the parent receives that one. Each process closes the end it does not
 * use. Python's list [31, None, 'send from parent_conn'] is the GVariant
 * (31, nothing, 'send from parent_conn') here, printed as Python prints the list.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-child.h"
#include "mpd-connection.h"

/* [31, None, 'send from parent_conn'], as Python prints it. */
static void
print_list (const char *before,
            GVariant   *list)
{
  const char *none, *text;
  int number;

  g_variant_get (list, "(im&s&s)", &number, &none, &text);
  printf ("%s[%d, %s, '%s']\n", before, number, none != NULL ? none : "None", text);
}

static void
f (MpdConnection *conn)
{
  g_autoptr(GVariant) list = mpd_connection_recv (conn, NULL);

  print_list ("child got ", list);
  mpd_connection_send (conn, g_variant_new ("(imss)", 42, NULL, "send from child_conn"), NULL);
  mpd_connection_close (conn);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) list = NULL;
  MpdConnection *parent_conn, *child_conn;
  pid_t p;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (!mpd_pipe_new (TRUE, &parent_conn, &child_conn, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  mpd_connection_send (parent_conn, g_variant_new ("(imss)", 31, NULL, "send from parent_conn"),
                       NULL);
  p = fork ();
  if (p == 0)
    {
      mpd_connection_close (parent_conn);   /* the child's copy of the parent's end */
      f (child_conn);
      _exit (0);
    }
  mpd_connection_close (child_conn);        /* the parent's copy of the child's end */
  list = mpd_connection_recv (parent_conn, &error);
  print_list ("parent got ", list);
  mpd_child_join (p, MPD_WAIT_FOREVER, NULL);
  printf ("child joined\n");

  mpd_connection_free (parent_conn);
  mpd_connection_free (child_conn);
  return 0;
}
