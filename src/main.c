/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up translations and runs the application. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <unistd.h>
#include <sys/resource.h>
#include <glib/gi18n.h>

#include "mpd-application.h"
#include "mpd-console.h"

/* A program may be started with stdin, stdout or stderr closed (`mpdemo 2>&-`). The next file
 * it opens would then take that number, and whatever it prints there would go into that
 * file (a pipe of ours, say), and our children would inherit it so: give each closed one
 * /dev/null first. Returns whether stdout was closed: --console then has nowhere to print. */
static gboolean
open_closed_stdio (void)
{
  gboolean stdout_closed = FALSE;

  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
    if (fcntl (fd, F_GETFD) < 0 && errno == EBADF)
      {
        int null_fd = open ("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);

        if (null_fd >= 0 && null_fd != fd)
          {
            dup2 (null_fd, fd);
            close (null_fd);
          }
        stdout_closed |= fd == STDOUT_FILENO;
      }

  return stdout_closed;
}

/* How many threads and processes of its own MpDemo may have at once, the window's included:
 * the main thread, GLib's worker, GDBus's, Pango's, a few of GIO's pool, the consumer thread,
 * mpdemo-supervisor and a producer. */
#define ROOM_NEEDED 12

G_STATIC_ASSERT (ROOM_NEEDED == 12);  /* check_thread_room() says "about 12" */

typedef struct
{
  GMutex mutex;
  GCond  cond;
  gboolean done;
} Room;

static gpointer
room_thread (gpointer data)
{
  Room *room = data;

  g_mutex_lock (&room->mutex);
  while (!room->done)
    g_cond_wait (&room->cond, &room->mutex);
  g_mutex_unlock (&room->mutex);
  return NULL;
}

/* Threads count against the same limit as processes (`ulimit -u`, RLIMIT_NPROC: every thread
 * and process of this user at once). When GLib, GDBus or Pango cannot create a thread of their
 * own, they abort the program: nothing lets us catch that. So before anything starts one, make
 * sure that there is room for what MpDemo needs, holding that many threads for a moment; when
 * there is not, say so and what to do. */
static gboolean
check_thread_room (void)
{
  Room room = { .done = FALSE };
  GThread *threads[ROOM_NEEDED - 1];
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_mutex_init (&room.mutex);
  g_cond_init (&room.cond);
  while (n < G_N_ELEMENTS (threads) &&
         (threads[n] = g_thread_try_new ("mpd-room", room_thread, &room, &error)) != NULL)
    n++;

  g_mutex_lock (&room.mutex);
  room.done = TRUE;
  g_cond_broadcast (&room.cond);
  g_mutex_unlock (&room.mutex);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&room.mutex);
  g_cond_clear (&room.cond);

  if (error == NULL)
    return TRUE;

  {
    struct rlimit limit = { 0 };

    getrlimit (RLIMIT_NPROC, &limit);
    /* (ROOM_NEEDED is 12: the sentence says so.) */
    g_printerr (ngettext ("mpdemo: MpDemo needs about 12 threads and processes at once, and "
                          "this user cannot have that many more: the limit is %llu thread or "
                          "process in all (ulimit -u). %s. Raise the limit (for example "
                          "“ulimit -u 1000”) or end some programs, then start mpdemo again.\n",
                          "mpdemo: MpDemo needs about 12 threads and processes at once, and "
                          "this user cannot have that many more: the limit is %llu threads and "
                          "processes in all (ulimit -u). %s. Raise the limit (for example "
                          "“ulimit -u 1000”) or end some programs, then start mpdemo again.\n",
                          (unsigned long) MIN (limit.rlim_cur, G_MAXULONG)),
                (unsigned long long) limit.rlim_cur, error->message);
  }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpdApplication) app = NULL;

  mpd_console_set_stdout_closed (open_closed_stdio ());

  /* GTK would do this in gtk_init(), but --console never initializes GTK. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!check_thread_room ())
    return 1;

  /* Before any thread exists: setenv() is not thread-safe. */
  mpd_application_choose_renderer ();

  app = mpd_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  return mpd_application_get_exit_status (app, g_application_run (G_APPLICATION (app), argc,
                                                                 argv));
}
