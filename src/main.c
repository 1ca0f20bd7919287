/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up translations and runs the application. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <unistd.h>
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

  /* Before any thread exists: setenv() is not thread-safe. */
  mpd_application_choose_renderer ();

  app = mpd_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
