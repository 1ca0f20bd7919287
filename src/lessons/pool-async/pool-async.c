/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pool-async.c: what a pool offers besides map() (seed 001's list), with MpDemo's process
 * pool (src/engine/mpd-pool.c): apply_async(), ready(), get(timeout), get(), apply(),
 * map_async(). */

/*
 * mpd_pool_apply_async() gives a task to a worker and returns a result object at once: the
 * program goes on while the worker works. mpd_pool_result_ready() says whether the value is
 * there; mpd_pool_result_get() with a timeout of 2 s fails with MPD_POOL_ERROR_TIMEOUT when it
 * is not (Python's TimeoutError: the task goes on), and with a negative timeout waits as long
 * as it takes. mpd_pool_apply() is apply_async() and get(); mpd_pool_map_async() is map()
 * without the wait. Python prints True and False: so does this program, to print the same.
 */

#include <stdio.h>
#include <unistd.h>
#include <glib.h>

#include "mpd-pool.h"

static GVariant *
square (GVariant  *argument,
        gpointer   user_data,
        GError   **error)
{
  int x = g_variant_get_int32 (argument);

  return g_variant_new_int32 (x * x);
}

static GVariant *
slow_square (GVariant  *argument,
             gpointer   user_data,
             GError   **error)
{
  sleep (3);
  return square (argument, user_data, error);
}

static const MpdPoolFunction functions[] = {
  { "square", square },
  { "slow_square", slow_square },
  { NULL },
};

static const char *
python_bool (gboolean value)
{
  return value ? "True" : "False";
}

static int
fail (GError *error)
{
  fprintf (stderr, "%s\n", error->message);
  return 1;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdPool) pool = NULL;
  g_autoptr(MpdPoolResult) r1 = NULL;
  g_autoptr(MpdPoolResult) r2 = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) applied = NULL;
  g_autoptr(GVariant) values = NULL;
  GVariantBuilder range;

  setvbuf (stdout, NULL, _IOLBF, 0);

  pool = mpd_pool_new (4, functions, NULL, &error);
  if (pool == NULL)
    return fail (error);

  r1 = mpd_pool_apply_async (pool, "slow_square", g_variant_new_int32 (3));
  printf ("apply_async(slow_square, (3,)) returned at once; ready(): %s\n",
          python_bool (mpd_pool_result_ready (r1)));
  value = mpd_pool_result_get (r1, 2, &error);
  if (g_error_matches (error, MPD_POOL_ERROR, MPD_POOL_ERROR_TIMEOUT))
    {
      printf ("get(timeout=2) raised TimeoutError: slow_square(3) takes 3 s; ready(): %s\n",
              python_bool (mpd_pool_result_ready (r1)));
      g_clear_error (&error);
    }
  value = mpd_pool_result_get (r1, -1, &error);
  if (value == NULL)
    return fail (error);
  printf ("get() waited for the rest: %d ; ready(): %s\n", g_variant_get_int32 (value),
          python_bool (mpd_pool_result_ready (r1)));

  applied = mpd_pool_apply (pool, "square", g_variant_new_int32 (4), &error);
  if (applied == NULL)
    return fail (error);
  printf ("apply(square, (4,)) waited for its value: %d\n", g_variant_get_int32 (applied));

  g_variant_builder_init (&range, G_VARIANT_TYPE ("ai"));
  for (int x = 0; x < 5; x++)
    g_variant_builder_add (&range, "i", x);
  r2 = mpd_pool_map_async (pool, "square", g_variant_builder_end (&range), 0);
  printf ("map_async(square, range(5)) returned at once; ready(): %s\n",
          python_bool (mpd_pool_result_ready (r2)));
  values = mpd_pool_result_get (r2, -1, &error);
  if (values == NULL)
    return fail (error);
  printf ("its get(): [");
  for (gsize i = 0; i < g_variant_n_children (values); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (values, i);
      g_autoptr(GVariant) one = g_variant_get_variant (boxed);

      printf ("%s%d", i > 0 ? ", " : "", g_variant_get_int32 (one));
    }
  printf ("]\n");
  return 0;   /* the pool is freed, as leaving Python's "with Pool() as pool:" terminates it */
}
