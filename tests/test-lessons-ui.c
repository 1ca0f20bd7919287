/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lessons-ui.c: the lesson browser and the lesson page, in the real window (Xvfb). */

/*
 * What a teacher does: find a lesson by typing, run it, watch its output and its processes,
 * read its C beside its Python; then choose another lesson, close the window, or see MpDemo
 * killed in the middle of a run. Whatever ends a run, no process of it is left.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <gtk/gtk.h>
#include <glib/gstdio.h>

#include "mpd-application.h"
#include "mpd-lesson-page.h"
#include "mpd-proc.h"
#include "mpd-process.h"
#include "mpd-process-view.h"
#include "mpd-runner.h"
#include "mpd-test-utils.h"
#include "mpd-window.h"

#define TEST_APP_ID(name) "org.example.MpDemo.Test.Lessons." name
#define DEADLINE_S 15

typedef struct
{
  MpdApplication *app;
  MpdWindow      *window;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *app_id)
{
  g_autoptr(MpdPipeline) pipeline = mpd_pipeline_new (NULL, 1000);

  fixture->app = mpd_application_new (app_id, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, NULL));
  fixture->window = mpd_window_new (fixture->app, pipeline, 0);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static gboolean
window_gone (gpointer data)
{
  return ((Fixture *) data)->window == NULL;
}

static void
fixture_close (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      gtk_window_close (GTK_WINDOW (fixture->window));
      mpd_test_wait_until (window_gone, fixture, DEADLINE_S,
                       "the window to close");
    }
  g_clear_object (&fixture->app);
}

/* Shows lesson @id and returns its page. */
static MpdLessonPage *
show (Fixture    *fixture,
      const char *id)
{
  g_assert_true (mpd_window_show_lesson (fixture->window, id));
  g_assert_cmpstr (mpd_window_get_shown_lesson (fixture->window)->id, ==, id);
  return MPD_LESSON_PAGE (mpd_window_get_lesson_view (fixture->window, id));
}

/* The ids of the rows the list shows now, in order. */
static char *
shown_rows (MpdWindow *window)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  GtkListBox *list = mpd_window_get_lesson_list (window);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "",
                              gtk_widget_get_tooltip_text (row));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

typedef struct
{
  Fixture    *fixture;
  const char *expected;
  char       *shown;
} Search;

static gboolean
search_shows (gpointer data)
{
  Search *search = data;
  g_autofree char *shown = shown_rows (search->fixture->window);

  if (g_strcmp0 (shown, search->shown) != 0)
    g_test_message ("the list shows “%s”", shown);
  g_free (search->shown);
  search->shown = g_steal_pointer (&shown);
  return g_str_equal (search->shown, search->expected);
}

/* Types @text into the search entry and waits until the list shows the lessons @expected. */
static void
search_for (Fixture    *fixture,
            const char *text,
            const char *expected)
{
  Search search = { fixture, expected, NULL };
  g_autofree char *what = g_strdup_printf ("the search for “%s” to show “%s”", text, expected);

  gtk_editable_set_text (mpd_window_get_search_entry (fixture->window), text);
  mpd_test_wait_until (search_shows, &search, DEADLINE_S, what);
  g_free (search.shown);
}

/* Typing in the search field filters the list: by id, by title, by chapter, by seed; a
 * word that matches nothing shows no row, and says so. Ctrl+E reaches the field. */
static void
test_search (void)
{
  Fixture fixture = { 0 };
  GtkEditable *search;
  g_autofree char *all = NULL;

  fixture_open (&fixture, TEST_APP_ID ("Search"));
  search = mpd_window_get_search_entry (fixture.window);

  all = shown_rows (fixture.window);
  g_assert_cmpstr (all, ==, "spawn subclass current-process args join daemon lifecycle "
                   "isolation logging threads thread-join thread-list thread-daemon "
                   "pool-map pool-many pool-async process-doubler gil queue-basics queue-sum "
                   "queue-api queue-join-deadlock pipe-duplex pipe-sum pipe-unclosed "
                   "producer-consumer");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.find-lesson",
                                             NULL));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (search)) ||
                 gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)),
                                          GTK_TYPE_SEARCH_ENTRY) == GTK_WIDGET (search));

  /* GtkSearchEntry says "search-changed" after a short delay: wait for the list. */
  search_for (&fixture, "subclass", "subclass");
  search_for (&fixture, "queues", "queue-basics queue-sum queue-api queue-join-deadlock "
                                  "pipe-duplex pipe-sum pipe-unclosed producer-consumer");
  search_for (&fixture, "seed 000", "spawn subclass logging");
  search_for (&fixture, "no such lesson", "");

  fixture_close (&fixture);
}

typedef struct
{
  MpdLessonPage *page;
  int            n_processes;
} Watch;

static gboolean
run_done (gpointer data)
{
  Watch *watch = data;
  g_autofree char *output = NULL;

  /* Look at /proc now too, as the runner does ten times a second: under a sanitizer this
   * process may be too slow for its timer to catch workers that live one second. */
  if (mpd_runner_get_running (mpd_lesson_page_get_runner (watch->page)))
    mpd_runner_sample (mpd_lesson_page_get_runner (watch->page));
  output = mpd_output_view_dup_text (mpd_lesson_page_get_output_view (watch->page));

  return !mpd_runner_get_running (mpd_lesson_page_get_runner (watch->page)) &&
         strstr (output, "name: process 4, argument : 4") != NULL;
}

