/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pool-many.c: Pool(4).map(work, range(1, 100)) (seed 004, section 3), with MpDemo's process
 * pool (src/engine/mpd-pool.c). */

/*
 * 99 tasks on 4 workers. map() sends them in chunks, as Python's does: chunksize 0 asks the
 * pool to choose as Python does, about four chunks per worker (99 / 16, rounded up: 7 tasks a
 * chunk, so 15 chunks). One message carries a whole chunk to a worker, which sends back one
 * value per task: fewer messages, and a worker never waits for the next task in the middle of
 * a chunk. The lines of four processes mix in an order that changes from run to run. Each task
 * also sleeps 50 ms, so that MpDemo's schedule can show the chunks.
 */

#include <stdio.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-pool.h"

static GVariant *
work (GVariant  *argument,
      gpointer   user_data,
      GError   **error)
{
  printf ("%d in pid %d\n", g_variant_get_int32 (argument), (int) getpid ());
  g_usleep (50 * 1000);
  return g_variant_new_int32 (getpid ());
}

/* What the workers can run: a worker is a copy of this program, and runs a task's function
 * by its name, as Python's workers find a function by its name in their copy of the module. */
static const MpdPoolFunction functions[] = {
  { "work", work },
  { NULL },
};

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdPool) pool = NULL;
  g_autoptr(GVariant) pids = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  GVariantBuilder data;
  guint n = 0, chunksize;

  setvbuf (stdout, NULL, _IOLBF, 0);

  pool = mpd_pool_new (4, functions, NULL, &error);
  if (pool == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_variant_builder_init (&data, G_VARIANT_TYPE ("ai"));
  for (int x = 1; x < 100; x++, n++)
    g_variant_builder_add (&data, "i", x);
  pids = mpd_pool_map (pool, "work", g_variant_builder_end (&data), 0, &error);
  if (pids == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  mpd_pool_close (pool);
  mpd_pool_join (pool);

  chunksize = (n + 4 * 4 - 1) / (4 * 4);  /* what map() chose: n / (4 workers x 4), rounded up */
  printf ("%u tasks in chunks of %u: %u chunks for 4 workers\n", n, chunksize,
          (n + chunksize - 1) / chunksize);
  for (gsize i = 0; i < g_variant_n_children (pids); i++)
    {
      g_autoptr(GVariant) pid = NULL;

      g_variant_get_child (pids, i, "v", &pid);
      g_hash_table_add (counts, GINT_TO_POINTER (g_variant_get_int32 (pid)));
    }
  printf ("%u worker pids did the tasks, in multiples of %u (the last chunk has the rest)\n",
          g_hash_table_size (counts), chunksize);
  return 0;
}
