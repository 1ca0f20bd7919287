/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up translations and runs the application. */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "mpd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpdApplication) app = NULL;

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