/* Run: spawn's five lines come into the output view, and its six processes into the table
 * (the main one, and its five children), each with how it ended; the status bar says so. */
static void
test_run_shows_output_and_processes (void)
{
  Fixture fixture = { 0 };
  Watch watch = { 0 };
  GListModel *processes;
  GtkColumnView *table;
  g_autofree char *output = NULL;
  int main_pid;
  guint n_children = 0;

  fixture_open (&fixture, TEST_APP_ID ("Run"));
  watch.page = show (&fixture, "spawn");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (watch.page)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  g_assert_true (mpd_runner_get_running (mpd_lesson_page_get_runner (watch.page)));
  g_assert_nonnull (strstr (mpd_status_bar_get_text (mpd_window_get_status_bar (fixture.window)),
                            "Running “Five processes” in C"));
  mpd_test_wait_until (run_done, &watch, DEADLINE_S,
                       "spawn to run to its end in the window");

  output = mpd_output_view_dup_text (mpd_lesson_page_get_output_view (watch.page));
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *line = g_strdup_printf ("name: process %d, argument : %d\n", i, i);

      g_assert_nonnull (strstr (output, line));
    }

  table = GTK_COLUMN_VIEW (mpd_lesson_page_get_process_table (watch.page));
  processes = G_LIST_MODEL (gtk_column_view_get_model (table));
  main_pid = mpd_runner_get_pid (mpd_lesson_page_get_runner (watch.page));
  /* The main process, its five workers, and (under AddressSanitizer only) a tracer that
   * each process clones for its leak check as it exits. */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpuint (g_list_model_get_n_items (processes), >=, 6);
#endif
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (processes, i);

      g_assert_true (mpd_process_get_ended (process));
      /* A worker: not the tracer of the main process, which is its child too, by its name. */
      if (mpd_process_get_parent_pid (process) == main_pid &&
          g_str_has_prefix (mpd_process_get_name (process), "process "))
        n_children++;
    }
#ifdef __SANITIZE_ADDRESS__
  /* Under AddressSanitizer, with the slow unwinder that build-aux/dev.sh asks for, one turn of
   * this process's main loop can take longer than the workers live (2.4 s seen): they may
   * come and go between two looks at /proc. The normal build checks all five. */
  g_assert_cmpuint (n_children, <=, 5);
#else
  g_assert_cmpuint (n_children, ==, 5);
#endif
  g_assert_nonnull (strstr (mpd_status_bar_get_text (mpd_window_get_status_bar (fixture.window)),
                            "exited with status 0"));

  fixture_close (&fixture);
}

/* The Code view shows the lesson's C file and its Python file, exactly as in the source. */
static void
test_code_view (void)
{
  Fixture fixture = { 0 };
  MpdLessonPage *page;
  MpdCodeView *code_view;
  g_autofree char *c_path = NULL, *python_path = NULL;
  g_autofree char *c_source = NULL, *python_source = NULL;
  g_autofree char *c_shown = NULL, *python_shown = NULL;

  fixture_open (&fixture, TEST_APP_ID ("Code"));
  page = show (&fixture, "subclass");
  code_view = mpd_lesson_page_get_code_view (page);

  c_path = g_build_filename (g_getenv ("MPD_SOURCE_DIR"), "src", "lessons", "subclass",
                             "subclass.c", NULL);
  python_path = g_build_filename (g_getenv ("MPD_SOURCE_DIR"), "src", "lessons", "subclass",
                                  "subclass.py", NULL);
  g_assert_true (g_file_get_contents (c_path, &c_source, NULL, NULL));
  g_assert_true (g_file_get_contents (python_path, &python_source, NULL, NULL));

  c_shown = mpd_code_view_dup_c_text (code_view);
  python_shown = mpd_code_view_dup_python_text (code_view);
  g_assert_cmpstr (c_shown, ==, c_source);
  g_assert_cmpstr (python_shown, ==, python_source);

  /* pool-map shows the pool it uses, from the engine, beside its own C. */
  {
    g_autofree char *pool_path = g_build_filename (g_getenv ("MPD_SOURCE_DIR"), "src", "engine",
                                                   "mpd-pool.c", NULL);
    g_autofree char *pool_source = NULL, *pool_shown = NULL;

    code_view = mpd_lesson_page_get_code_view (show (&fixture, "pool-map"));
    g_assert_true (g_file_get_contents (pool_path, &pool_source, NULL, NULL));
    g_assert_true (mpd_code_view_show_file (code_view, "mpd-pool.c"));
    pool_shown = mpd_code_view_dup_c_text (code_view);
    g_assert_cmpstr (pool_shown, ==, pool_source);
  }

  fixture_close (&fixture);
}

/* Each lesson remembers its own view and language (at /org/example/MpDemo/lessons/ID/), for
 * the next window: one lesson's choice is not another's. */
