/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-utils.h: percentiles of measured values, for the benchmarks. */

#pragma once

#include <glib.h>

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values (of doubles), and returns the value at @fraction (0.5: the median). */
static inline double
bench_percentile (GArray *values,
                  double  fraction)
{
  if (values->len == 0)
    return 0;

  g_array_sort (values, bench_compare_doubles);
  return g_array_index (values, double, (guint) (fraction * (values->len - 1) + 0.5));
}
