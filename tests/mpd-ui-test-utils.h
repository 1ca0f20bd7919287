/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-ui-test-utils.h: what the window tests share: finding widgets, waiting for what they show. */

#pragma once

#include <string.h>
#include <gtk/gtk.h>

#include "mpd-pipeline.h"
#include "mpd-status-bar.h"

G_BEGIN_DECLS

/* Parses a status bar text as the time of a message, or returns NULL. */
static inline GDateTime *
parse_timestamp (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *iso = NULL;

  if (!g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?$", text, 0, 0))
    return NULL;

  iso = g_strdup (text);
  iso[10] = 'T';
  return g_date_time_new_from_iso8601 (iso, local);
}

static inline void
wait_for_text_change (MpdStatusBar *status_bar,
                      const char   *old_text)
{
  while (g_strcmp0 (mpd_status_bar_get_text (status_bar), old_text) == 0)
    g_main_context_iteration (NULL, TRUE);
}

typedef gboolean (*WidgetPredicate) (GtkWidget *widget, gconstpointer data);

/* The first widget under @widget (itself included, depth first) that @predicate accepts. */
static inline GtkWidget *
find_widget (GtkWidget       *widget,
             WidgetPredicate  predicate,
             gconstpointer    data)
{
  if (predicate (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static inline gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The widget, under @widget, whose GtkActionable action is @action (any kind of button). */
static inline GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  return find_widget (widget, has_action, action);
}

/* Waits for the next timestamp in the status bar. */
static inline void
wait_for_timestamp (MpdStatusBar *status_bar)
{
  for (;;)
    {
      g_autoptr(GDateTime) time = parse_timestamp (mpd_status_bar_get_text (status_bar));

      if (time != NULL)
        return;
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Whether process @pid was started with @argument among its arguments. */
static inline gboolean
process_has_argument (int         pid,
                      const char *argument)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", pid);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize at = 0; at < length; at += strlen (contents + at) + 1)
    if (g_str_equal (contents + at, argument))
      return TRUE;

  return FALSE;
}

/* Waits until the pipeline runs a producer other than @old_pid. */
static inline int
wait_for_new_producer (MpdPipeline *pipeline,
                       int          old_pid)
{
  while (!mpd_pipeline_get_running (pipeline) ||
         mpd_pipeline_get_producer_pid (pipeline) == old_pid ||
         mpd_pipeline_get_producer_pid (pipeline) == 0)
    g_main_context_iteration (NULL, TRUE);

  return mpd_pipeline_get_producer_pid (pipeline);
}

G_END_DECLS