static void
test_settings_per_lesson (void)
{
  Fixture fixture = { 0 };
  MpdLessonPage *page;
  g_autoptr(GSettings) subclass_settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *language = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            "org.example.MpDemo.Lesson", TRUE);
  g_assert_nonnull (schema);
  subclass_settings = g_settings_new_full (schema, NULL, "/org/example/MpDemo/lessons/subclass/");

  fixture_open (&fixture, TEST_APP_ID ("Settings"));
  page = show (&fixture, "subclass");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.language",
                                             "s", "python"));
  g_object_set (gtk_widget_get_ancestor (GTK_WIDGET (mpd_lesson_page_get_code_view (page)),
                                         GTK_TYPE_STACK),
                "visible-child-name", "code", NULL);
  language = g_settings_get_string (subclass_settings, "language");
  g_assert_cmpstr (language, ==, "python");
  fixture_close (&fixture);

  /* The next window: subclass shows its code, spawn its run. */
  fixture_open (&fixture, TEST_APP_ID ("Settings2"));
  page = show (&fixture, "subclass");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (mpd_lesson_page_get_code_view (page))));
  page = show (&fixture, "spawn");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (mpd_lesson_page_get_code_view (page))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (mpd_lesson_page_get_output_view (page))));
  fixture_close (&fixture);
}

/* The processes of a run of current-process, once both are there (the main one waits five
 * seconds for SubProcess): their pids. */
typedef struct
{
  MpdLessonPage *page;
  int            pids[2];
} Both;

static gboolean
both_running (gpointer data)
{
  Both *both = data;
  GListModel *processes = mpd_runner_get_processes (mpd_lesson_page_get_runner (both->page));
  guint n = 0;

  mpd_runner_sample (mpd_lesson_page_get_runner (both->page));
  for (guint i = 0; i < g_list_model_get_n_items (processes) && n < 2; i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (processes, i);

      if (!mpd_process_get_ended (process))
        both->pids[n++] = mpd_process_get_pid (process);
    }
  return n == 2;
}

static gboolean
both_gone (gpointer data)
{
  Both *both = data;

  return mpd_test_pid_is_gone (both->pids[0]) && mpd_test_pid_is_gone (both->pids[1]);
}

static gboolean
page_stopped (gpointer data)
{
  return !mpd_runner_get_running (mpd_lesson_page_get_runner (((Both *) data)->page));
}

static gboolean
pipeline_stopped (gpointer data)
{
  return !mpd_pipeline_get_running (mpd_window_get_pipeline (((Fixture *) data)->window));
}

/* Choosing another lesson ends the run of the one shown: its processes are gone. What the
 * status bar says is the news of the lesson shown, not of the run that was ended. */
static void
test_other_lesson_ends_run (void)
{
  Fixture fixture = { 0 };
  Both both = { 0 };
  MpdStatusBar *status_bar;

  fixture_open (&fixture, TEST_APP_ID ("Other"));
  status_bar = mpd_window_get_status_bar (fixture.window);
  /* The producer-consumer lesson runs its pipeline as soon as it is shown. */
  g_assert_true (mpd_window_show_lesson (fixture.window, "producer-consumer"));
  g_assert_true (mpd_pipeline_get_running (mpd_window_get_pipeline (fixture.window)));
  both.page = show (&fixture, "current-process");
  mpd_test_wait_until (pipeline_stopped, &fixture, DEADLINE_S,
                       "the producer-consumer lesson's pipeline to stop");
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar), ==,
                   "“The current process”: press Run (Ctrl+R) to run it.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  mpd_test_wait_until (both_running, &both, DEADLINE_S,
                       "MainProcess and SubProcess to run");

  show (&fixture, "spawn");
  mpd_test_wait_until (page_stopped, &both, DEADLINE_S,
                       "the run of current-process to end");
  g_assert_true (both_gone (&both));
  g_assert_true (mpd_runner_get_stopped (mpd_lesson_page_get_runner (both.page)));
  g_assert_cmpstr (mpd_status_bar_get_text (status_bar), ==,
                   "“Five processes”: press Run (Ctrl+R) to run it.");

  fixture_close (&fixture);
}

/* Closing the window during a run: the window goes only once every process is gone. */
static void
test_close_during_run (void)
{
  Fixture fixture = { 0 };
  Both both = { 0 };

  fixture_open (&fixture, TEST_APP_ID ("Close"));
  both.page = show (&fixture, "current-process");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  mpd_test_wait_until (both_running, &both, DEADLINE_S,
                       "MainProcess and SubProcess to run");

  gtk_window_close (GTK_WINDOW (fixture.window));
  mpd_test_wait_until (window_gone, &fixture, DEADLINE_S,
                       "the window to close");
  g_assert_true (both_gone (&both));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);

  g_clear_object (&fixture.app);
}

typedef struct
{
  int     root;
  GArray *pids;
} Tree;

static gboolean
tree_has_subprocess (gpointer data)
{
  Tree *tree = data;

  if (mpd_test_find_descendant (tree->root, "SubProcess") == 0)
    return FALSE;

  g_array_set_size (tree->pids, 0);
  {
    g_autoptr(GArray) found = mpd_proc_list_descendants (tree->root);

    for (guint i = 0; i < found->len; i++)
      g_array_append_val (tree->pids, g_array_index (found, MpdProcStat, i).pid);
  }
  return TRUE;
}

static gboolean
tree_has_mpdemo (gpointer data)
{
  return mpd_test_find_descendant (((Tree *) data)->root, "mpdemo") != 0;
}

