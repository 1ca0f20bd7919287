/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-page-fixture.h: a window showing the Producer / Consumer page, for the tests of that
 * page (test-page.c, test-page-truths.c). */

#pragma once

#include <gtk/gtk.h>

#include "mpd-application.h"
#include "mpd-pipeline-page.h"
#include "mpd-test-utils.h"
#include "mpd-window.h"

G_BEGIN_DECLS

typedef struct
{
  MpdApplication  *app;
  MpdWindow       *window;
  MpdPipeline     *pipeline;
  MpdPipelinePage *page;
  MpdPipelineDiagram *diagram;
  MpdStatsView    *stats_view;
} Fixture;

/* A window whose pipeline runs the built-in producer every @interval_ms. */
static inline void
fixture_open (Fixture    *fixture,
              const char *app_id,
              guint       interval_ms)
{
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, interval_ms);

  fixture->app = mpd_application_new (app_id, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, NULL));
  fixture->window = mpd_window_new (fixture->app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->pipeline = mpd_window_get_pipeline (fixture->window);
  fixture->page = MPD_PIPELINE_PAGE (mpd_window_get_lesson_view (fixture->window, "producer-consumer"));
  fixture->diagram = mpd_pipeline_page_get_diagram (fixture->page);
  fixture->stats_view = mpd_pipeline_page_get_stats_view (fixture->page);
}

/* Closes the window; every producer is reaped and the thread joined before it goes. */
static inline void
fixture_close (Fixture *fixture)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  while (fixture->window != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);

  /* The settings live in memory for the whole test program: leave them as they were. */
  if (mpd_application_get_settings (fixture->app) != NULL)
    {
      GSettings *settings = mpd_application_get_settings (fixture->app);
      g_autoptr(GSettingsSchema) schema = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (settings, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      for (guint i = 0; keys[i] != NULL; i++)
        g_settings_reset (settings, keys[i]);
    }
  g_clear_object (&fixture->app);
}

static inline void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
}

static inline void
wait_for_explanation (Fixture    *fixture,
                      const char *start)
{
  while (!g_str_has_prefix (mpd_pipeline_page_get_explanation (fixture->page) ?: "", start))
    g_main_context_iteration (NULL, TRUE);
}

static inline void
wait_until_stopped (Fixture *fixture)
{
  while (mpd_pipeline_get_running (fixture->pipeline))
    g_main_context_iteration (NULL, TRUE);
}

G_END_DECLS
