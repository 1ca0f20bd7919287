/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pool-map.c: Pool(3).map(func, range(10)), each call sleeping one second (seed 002), with
 * MpDemo's process pool (src/engine/mpd-pool.c). */

/*
 * A pool starts its worker processes once (fork()) and reuses them: mpd_pool_map() gives the
 * ten tasks to three workers, each taking the next as soon as it is free. Arguments and values
 * travel as GVariants, as Python's travel as pickles. Ten one-second tasks on three workers
 * take four seconds: three rounds of three, then one more.
 *
 * Unlike Python's, this pool knows which task each worker holds: kill a worker from the
 * drawing while it works, and map() fails at once, saying which task was lost on which
 * worker, where Python's map() would wait for ever.
 */

#include <stdio.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-pool.h"

static GVariant *
func (GVariant  *argument,
      gpointer   user_data,
      GError   **error)
{
  int x = g_variant_get_int32 (argument);

  printf ("value %d work in pid %d\n", x, (int) getpid ());
  sleep (1);
  return g_variant_new ("(ii)", x * x, (int) getpid ());
}

/* Sorts pids by how many tasks each did, most first, as Counter.most_common() does. */
static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      counts)
{
  int count_a = GPOINTER_TO_INT (g_hash_table_lookup (counts, a));
  int count_b = GPOINTER_TO_INT (g_hash_table_lookup (counts, b));

  return count_b - count_a;
}

/* What the workers can run: a worker is a copy of this program, and runs a task's function
 * by its name, as Python's workers find a function by its name in their copy of the module. */
static const MpdPoolFunction functions[] = {
  { "func", func },
  { NULL },
};

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdPool) pool = NULL;
  g_autoptr(GVariant) results = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr(GList) pids = NULL;
  GVariantBuilder range;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  setvbuf (stdout, NULL, _IOLBF, 0);

  pool = mpd_pool_new (3, functions, NULL, &error);
  if (pool == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_variant_builder_init (&range, G_VARIANT_TYPE ("ai"));
  for (int x = 0; x < 10; x++)
    g_variant_builder_add (&range, "i", x);
  results = mpd_pool_map (pool, "func", g_variant_builder_end (&range), 0, &error);
  if (results == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  mpd_pool_close (pool);
  mpd_pool_join (pool);
  elapsed = (g_get_monotonic_time () - start) / 1e6;

  printf ("[");
  for (gsize i = 0; i < g_variant_n_children (results); i++)
    {
      g_autoptr(GVariant) value = NULL;
      int square, pid;

      g_variant_get_child (results, i, "v", &value);
      g_variant_get (value, "(ii)", &square, &pid);
      printf ("%s%d", i > 0 ? ", " : "", square);
      if (!g_hash_table_contains (counts, GINT_TO_POINTER (pid)))
        pids = g_list_append (pids, GINT_TO_POINTER (pid));
      g_hash_table_insert (counts, GINT_TO_POINTER (pid),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (counts, GINT_TO_POINTER (pid))) + 1));
    }
  printf ("]\n");

  pids = g_list_sort_with_data (pids, compare_counts, counts);
  printf ("%u worker pids did the 10 tasks: ", g_list_length (pids));
  for (GList *l = pids; l != NULL; l = l->next)
    printf ("%spid %d did %d", l != pids ? ", " : "", GPOINTER_TO_INT (l->data),
            GPOINTER_TO_INT (g_hash_table_lookup (counts, l->data)));
  printf ("\n");
  printf ("total time: %.0f s (10 tasks of 1 s on 3 workers: 3 rounds of 3, then 1 more)\n",
          elapsed);
  return 0;
}