/* The lesson's processes are gone, reaped by the supervisor; the supervisor (listed first:
 * parents come before their children) has ended. Once MpDemo is dead the supervisor is
 * init's child, and init reaps it when it will (this machine's init took up to 0.7 s): a
 * zombie of init's is ended. */
static gboolean
tree_gone (gpointer data)
{
  Tree *tree = data;
  MpdProcStat stat;
  int supervisor = g_array_index (tree->pids, int, 0);

  for (guint i = 1; i < tree->pids->len; i++)
    if (!mpd_test_pid_is_gone (g_array_index (tree->pids, int, i)))
      return FALSE;
  return mpd_test_pid_is_gone (supervisor) ||
         (mpd_proc_read_stat (supervisor, &stat) && stat.state == 'Z');
}

/* mpdemo --run current-process, killed with SIGKILL while both processes of the lesson run:
 * the supervisor, MainProcess and SubProcess all go. (On a session bus of its own, so that
 * it is the only org.example.MpDemo there.) */
static void
test_app_killed_during_run (void)
{
  const char *argv[] = { "dbus-run-session", "--", mpd_test_program ("MPDEMO_PROGRAM"),
                         "--run", "current-process", NULL };
  g_autoptr(GSubprocess) session = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, NULL);
  Tree tree = { 0, g_array_new (FALSE, FALSE, sizeof (int)) };
  int mpdemo = 0;
  gint64 killed_us;

  g_assert_nonnull (session);
  tree.root = atoi (g_subprocess_get_identifier (session));
  mpd_test_wait_until (tree_has_mpdemo, &tree, DEADLINE_S,
                       "dbus-run-session to start mpdemo");
  mpdemo = mpd_test_find_descendant (tree.root, "mpdemo");
  tree.root = mpdemo;
  mpd_test_wait_until (tree_has_subprocess, &tree, DEADLINE_S,
                       "mpdemo --run current-process to start SubProcess");
  g_assert_cmpuint (tree.pids->len, >=, 3);   /* supervisor, MainProcess, SubProcess */

  g_assert_cmpint (kill (mpdemo, SIGKILL), ==, 0);
  killed_us = g_get_monotonic_time ();
  mpd_test_wait_until (tree_gone, &tree, DEADLINE_S,
                       "every process of the run to go after mpdemo was killed");
  g_test_message ("The %u processes of the run had ended %.0f ms after SIGKILL",
                  tree.pids->len, (g_get_monotonic_time () - killed_us) / 1000.0);

  g_subprocess_wait (session, NULL, NULL);
  g_array_unref (tree.pids);
}

typedef struct
{
  MpdRunner      *runner;
  MpdProcessView *view;
  GString        *output;
  int             parent, child;
} Drawn;

static void
drawn_output_cb (MpdRunner *runner,
                 int        stream,
                 GBytes    *bytes,
                 Drawn     *drawn)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_string_append_len (drawn->output, data, size);
  if (drawn->parent == 0)
    sscanf (drawn->output->str, "%d %d", &drawn->parent, &drawn->child);
}

static void
drawn_sampled_cb (MpdRunner *runner,
                  Drawn     *drawn)
{
  mpd_process_view_set_run (drawn->view, mpd_runner_get_processes (runner),
                            mpd_runner_get_process_tree (runner));
}

static gboolean
drawing_has_pipe (gpointer data)
{
  Drawn *drawn = data;
  g_autofree char *pipe = NULL;

  if (drawn->parent == 0)
    return FALSE;
  pipe = g_strdup_printf ("A pipe goes from process %d to process %d.", drawn->parent,
                          drawn->child);
  return strstr (mpd_process_view_get_summary (drawn->view), pipe) != NULL &&
         strstr (mpd_process_view_get_summary (drawn->view), "shared memory") != NULL;
}

/* The drawing of a run (issue 15): two processes joined by a pipe and a socket pair, and
 * sharing a block of memory (tests/tree-helper), are drawn with the pipe's arrow from the
 * writer to the reader, the socket pair's both ways, and the block mapped by exactly those
 * two pids, as /proc says; each process with its parent and what it waits for. */
