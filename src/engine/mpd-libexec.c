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
#include <string.h>

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

/**
 * mpd_find_program:
 * @name: a program, such as "python3" or "./my-producer"
 *
 * Finds the program to run: @name itself when it has a slash, else the first executable file
 * of that name in a folder of PATH. Never the current folder, even when PATH is unset or
 * names it ("." or an empty element), as GLib's own search would: someone else may have put
 * a program there.
 *
 * Returns: (transfer full) (nullable): its path, or %NULL when there is none
 */
char *
mpd_find_program (const char *name)
{
  const char *path = g_getenv ("PATH");
  g_auto(GStrv) folders = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (strchr (name, '/') != NULL)
    return g_strdup (name);

  folders = g_strsplit (path != NULL ? path : "/usr/local/bin:/usr/bin:/bin", ":", -1);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *candidate = NULL;

      if (!g_path_is_absolute (folders[i]))
        continue;
      candidate = g_build_filename (folders[i], name, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE) &&
          !g_file_test (candidate, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

static GPtrArray *own_variables;  /* names set by MpDemo for itself, not for its children */

/**
 * mpd_libexec_keep_variable_for_us:
 * @name: an environment variable that MpDemo has just set for itself (GSK_RENDERER)
 *
 * The programs MpDemo runs do not get @name from it: it was set for MpDemo's own window, and
 * a student's producer should see the environment the student gave, not ours. Call it
 * before any thread exists, as the setenv() it follows.
 */
void
mpd_libexec_keep_variable_for_us (const char *name)
{
  g_return_if_fail (name != NULL);

  if (own_variables == NULL)
    own_variables = g_ptr_array_new ();
  g_ptr_array_add (own_variables, (gpointer) g_intern_string (name));
}

/**
 * mpd_libexec_clean_environment:
 * @launcher: the launcher of a program that MpDemo runs
 *
 * Leaves out of its environment what MpDemo set for itself only.
 */
void
mpd_libexec_clean_environment (GSubprocessLauncher *launcher)
{
  g_return_if_fail (G_IS_SUBPROCESS_LAUNCHER (launcher));

  for (guint i = 0; own_variables != NULL && i < own_variables->len; i++)
    g_subprocess_launcher_unsetenv (launcher, own_variables->pdata[i]);
  /* An event channel is the runner's to give (see mpd-events.h), never one MpDemo inherited. */
  g_subprocess_launcher_unsetenv (launcher, "MPDEMO_EVENTS_FD");
}
