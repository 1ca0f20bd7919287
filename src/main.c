/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up translations and runs the application. */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "mpd-application.h"

/* GTK draws with the GPU when there is one. Without one (a virtual machine, a remote desktop,
 * Xvfb), Mesa emulates the GPU on the CPU, and GTK 4.8 then repaints the whole window for each
 * new timestamp: about 4% of a core for a clock. GTK's CPU renderer (cairo) repaints only
 * what changed, for 0.15%. A GPU shows up as a DRM render node. */
static void
choose_renderer (void)
{
  g_autoptr(GDir) dri = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

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
  choose_renderer ();

  app = mpd_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