static void
test_drawing_pipe_and_memory (void)
{
  const char *argv[] = { mpd_test_program ("MPD_TREE_HELPER"), NULL };
  g_autoptr(MpdRunner) runner = mpd_runner_new ();
  MpdProcessView *view = MPD_PROCESS_VIEW (g_object_ref_sink (mpd_process_view_new ()));
  Drawn drawn = { runner, view, g_string_new (NULL), 0, 0 };
  g_autofree char *parent_line = NULL;
  g_autofree char *child_line = NULL;
  g_autofree char *block = NULL;
  g_autofree char *pipe_line = NULL, *socket_line = NULL;
  const char *summary;

  g_signal_connect (runner, "output", G_CALLBACK (drawn_output_cb), &drawn);
  g_signal_connect (runner, "sampled", G_CALLBACK (drawn_sampled_cb), &drawn);
  g_assert_true (mpd_runner_start (runner, argv, NULL));
  mpd_test_wait_until (drawing_has_pipe, &drawn, DEADLINE_S, "the pipe in the drawing");

  summary = mpd_process_view_get_summary (view);
  g_test_message ("%s", summary);
  parent_line = g_strdup_printf ("tree-helper · pid %d, parent %d: sleeping: waiting for a "
                                 "child to end (join).", drawn.parent,
                                 mpd_runner_get_supervisor_pid (runner));
  child_line = g_strdup_printf ("tree-helper · pid %d, parent %d: sleeping: waiting to read "
                                "from a pipe.", drawn.child, drawn.parent);
  block = g_strdup_printf ("mapped by %d %d.", drawn.parent, drawn.child);
  g_assert_nonnull (strstr (summary, parent_line));
  g_assert_nonnull (strstr (summary, child_line));
  g_assert_nonnull (strstr (summary, block));
  pipe_line = g_strdup_printf ("A pipe goes from process %d to process %d.", drawn.parent,
                               drawn.child);
  socket_line = g_strdup_printf ("A socket joins process %d to process %d.", drawn.child,
                                 drawn.parent);
  g_assert_nonnull (strstr (summary, pipe_line));
  g_assert_nonnull (strstr (summary, socket_line));
  /* Three arrows: the pipe, and the socket pair both ways. The stdout pipe that both hold
   * leads out of the run, to MpDemo, and is not drawn. */
  g_assert_cmpuint (mpd_process_view_get_n_links (view), ==, 3);

  kill (drawn.child, SIGKILL);
  g_object_unref (view);
  g_string_free (drawn.output, TRUE);
}

typedef struct
{
  MpdLessonPage *page;
  MpdStatusBar  *status_bar;
  const char    *prefix;   /* what the status bar must start with */
  int            pid;      /* the first "Sub Process" of the run, once seen */
} Poke;

static gboolean
sub_process_seen (gpointer data)
{
  Poke *poke = data;
  GListModel *processes = mpd_runner_get_processes (mpd_lesson_page_get_runner (poke->page));

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (processes, i);

      if (!mpd_process_get_ended (process) &&
          g_str_equal (mpd_process_get_name (process), "Sub Process"))
        poke->pid = mpd_process_get_pid (process);
    }
  return poke->pid != 0;
}

static gboolean
status_says (gpointer data)
{
  Poke *poke = data;

  return g_str_has_prefix (mpd_status_bar_get_text (poke->status_bar), poke->prefix);
}

static gboolean
run_stopped (gpointer data)
{
  return !mpd_runner_get_running (mpd_lesson_page_get_runner (((Poke *) data)->page));
}

/* Poking a process from the drawing (issue 15, item 3): SIGSTOP, and the status bar and the
 * drawing say it is stopped; SIGKILL, and the status bar says it ended and who reaps it. A
 * pid that is not a process of the run gets nothing: the test's own pid here. */
static void
test_poke_process (void)
{
  Fixture fixture = { 0 };
  Poke poke = { 0 };
  g_autofree char *stopped = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *not_ours = NULL;
  g_autofree char *drawn = NULL;

  fixture_open (&fixture, TEST_APP_ID ("Poke"));
  poke.page = show (&fixture, "join");
  poke.status_bar = mpd_window_get_status_bar (fixture.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  mpd_test_wait_until (sub_process_seen, &poke, DEADLINE_S, "join's first child");

  not_ours = g_strdup_printf ("No signal sent: this run has no running process %d any more.",
                              getpid ());
  poke.prefix = not_ours;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                             "lesson.signal-process", "(ii)", getpid (),
                                             SIGKILL));
  mpd_test_wait_until (status_says, &poke, DEADLINE_S, "the refusal");

  stopped = g_strdup_printf ("The kernel stopped process %d (SIGSTOP)", poke.pid);
  poke.prefix = stopped;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                             "lesson.signal-process", "(ii)", poke.pid,
                                             SIGSTOP));
  mpd_test_wait_until (status_says, &poke, DEADLINE_S, "the child stopped");
  drawn = g_strdup_printf ("Sub Process · pid %d, parent %d: stopped.", poke.pid,
                           mpd_runner_get_pid (mpd_lesson_page_get_runner (poke.page)));
  g_assert_nonnull (strstr (mpd_process_view_get_summary (mpd_lesson_page_get_process_view (poke.page)),
                            drawn));

  ended = g_strdup_printf ("Process %d ended", poke.pid);
  poke.prefix = ended;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                             "lesson.signal-process", "(ii)", poke.pid,
                                             SIGKILL));
  mpd_test_wait_until (status_says, &poke, DEADLINE_S, "the child ended");

  mpd_test_wait_until (run_stopped, &poke, DEADLINE_S, "join to end");
  fixture_close (&fixture);
}

/* The lane of the timeline whose text starts with @prefix, in words; NULL if none has. */
static char *
find_lane (MpdTimeline *timeline,
           const char  *prefix)
{
  for (guint i = 0; i < mpd_timeline_get_n_lanes (timeline); i++)
    {
      g_autofree char *text = mpd_timeline_dup_lane_text (timeline, i);

      if (g_str_has_prefix (text, prefix))
        return g_steal_pointer (&text);
    }
  return NULL;
}

static gboolean
page_run_ended (gpointer data)
{
  return !mpd_runner_get_running (mpd_lesson_page_get_runner (data));
}

