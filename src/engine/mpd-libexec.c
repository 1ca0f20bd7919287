/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-libexec.c: where MpDemo's helper programs and lesson programs are. */

/*
 * Every program MpDemo runs for itself (mpdemo-supervisor, the lessons' programs, the
 * producer) lives in one folder: LIBEXECDIR/mpdemo once installed. The tests and the build
 * folder name another one with the environment variable MPD_LIBEXEC_DIR (the build folder's
 * src/, where the programs are built in the same places). Nothing is looked up beside the
 * running program, nor in the current folder, where another user could have put a program.
 */

#define G_LOG_DOMAIN "mpd-libexec"

#include "config.h"

#include <stdarg.h>

#include "mpd-libexec.h"

/**
 * mpd_libexec_dup_path:
 * @first_element: the first element of a path below the folder, such as "mpdemo-supervisor"
 * @...: more elements, then %NULL
 *
 * Returns: (transfer full): the full path
 */
char *
mpd_libexec_dup_path (const char *first_element,
                      ...)
{
  const char *from_environment = g_getenv ("MPD_LIBEXEC_DIR");
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  const char *element;
  va_list args;

  if (from_environment != NULL && from_environment[0] != '\0')
    g_ptr_array_add (elements, (gpointer) from_environment);
  else
    {
      g_ptr_array_add (elements, (gpointer) MPD_LIBEXECDIR);
      g_ptr_array_add (elements, (gpointer) "mpdemo");
    }

  va_start (args, first_element);
  for (element = first_element; element != NULL; element = va_arg (args, const char *))
    g_ptr_array_add (elements, (gpointer) element);
  va_end (args);
  g_ptr_array_add (elements, NULL);

  return g_build_filenamev ((char **) elements->pdata);
}
