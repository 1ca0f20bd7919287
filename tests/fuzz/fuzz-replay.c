/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay.c: runs a fuzz target over the saved inputs, as an ordinary test. */

#include "config.h"

#include <stdint.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
replay (gconstpointer path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *corpus = g_getenv ("MPD_FUZZ_CORPUS");
  const char *name;

  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (corpus);
  dir = g_dir_open (corpus, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/mpd/fuzz/queue/%s", file);

      g_test_add_data_func_full (test_path, g_build_filename (corpus, file, NULL),
                                 replay, g_free);
    }

  return g_test_run ();
}