/* pool-map in C: the page shows its Timeline by itself when the first task starts; there, each
 * of the three workers' lanes tells of the tasks it ran, the ten tasks in all, and the big
 * timeline and the small one show the same moment. No result: the table stays hidden. */
static void
test_pool_schedule (void)
{
  Fixture fixture = { 0 };
  MpdLessonPage *page;
  MpdTimeline *schedule;
  guint n_worker_lanes = 0, n_tasks = 0;

  fixture_open (&fixture, TEST_APP_ID ("Schedule"));
  page = show (&fixture, "pool-map");
  schedule = mpd_lesson_page_get_schedule (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (mpd_lesson_page_get_process_stack (page)),
                   ==, "drawing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  mpd_test_wait_until (page_run_ended, page, 4 * DEADLINE_S, "pool-map to end");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (mpd_lesson_page_get_process_stack (page)),
                   ==, "schedule");
  for (guint i = 0; i < mpd_timeline_get_n_lanes (schedule); i++)
    {
      g_autofree char *text = mpd_timeline_dup_lane_text (schedule, i);
      const char *tasks;

      if (!g_str_has_prefix (text, "pool worker "))
        continue;
      g_test_message ("%s", text);
      n_worker_lanes++;
      tasks = strstr (text, "; tasks: ");
      g_assert_nonnull (tasks);
      for (const char *at = tasks; (at = strstr (at, "func(")) != NULL; at++)
        n_tasks++;
    }
  g_assert_cmpuint (n_worker_lanes, ==, 3);
  g_assert_cmpuint (n_tasks, ==, 10);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mpd_lesson_page_get_results_table (page))));

  /* A moment chosen on the big timeline is the small one's too. */
  mpd_timeline_set_moment (schedule,
                           mpd_run_history_get_start_time (mpd_runner_get_history (mpd_lesson_page_get_runner (page))) +
                           G_USEC_PER_SEC);
  g_assert_cmpint (mpd_timeline_get_moment (schedule), >=, 0);
  g_assert_cmpint (mpd_timeline_get_moment (mpd_lesson_page_get_timeline (page)), ==,
                   mpd_timeline_get_moment (schedule));
  fixture_close (&fixture);
}

/* gil (issue 16's "done when"): one run shows the six measurements in the page's table, C then
 * Python, each against the work done once; the timeline has a lane for each of Python's
 * threads named "worker 1" and "worker 2", under its process. */
static void
test_gil_table (void)
{
  Fixture fixture = { 0 };
  MpdLessonPage *page;
  MpdResultsTable *table;
  g_autofree char *reason = NULL;
  const char *prefixes[6] = { "C, in the main thread: ", "C, in 2 threads at once: ",
                              "C, in 2 processes at once: ", "Python, in the main thread: ",
                              "Python, in 2 threads at once: ",
                              "Python, in 2 processes at once: " };
  guint n_worker_threads = 0;
  gboolean in_python = FALSE;

  if (!mpd_lesson_check_python (mpd_lesson_find ("gil"), &reason))
    {
      g_test_skip (reason);
      return;
    }
  if (g_get_num_processors () != 2)
    {
      g_test_skip ("the row names say N = 2: this machine has another number of cores");
      return;
    }
  fixture_open (&fixture, TEST_APP_ID ("Gil"));
  page = show (&fixture, "gil");
  table = mpd_lesson_page_get_results_table (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  mpd_test_wait_until (page_run_ended, page, 12 * DEADLINE_S, "gil to end");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (table)));
  g_assert_cmpuint (mpd_results_table_get_n_rows (table), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *row = mpd_results_table_dup_row (table, i);

      g_test_message ("%s", row);
      g_assert_true (g_str_has_prefix (row, prefixes[i]));
      g_assert_nonnull (strstr (row, i % 3 == 0 ? "1× (the reference)" : "× (2 times the work)"));
    }
  /* Python's two threads, under its process: they run about two seconds, taking turns, and
   * every sample of /proc sees them. (C's run one second; a machine busy enough may leave
   * them unsampled, as seen under AddressSanitizer: they are not counted here.) */
  for (guint i = 0; i < mpd_timeline_get_n_lanes (mpd_lesson_page_get_schedule (page)); i++)
    {
      g_autofree char *text = mpd_timeline_dup_lane_text (mpd_lesson_page_get_schedule (page), i);

      g_test_message ("%s", text);
      if (!g_str_has_prefix (text, "thread "))
        in_python = g_str_has_prefix (text, "python3 · pid ");
      /* A lane says the newest name: a thread that a sample saw before it named itself is
       * "worker 1" in the later samples. */
      else if (in_python)
        n_worker_threads += g_str_has_prefix (text, "thread worker ");
    }
  g_assert_cmpuint (n_worker_threads, ==, 2);
  fixture_close (&fixture);
}

static const char * const threads_and_pool[] = {
  "threads", "thread-join", "thread-list", "thread-daemon", "pool-many", "pool-async",
  "process-doubler", NULL
};
static const char * const queues_and_pipes[] = {
  "queue-basics", "queue-sum", "queue-api", "queue-join-deadlock", "pipe-duplex", "pipe-sum",
  "pipe-unclosed", NULL
};

/* A chapter from the window (Threads and Pool, issue 16; Queues and pipes, issue 17): each
 * lesson runs in C and then in Python on its page, ends with status 0, and prints as many lines
 * in both (their words are compared by the lessons test, from the console). */
static void
test_lessons_in_window (gconstpointer data)
{
  const char * const *ids = data;
  Fixture fixture = { 0 };

  fixture_open (&fixture, ids == threads_and_pool ? TEST_APP_ID ("ThreadsAndPool")
                                                : TEST_APP_ID ("QueuesAndPipes"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      MpdLessonPage *page = show (&fixture, ids[i]);
      guint n_lines[2];

      for (int python = 0; python < 2; python++)
        {
          g_autofree char *output = NULL;
          g_auto(GStrv) lines = NULL;
          int status;

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                                     "lesson.language", "s",
                                                     python ? "python" : "c"));
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run",
                                                     NULL));
          mpd_test_wait_until (page_run_ended, page, 4 * DEADLINE_S, "the lesson to end");
          g_assert_true (mpd_runner_get_wait_status (mpd_lesson_page_get_runner (page),
                                                     &status));
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          output = mpd_output_view_dup_text (mpd_lesson_page_get_output_view (page));
          g_strstrip (output);
          lines = g_strsplit (output, "\n", -1);
          n_lines[python] = g_strv_length (lines);
          g_test_message ("%s in %s: %u lines", ids[i], python ? "Python" : "C", n_lines[python]);
          g_assert_cmpuint (n_lines[python], >, 0);
        }
      g_assert_cmpuint (n_lines[0], ==, n_lines[1]);
    }
  fixture_close (&fixture);
}

/* lifecycle (issue 15's "done when"): the child killed with SIGKILL is a zombie on the
 * timeline until join(), then gone; played back, the drawing shows it as a zombie at that
 * moment, and as ended now; the run exports as a trace that check-trace.py accepts and as a
 * PNG image. Whether is_alive() just after kill() saw the child still alive is a race the
 * lesson shows: only when it did (True) has the child been a zombie for two seconds. */
static void
test_lifecycle_timeline (void)
{
  Fixture fixture = { 0 };
  MpdLessonPage *page;
  MpdTimeline *timeline;
  MpdProcessView *view;
  MpdRunHistory *history;
  g_autofree char *output = NULL, *main_lane = NULL, *child_lane = NULL;
  g_autofree char *folder = g_dir_make_tmp ("mpdemo-XXXXXX", NULL);
  g_autofree char *json_path = g_build_filename (folder, "run.json", NULL);
  g_autofree char *png_path = g_build_filename (folder, "timeline.png", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GdkTexture) image = NULL;
  g_autoptr(GError) error = NULL;
  gboolean zombie_seen = FALSE;

  fixture_open (&fixture, TEST_APP_ID ("Timeline"));
  page = show (&fixture, "lifecycle");
  timeline = mpd_lesson_page_get_timeline (page);
  view = mpd_lesson_page_get_process_view (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  mpd_test_wait_until (page_run_ended, page, 4 * DEADLINE_S, "lifecycle to end");
  output = mpd_output_view_dup_text (mpd_lesson_page_get_output_view (page));
  history = mpd_runner_get_history (mpd_lesson_page_get_runner (page));

  main_lane = find_lane (timeline, "lifecycle · pid ");
  child_lane = find_lane (timeline, "SubProcess · pid ");
  g_test_message ("%s\n%s", main_lane, child_lane);
  g_assert_nonnull (main_lane);
  g_assert_nonnull (child_lane);
  g_assert_nonnull (strstr (child_lane, "sleeping"));
  g_assert_null (strstr (main_lane, "zombie"));

  if (strstr (output, "Status after kill(): True") != NULL)
    {
      /* Killed, not reaped for two seconds: a zombie on the timeline, then gone. */
      g_assert_nonnull (strstr (child_lane, "zombie"));
      g_assert_null (strchr (g_strrstr (child_lane, "zombie"), ','));  /* its last state */

      /* Played back from the start, a frame at a time: the drawing shows it as a zombie. */
      mpd_timeline_set_moment (timeline, mpd_run_history_get_start_time (history));
      for (guint i = 0; i < mpd_run_history_get_n_frames (history) && !zombie_seen; i++)
        {
          zombie_seen = strstr (mpd_process_view_get_summary (view),
                                ": zombie: killed by SIGKILL (signal 9), not yet reaped by its "
                                "parent.") != NULL;
          mpd_timeline_step (timeline, 1);
        }
      g_assert_true (zombie_seen);
    }
  else
    g_test_message ("is_alive() saw the child already ended: no zombie to see this time");

  /* Now again: the child has ended, killed. */
  mpd_timeline_set_moment (timeline, -1);
  g_assert_cmpint (mpd_timeline_get_moment (timeline), ==, -1);
  g_assert_nonnull (strstr (mpd_process_view_get_summary (view),
                            "killed by SIGKILL (signal 9) (exitcode -9)"));

  g_assert_true (mpd_lesson_page_export (page, FALSE, json_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, &error));
  mpd_test_check_trace_json (json);
  if (zombie_seen)
    g_assert_nonnull (strstr (json, "\"name\": \"zombie\""));

  g_assert_true (mpd_lesson_page_export (page, TRUE, png_path, &error));
  g_assert_no_error (error);
  image = gdk_texture_new_from_filename (png_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (image), >=, 1200);
  g_assert_cmpint (gdk_texture_get_height (image), >, 0);

  g_remove (json_path);
  g_remove (png_path);
  g_rmdir (folder);
  fixture_close (&fixture);
}

typedef struct
{
  MpdLessonPage *page;
  int            writer;   /* the producer, once the flight view says it waits in q.put() */
} FullQueue;

/* The flight view says the queue holds its three values and names the process that waits in
 * put(); the drawing says that process sleeps on a lock or condition (its futex), in q.put(). */
static gboolean
queue_full_shown (gpointer data)
{
  FullQueue *full = data;
  g_autofree char *text = mpd_flight_view_dup_text (mpd_lesson_page_get_flight_view (full->page));
  MpdRunner *runner = mpd_lesson_page_get_runner (full->page);
  const char *waits;
  g_autofree char *expected = NULL;

  if (!g_str_has_prefix (text, "Queue q: 3 values wait (it holds 3 at most). pid "))
    return FALSE;
  waits = text + strlen ("Queue q: 3 values wait (it holds 3 at most). ");
  for (const char *at = waits; (at = strstr (at, "pid ")) != NULL; at++)
    {
      int pid = atoi (at + strlen ("pid "));

      if (pid != mpd_runner_get_pid (runner) &&
          g_str_has_prefix (strchr (at + strlen ("pid "), ' '), " waiting in q.put()"))
        full->writer = pid;
    }
  if (full->writer == 0)
    return FALSE;
  expected = g_strdup_printf ("· pid %d, parent %d: sleeping: waiting for a lock, a condition "
                              "or a semaphore, in q.put().", full->writer,
                              mpd_runner_get_pid (runner));
  return strstr (mpd_process_view_get_summary (mpd_lesson_page_get_process_view (full->page)),
                 expected) != NULL;
}

/* queue-api (issue 17's "done when"): while the producer waits on the full queue, the flight
 * view shows three values of three and the producer waiting in q.put(), and the drawing shows
 * it asleep on the queue's condition; at the end, nothing waits and the queue is empty. */
static void
test_queue_api_full (gconstpointer data)
{
  gboolean python = GPOINTER_TO_INT (data);
  Fixture fixture = { 0 };
  FullQueue full = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;

  if (python && !mpd_lesson_check_python (mpd_lesson_find ("queue-api"), &reason))
    {
      g_test_skip (reason);
      return;
    }
  fixture_open (&fixture, python ? TEST_APP_ID ("QueueApiPython") : TEST_APP_ID ("QueueApiC"));
  full.page = show (&fixture, "queue-api");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.language", "s",
                                             python ? "python" : "c"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "lesson.run", NULL));
  mpd_test_wait_until (queue_full_shown, &full, DEADLINE_S, "the producer to wait on the full queue");
  g_test_message ("%s", mpd_process_view_get_summary (mpd_lesson_page_get_process_view (full.page)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mpd_lesson_page_get_flight_view (full.page))));

  mpd_test_wait_until (page_run_ended, full.page, 2 * DEADLINE_S, "queue-api to end");
  text = mpd_flight_view_dup_text (mpd_lesson_page_get_flight_view (full.page));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Queue q: 0 values wait (it holds 3 at most).\n"));
  g_assert_null (strstr (text, "waiting in"));
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  mpd_application_choose_renderer ();  /* as mpdemo does */
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/lessons-ui/search", test_search);
  g_test_add_func ("/mpd/lessons-ui/drawing-pipe-and-memory", test_drawing_pipe_and_memory);
  g_test_add_func ("/mpd/lessons-ui/poke-process", test_poke_process);
  g_test_add_func ("/mpd/lessons-ui/lifecycle-timeline", test_lifecycle_timeline);
  g_test_add_func ("/mpd/lessons-ui/pool-schedule", test_pool_schedule);
  g_test_add_func ("/mpd/lessons-ui/gil-table", test_gil_table);
  g_test_add_data_func ("/mpd/lessons-ui/threads-and-pool-in-window", threads_and_pool,
                        test_lessons_in_window);
  g_test_add_data_func ("/mpd/lessons-ui/queues-and-pipes-in-window", queues_and_pipes,
                        test_lessons_in_window);
  g_test_add_data_func ("/mpd/lessons-ui/queue-api-full-c", GINT_TO_POINTER (FALSE),
                        test_queue_api_full);
  g_test_add_data_func ("/mpd/lessons-ui/queue-api-full-python", GINT_TO_POINTER (TRUE),
                        test_queue_api_full);
  g_test_add_func ("/mpd/lessons-ui/run-shows-output-and-processes",
                   test_run_shows_output_and_processes);
  g_test_add_func ("/mpd/lessons-ui/code-view", test_code_view);
  g_test_add_func ("/mpd/lessons-ui/settings-per-lesson", test_settings_per_lesson);
  g_test_add_func ("/mpd/lessons-ui/other-lesson-ends-run", test_other_lesson_ends_run);
  g_test_add_func ("/mpd/lessons-ui/close-during-run", test_close_during_run);
  g_test_add_func ("/mpd/lessons-ui/app-killed-during-run", test_app_killed_during_run);

  return g_test_run ();
}
