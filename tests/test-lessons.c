/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lessons.c: every lesson of the list, run as a student would, and the runner's promise
 * that no process of a run outlives it. */

/*
 * One test per lesson, made from the lesson list itself: a new lesson is tested without a
 * line here. Each lesson's programs are where the app looks for them, and its C and its Python
 * print the same lines once the pids are replaced ("pid:1234" becomes "pid:N") and the lines
 * sorted (concurrent processes print in any order).
 *
 * The runner's promise is tested with tests/runaway-lesson, which tries every way to outlive
 * its run: a double-forked setsid() daemon that ignores SIGTERM, a child that ignores it too,
 * and a grandchild stopped with SIGSTOP. Stop, and the death of the process that owns the
 * runner (SIGKILL), must leave none of them, not even a zombie.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mpd-events.h"
#include "mpd-lesson.h"
#include "mpd-proc.h"
#include "mpd-process.h"
#include "mpd-runner.h"
#include "mpd-test-utils.h"

#define DEADLINE_S 10

static int
compare_lines (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* "pid:1234", "pid: 1234" and "pid 1234" all become "pid…N", and so does the seed's "PID of
 * proc_1 : 1234"; a line the lesson says depends on a race (@racy_lines) becomes "(a race)";
 * the lines are sorted. */
static char *
normalize_output (const char *output,
                  const char *racy_lines)
{
  g_autoptr(GRegex) pid = g_regex_new ("(pid\\D{0,3})\\d+", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) pid_of = g_regex_new ("(pid of [^:\\n]*: )\\d+", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) racy = NULL;
  g_autofree char *replaced = g_regex_replace (pid, output, -1, 0, "\\1N", 0, NULL);
  g_autofree char *replaced_of = g_regex_replace (pid_of, replaced, -1, 0, "\\1N", 0, NULL);
  g_autofree char *raced = NULL;
  g_auto(GStrv) lines = NULL;

  if (racy_lines != NULL)
    {
      racy = g_regex_new (racy_lines, G_REGEX_MULTILINE, 0, NULL);
      g_assert_nonnull (racy);
      raced = g_regex_replace_literal (racy, replaced_of, -1, 0, "(a race)", 0, NULL);
    }
  lines = g_strsplit (raced != NULL ? raced : replaced_of, "\n", -1);
  qsort (lines, g_strv_length (lines), sizeof (char *), compare_lines);
  return g_strjoinv ("\n", lines);
}

/* mpdemo --console --run ID [--python]: what it printed on stdout and on stderr (@err, if not
 * NULL), and its exit status. */
static char *
run_in_console (const char  *id,
                gboolean     python,
                char       **err,
                int         *exit_status)
{
  const char *argv[] = { mpd_test_program ("MPDEMO_PROGRAM"), "--console", "--run", id,
                         python ? "--python" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               err != NULL ? G_SPAWN_DEFAULT : G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &output, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *exit_status = WEXITSTATUS (wait_status);
  return output;
}

/* The lesson's C program, and its Python file, are where the app runs them from. */
static void
test_files (gconstpointer data)
{
  const MpdLesson *lesson = data;
  g_autofree char *python = mpd_lesson_dup_program_path (lesson, lesson->python_file);

  g_assert_true (g_file_test (python, G_FILE_TEST_IS_REGULAR));
  if (lesson->program != NULL)
    {
      g_autofree char *program = mpd_lesson_dup_program_path (lesson, lesson->program);

      g_assert_true (g_file_test (program, G_FILE_TEST_IS_EXECUTABLE));
    }
  g_assert_nonnull (lesson->title);
  g_assert_nonnull (lesson->explanation);
  g_assert_nonnull (lesson->seed);
  g_assert_nonnull (lesson->c_files[0]);
  g_assert_cmpuint (lesson->chapter, <, MPD_N_CHAPTERS);
}

/* Its C and its Python print the same lines, on stdout and on stderr, and both end with
 * status 0. */
static void
test_same_output (gconstpointer data)
{
  const MpdLesson *lesson = data;
  g_autofree char *reason = NULL;
  g_autofree char *c_output = NULL, *python_output = NULL, *c_err = NULL, *python_err = NULL;
  g_autofree char *c_lines = NULL, *python_lines = NULL;
  g_autofree char *c_err_lines = NULL, *python_err_lines = NULL;
  int c_status, python_status;

  if (!mpd_lesson_check_python (lesson, &reason))
    {
      g_test_skip (reason);
      return;
    }

  c_output = run_in_console (lesson->id, FALSE, &c_err, &c_status);
  python_output = run_in_console (lesson->id, TRUE, &python_err, &python_status);
  g_assert_cmpint (c_status, ==, 0);
  g_assert_cmpint (python_status, ==, 0);
  g_assert_cmpstr (c_output, !=, "");

  c_lines = normalize_output (c_output, lesson->racy_lines);
  python_lines = normalize_output (python_output, lesson->racy_lines);
  g_assert_cmpstr (c_lines, ==, python_lines);
  c_err_lines = normalize_output (c_err, lesson->racy_lines);
  python_err_lines = normalize_output (python_err, lesson->racy_lines);
  g_assert_cmpstr (c_err_lines, ==, python_err_lines);
}

/* spawn: five workers, named "process 0" to "process 4" with their numbers as arguments; one
 * parent pid for all five, and five pids, all different, in C and in Python. */
static void
test_spawn_pids (gconstpointer data)
{
  gboolean python = GPOINTER_TO_INT (data);
  g_autoptr(GRegex) pids = g_regex_new ("^parent pid:(\\d+)  pid:(\\d+)$", G_REGEX_MULTILINE,
                                        0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *output = NULL;
  int status;

  if (python && !mpd_lesson_check_python (mpd_lesson_find ("spawn"), NULL))
    {
      g_test_skip ("python3 is not installed");
      return;
    }

  output = run_in_console ("spawn", python, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *line = g_strdup_printf ("name: process %d, argument : %d\n", i, i);

      g_assert_nonnull (strstr (output, line));
    }

  for (g_regex_match (pids, output, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_hash_table_add (parents, g_match_info_fetch (match, 1));
      g_hash_table_add (children, g_match_info_fetch (match, 2));
    }
  g_assert_cmpuint (g_hash_table_size (parents), ==, 1);
  g_assert_cmpuint (g_hash_table_size (children), ==, 5);
}

/* An unknown lesson: one line that names the lessons, and status 2. */
static void
test_unknown_lesson (void)
{
  const char *argv[] = { mpd_test_program ("MPDEMO_PROGRAM"), "--console", "--run", "spwan",
                         NULL };
  g_autofree char *out = NULL, *err = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, NULL));
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "mpdemo: there is no lesson “spwan”. The lessons are: spawn, "
                            "subclass, current-process, args, join, daemon, lifecycle, "
                            "isolation, logging, threads, thread-join, thread-list, "
                            "thread-daemon, pool-map, pool-many, pool-async, "
                            "process-doubler, gil, queue-basics, queue-sum, queue-api, "
                            "queue-join-deadlock, pipe-duplex, pipe-sum, pipe-unclosed, "
                            "producer-consumer.\n");
}

/* mpdemo's words and exit status, with @python3 as the python3 it finds (MPD_PYTHON). */
static int
run_with_python (const char  *python3,
                 const char  *id,
                 char       **err)
{
  const char *argv[] = { mpd_test_program ("MPDEMO_PROGRAM"), "--console", "--run", id,
                         "--python", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "MPD_PYTHON", python3, TRUE);
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, err, &wait_status, NULL));
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* Without python3, or without a module the lesson needs, --python says so in one line. */
static void
test_python_missing (void)
{
  g_autofree char *no_python = NULL, *no_module = NULL;

  g_assert_cmpint (run_with_python ("", "spawn", &no_python), ==, 1);
  g_assert_cmpstr (no_python, ==, "mpdemo: Python (python3) is not installed here.\n");

  /* A python3 that can import nothing: /bin/false fails whatever it is asked. */
  g_assert_cmpint (run_with_python ("/bin/false", "producer-consumer", &no_module), ==, 1);
  g_assert_cmpstr (no_module, ==, "mpdemo: This lesson’s Python needs the module PyQt5, which "
                                  "python3 cannot import here.\n");
}

static void
python_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The window asks python3 whether it has PyQt5 without waiting for it (issue 18: waiting
 * delayed the first message on screen). Given up, python3 is killed and reaped at once;
 * answered, it is the answer mpd_lesson_check_python() gives. Last of all: the answer stays
 * for the rest of the process. */
static void
test_python_check_async (void)
{
  const MpdLesson *lesson = mpd_lesson_find ("producer-consumer");
  g_autofree char *slow_python = g_build_filename (g_get_tmp_dir (), "mpd-slow-python-XXXXXX",
                                                   NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) given_up = NULL, answered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL, *sync_reason = NULL;
  gboolean can_run = TRUE;
  int fd = g_mkstemp (slow_python);

  /* A python3 that takes its time: 30 s. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (slow_python, "#!/bin/sh\nexec sleep 30\n", -1, NULL));
  g_assert_cmpint (g_chmod (slow_python, 0700), ==, 0);
  close (fd);
  g_setenv ("MPD_PYTHON", slow_python, TRUE);

  mpd_lesson_check_python_async (lesson, cancellable, python_checked_cb, &given_up);
  while (mpd_test_count_children () == 0)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  /* Killed and reaped by the time cancel() returns. */
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);
  g_assert_false (mpd_lesson_check_python_finish (wait_for_result (&given_up), &can_run, NULL,
                                                  &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (can_run);

  /* A python3 that imports nothing. */
  g_setenv ("MPD_PYTHON", "/bin/false", TRUE);
  mpd_lesson_check_python_async (lesson, NULL, python_checked_cb, &answered);
  g_assert_true (mpd_lesson_check_python_finish (wait_for_result (&answered), &can_run, &reason,
                                                 NULL));
  g_assert_false (can_run);
  g_assert_false (mpd_lesson_check_python (lesson, &sync_reason));
  g_assert_cmpstr (reason, ==, sync_reason);
  g_assert_cmpstr (reason, ==, "This lesson’s Python needs the module PyQt5, which python3 "
                               "cannot import here.");
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);

  g_unsetenv ("MPD_PYTHON");
  g_unlink (slow_python);
}

/* --list: every lesson, one a line, starting with its id. */
static void
test_list (void)
{
  const char *argv[] = { mpd_test_program ("MPDEMO_PROGRAM"), "--list", NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lessons;
  const MpdLesson * const *lessons = mpd_lesson_get_all (&n_lessons);
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &wait_status, NULL));
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_lessons + 1);  /* and the last newline */
  for (guint i = 0; i < n_lessons; i++)
    {
      g_autofree char *start = g_strconcat (lessons[i]->id, " ", NULL);

      g_assert_true (g_str_has_prefix (lines[i], start));
      g_assert_nonnull (strstr (lines[i], lessons[i]->title));
    }
}

/* The process table of a run of spawn: the main process, which ended with status 0, and five
 * children whose parent it is (they sleep a second, long enough to be seen). */
typedef struct
{
  MpdRunner *runner;
  gboolean   finished;
} Run;

static gboolean
run_finished (gpointer data)
{
  return ((Run *) data)->finished;
}

static void
run_finished_cb (MpdRunner *runner,
                 int        wait_status,
                 gboolean   stopped,
                 Run       *run)
{
  run->finished = TRUE;
}

/* A run of a lesson through the runner, with its output and its events. */
typedef struct
{
  Run        run;
  GString   *output;
  GArray    *events;        /* of MpdEvent */
  int        kill_first;    /* SIGKILL the worker of the first task that starts */
  int        to_kill;       /* that worker, once a task started */
  int        killed_pid;    /* that worker, once killed */
} EventRun;

static void
event_run_output_cb (MpdRunner *runner,
                     int        stream,
                     GBytes    *bytes,
                     EventRun  *run)
{
  g_string_append_len (run->output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
event_run_event_cb (MpdRunner      *runner,
                    const MpdEvent *event,
                    EventRun       *run)
{
  MpdEvent copy = *event;

  copy.label = g_strdup (event->label);
  g_array_append_val (run->events, copy);
  if (run->kill_first && run->to_kill == 0 && event->kind == MPD_EVENT_TASK_STARTED)
    run->to_kill = event->pid;
}

/* The run has ended; on the way, the worker to kill is killed, as from the drawing: once the
 * runner has seen it in /proc (it offers no signal to a process it does not know). */
static gboolean
event_run_finished (gpointer data)
{
  EventRun *run = data;

  if (run->to_kill != 0 && run->killed_pid == 0 && run->run.runner != NULL &&
      mpd_runner_signal_process (run->run.runner, run->to_kill, SIGKILL, NULL))
    run->killed_pid = run->to_kill;
  return run->run.finished;
}

static void
event_run (EventRun   *run,
           const char *id,
           gboolean    python,
           guint       deadline_s)
{
  const MpdLesson *lesson = mpd_lesson_find (id);
  g_auto(GStrv) argv = mpd_lesson_dup_argv (lesson, python, NULL);
  g_autoptr(MpdRunner) runner = mpd_runner_new ();

  run->run.runner = runner;
  run->output = g_string_new (NULL);
  run->events = g_array_new (FALSE, TRUE, sizeof (MpdEvent));
  g_array_set_clear_func (run->events, (GDestroyNotify) mpd_event_clear);
  g_signal_connect (runner, "finished", G_CALLBACK (run_finished_cb), &run->run);
  g_signal_connect (runner, "output", G_CALLBACK (event_run_output_cb), run);
  g_signal_connect (runner, "event", G_CALLBACK (event_run_event_cb), run);
  g_assert_true (mpd_runner_start (runner, (const char * const *) argv, NULL));
  mpd_test_wait_until (event_run_finished, run, deadline_s, "the lesson to end");
  /* The history keeps every event the signal gave. */
  g_assert_cmpuint (mpd_run_history_get_events (mpd_runner_get_history (runner))->len, ==,
                    run->events->len);
  run->run.runner = NULL;
}

static void
event_run_clear (EventRun *run)
{
  g_string_free (run->output, TRUE);
  g_array_unref (run->events);
}

/* pool-map's workers say when each of the ten tasks starts and ends, in C (MpDemo's pool) and
 * in Python (its Pool, through sitecustomize.py): func(0) to func(9), each started and ended
 * once, by three workers that are not the lesson's main process. */
static void
test_pool_map_events (gconstpointer data)
{
  gboolean python = GPOINTER_TO_INT (data);
  g_autoptr(GHashTable) workers = g_hash_table_new (NULL, NULL);
  EventRun run = { 0 };
  guint started[10] = { 0 }, ended[10] = { 0 };

  event_run (&run, "pool-map", python, 30);
  for (guint i = 0; i < run.events->len; i++)
    {
      const MpdEvent *event = &g_array_index (run.events, MpdEvent, i);
      int x;

      /* Python's Pool also joins its workers: waits, not tasks. */
      if (event->kind == MPD_EVENT_WAIT_BEGAN || event->kind == MPD_EVENT_WAIT_ENDED)
        continue;
      g_assert_true (g_str_has_prefix (event->label, "func("));
      x = atoi (event->label + strlen ("func("));
      g_assert_cmpint (x, >=, 0);
      g_assert_cmpint (x, <, 10);
      if (event->kind == MPD_EVENT_TASK_STARTED)
        started[x]++;
      else
        {
          g_assert_cmpint (event->kind, ==, MPD_EVENT_TASK_ENDED);
          g_assert_cmpuint (started[x], ==, 1);
          ended[x]++;
        }
      g_hash_table_add (workers, GINT_TO_POINTER (event->pid));
    }
  for (int x = 0; x < 10; x++)
    {
      g_assert_cmpuint (started[x], ==, 1);
      g_assert_cmpuint (ended[x], ==, 1);
    }
  g_assert_cmpuint (g_hash_table_size (workers), ==, 3);
  event_run_clear (&run);
}

/* A pool worker killed in the middle of map(): the C pool fails the map at once, saying which
 * task was lost on which worker, and the run ends instead of hanging. */
static void
test_pool_map_worker_killed (void)
{
  EventRun run = { .kill_first = TRUE };
  g_autofree char *expected = NULL;
  gboolean lost = FALSE;

  event_run (&run, "pool-map", FALSE, 30);
  g_assert_cmpint (run.killed_pid, >, 0);
  expected = g_strdup_printf ("was lost: its worker, pid %d, was killed by SIGKILL (signal 9) "
                              "in the middle of it", run.killed_pid);
  g_assert_nonnull (strstr (run.output->str, expected));
  for (guint i = 0; i < run.events->len; i++)
    {
      const MpdEvent *event = &g_array_index (run.events, MpdEvent, i);

      lost |= event->kind == MPD_EVENT_TASK_LOST && event->pid == run.killed_pid;
    }
  g_assert_true (lost);
  g_assert_true (mpd_test_pid_is_gone (run.killed_pid));
  event_run_clear (&run);
}

/* gil measures six cases in one run, C then Python, and tells each figure to the page: the work
 * once, N times in N threads, N times in N processes, twice. */
static void
test_gil_results (void)
{
  EventRun run = { 0 };
  int n = MAX (g_get_num_processors (), 2);
  const int times[6] = { 1, n, n, 1, n, n };
  const char *languages[6] = { "C, ", "C, ", "C, ", "Python, ", "Python, ", "Python, " };
  g_autofree char *reason = NULL;
  guint n_results = 0;

  if (!mpd_lesson_check_python (mpd_lesson_find ("gil"), &reason))
    {
      g_test_skip (reason);
      return;
    }
  event_run (&run, "gil", FALSE, 120);
  for (guint i = 0; i < run.events->len; i++)
    {
      const MpdEvent *event = &g_array_index (run.events, MpdEvent, i);

      if (event->kind != MPD_EVENT_RESULT)
        continue;
      g_assert_cmpuint (n_results, <, 6);
      g_assert_true (g_str_has_prefix (event->label, languages[n_results]));
      g_assert_cmpint (event->number, ==, times[n_results]);
      g_assert_cmpint (event->value, >, 0);
      n_results++;
    }
  g_assert_cmpuint (n_results, ==, 6);
  g_assert_nonnull (strstr (run.output->str, "python3 "));
  event_run_clear (&run);
}

static void
test_process_table (void)
{
  const MpdLesson *spawn = mpd_lesson_find ("spawn");
  g_autoptr(MpdRunner) runner = mpd_runner_new ();
  g_auto(GStrv) argv = mpd_lesson_dup_argv (spawn, FALSE, NULL);
  Run run = { runner, FALSE };
  GListModel *processes = mpd_runner_get_processes (runner);
  int main_pid, status;
  guint n_children = 0;

  g_signal_connect (runner, "finished", G_CALLBACK (run_finished_cb), &run);
  g_assert_true (mpd_runner_start (runner, (const char * const *) argv, NULL));
  mpd_test_wait_until (run_finished, &run, DEADLINE_S,
                       "spawn to end");

  main_pid = mpd_runner_get_pid (runner);
  g_assert_cmpint (main_pid, >, 0);
  g_assert_true (mpd_runner_get_wait_status (runner, &status));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (processes, i);
      g_autofree char *exitcode = mpd_process_dup_exitcode (process);

      g_assert_true (mpd_process_get_ended (process));
      if (mpd_process_get_pid (process) == main_pid)
        {
          g_assert_cmpstr (exitcode, ==, "0");
          continue;
        }
      /* Under AddressSanitizer, each process also clones a tracer for its leak check as it
       * exits, with its name and as its child: the main process's tracer is a child of the
       * main process too, but not one of the lesson's workers, which are named "process N". */
      if (mpd_process_get_parent_pid (process) != main_pid ||
          !g_str_has_prefix (mpd_process_get_name (process), "process "))
        continue;
      n_children++;
    }
  g_assert_cmpuint (n_children, ==, 5);
}

/* The pids that tests/runaway-lesson said, in its output. */
static gboolean
parse_runaway_pids (const char *output,
                    int         pids[4])
{
  static const char * const names[] = { "main", "daemon", "child", "stopped" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("pid %s ", names[i]);
      const char *at = strstr (output, prefix);

      if (at == NULL || strchr (at, '\n') == NULL)
        return FALSE;
      pids[i] = atoi (at + strlen (prefix));
    }
  return TRUE;
}

typedef struct
{
  GString *output;
  int      pids[4];
} Runaway;

static gboolean
runaway_started (gpointer data)
{
  Runaway *runaway = data;

  return parse_runaway_pids (runaway->output->str, runaway->pids);
}

static gboolean
runaway_gone (gpointer data)
{
  Runaway *runaway = data;

  for (guint i = 0; i < 4; i++)
    if (!mpd_test_pid_is_gone (runaway->pids[i]))
      return FALSE;
  return TRUE;
}

static void
runaway_output_cb (MpdRunner *runner,
                   int        stream,
                   GBytes    *bytes,
                   Runaway   *runaway)
{
  g_string_append_len (runaway->output, g_bytes_get_data (bytes, NULL),
                       (gssize) g_bytes_get_size (bytes));
}

/* Stop ends the daemon, the processes that ignore SIGTERM and the stopped one, and reaps
 * them all; the lesson's first process is reported killed. */
static void
test_stop_leaves_nothing (void)
{
  const char *argv[] = { mpd_test_program ("MPD_RUNAWAY_LESSON"), NULL };
  g_autoptr(MpdRunner) runner = mpd_runner_new ();
  Runaway runaway = { g_string_new (NULL), { 0 } };
  Run run = { runner, FALSE };
  int status;

  g_signal_connect (runner, "output", G_CALLBACK (runaway_output_cb), &runaway);
  g_signal_connect (runner, "finished", G_CALLBACK (run_finished_cb), &run);
  g_assert_true (mpd_runner_start (runner, argv, NULL));
  mpd_test_wait_until (runaway_started, &runaway, DEADLINE_S,
                       "the runaway lesson to say its pids");

  /* The grandchild is really stopped (it says its pid, then raises SIGSTOP: wait for the
   * kernel to say so), and the daemon really left the lesson's session. */
  mpd_test_wait_for_stopped (runaway.pids[3], TRUE);
  g_assert_cmpint (getsid (runaway.pids[1]), !=, getsid (runaway.pids[0]));

  mpd_runner_stop (runner);
  mpd_test_wait_until (run_finished, &run, DEADLINE_S,
                       "the run to finish after Stop");
  g_assert_true (runaway_gone (&runaway));
  g_assert_true (mpd_runner_get_wait_status (runner, &status));
  g_assert_true (WIFSIGNALED (status));
  g_assert_true (mpd_runner_get_stopped (runner));
  g_assert_cmpuint (mpd_test_count_children (), ==, 0);

  g_string_free (runaway.output, TRUE);
}

static gboolean
supervisor_ended (gpointer data)
{
  MpdProcStat stat;
  int pid = GPOINTER_TO_INT (data);

  return !mpd_proc_read_stat (pid, &stat) || stat.state == 'Z';
}

/* The process that owns the runner (MpDemo) is killed with SIGKILL: it can do nothing, and
 * the kernel tells the supervisor, which ends every process of the run. */
static void
test_owner_killed_leaves_nothing (void)
{
  const char *argv[] = { mpd_test_program ("MPD_RUNNER_HOST"),
                         mpd_test_program ("MPD_RUNAWAY_LESSON"), NULL };
  g_autoptr(GSubprocess) host = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  Runaway runaway = { g_string_new (NULL), { 0 } };
  int supervisor = 0;
  gint64 killed_us, gone_us;

  host = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
  g_assert_nonnull (host);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (host));
  while (!parse_runaway_pids (runaway.output->str, runaway.pids))
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);

      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "supervisor "))
        supervisor = atoi (line + strlen ("supervisor "));
      g_string_append_printf (runaway.output, "%s\n", line);
    }
  g_assert_cmpint (supervisor, >, 0);

  g_subprocess_force_exit (host);
  g_assert_true (g_subprocess_wait (host, NULL, NULL));
  killed_us = g_get_monotonic_time ();
  mpd_test_wait_until (runaway_gone, &runaway, DEADLINE_S,
                       "every process of the run to go after its owner died");
  gone_us = g_get_monotonic_time ();
  g_test_message ("All gone %.0f ms after the owner was killed",
                  (gone_us - killed_us) / 1000.0);
  /* The supervisor itself ends too: init reaps it, or it waits for init as a zombie. */
  mpd_test_wait_until (supervisor_ended, GINT_TO_POINTER (supervisor), DEADLINE_S,
                       "the supervisor to end");

  g_string_free (runaway.output, TRUE);
}

typedef struct
{
  MpdRunner *runner;
  char      *main_text;   /* the state text of the lesson's main process, once it waits */
  char      *child_text;
} Waits;

/* Samples the run until its main process and its child both sleep for a reason the table
 * says in words. */
static gboolean
both_wait (gpointer data)
{
  Waits *waits = data;
  GListModel *processes = mpd_runner_get_processes (waits->runner);
  int main_pid = mpd_runner_get_pid (waits->runner);

  mpd_runner_sample (waits->runner);
  g_clear_pointer (&waits->main_text, g_free);
  g_clear_pointer (&waits->child_text, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (processes, i);
      g_autofree char *text = mpd_process_dup_state_text (process);

      if (mpd_process_get_ended (process) || strchr (text, ':') == NULL)
        continue;
      if (mpd_process_get_pid (process) == main_pid)
        waits->main_text = g_steal_pointer (&text);
      else if (g_str_equal (mpd_process_get_name (process), "Sub Process"))
        waits->child_text = g_steal_pointer (&text);
    }
  return waits->main_text != NULL && waits->child_text != NULL;
}

/* The process table says what a sleeping process waits for, as the kernel says (wchan): the
 * join lesson's main process waits for its child, which sleeps (issue 15, item 1). */
static void
test_process_table_waits (void)
{
  g_autoptr(MpdRunner) runner = mpd_runner_new ();
  g_auto(GStrv) argv = mpd_lesson_dup_argv (mpd_lesson_find ("join"), FALSE, NULL);
  Waits waits = { runner, NULL, NULL };
  Run run = { runner, FALSE };

  g_signal_connect (runner, "finished", G_CALLBACK (run_finished_cb), &run);
  g_assert_true (mpd_runner_start (runner, (const char * const *) argv, NULL));
  mpd_test_wait_until (both_wait, &waits, DEADLINE_S, "join's processes to wait");
  g_assert_cmpstr (waits.main_text, ==, "sleeping: waiting for a child to end (join)");
  g_assert_cmpstr (waits.child_text, ==, "sleeping: in sleep(), for a set time");

  mpd_runner_stop (runner);
  mpd_test_wait_until (run_finished, &run, DEADLINE_S, "join to be stopped");
  g_free (waits.main_text);
  g_free (waits.child_text);
}

/* Marks the test skipped, and returns TRUE, when it is the lesson @id's Python (@python) and
 * this machine cannot run it: no python3, or a module it needs. */
static gboolean
skip_without_python (const char *id,
                     gboolean    python)
{
  g_autofree char *reason = NULL;

  if (!python || mpd_lesson_check_python (mpd_lesson_find (id), &reason))
    return FALSE;
  g_test_skip (reason);
  return TRUE;
}

/* queue-sum (issue 17's "done when"): five subtotals and their total, five times the count,
 * in C and in Python; the queue told the page each value that came (+1) and went (-1): at most
 * six at once (five subtotals and "exit"), none at the end. */
static void
test_queue_sum (gconstpointer data)
{
  gboolean python = GPOINTER_TO_INT (data);
  EventRun run = { 0 };
  gint64 most = 0, size = 0;
  guint subtotals = 0;

  if (skip_without_python ("queue-sum", python))
    return;
  event_run (&run, "queue-sum", python, 60);
  for (const char *at = run.output->str; (at = strstr (at, "put its subtotal 10000000\n")) != NULL; at++)
    subtotals++;
  g_assert_cmpuint (subtotals, ==, 5);
  g_assert_nonnull (strstr (run.output->str, "total 50000000 = 5 x 10000000: True\n"));
  for (guint i = 0; i < run.events->len; i++)
    {
      const MpdEvent *event = &g_array_index (run.events, MpdEvent, i);

      if (event->kind != MPD_EVENT_QUEUE_SIZE)
        continue;
      g_assert_cmpstr (event->label, ==, "q");
      g_assert_cmpint (event->number, ==, 0);   /* no maxsize */
      g_assert_true (event->value == 1 || event->value == -1);
      size += event->value;
      most = MAX (most, size);
    }
  g_assert_cmpint (most, >=, 5);
  g_assert_cmpint (most, <=, 6);
  g_assert_cmpint (size, ==, 0);
  event_run_clear (&run);
}

/* queue-api: the producer, not the main process, waits in q.put() while the queue holds three
 * values of three, and goes on; the main process (the one that puts the tasks into the
 * joinable queue q2) may wait in q2.join() and in join() of its children. Every wait ends, and
 * both queues end empty. */
static void
test_queue_api_waits (gconstpointer data)
{
  gboolean python = GPOINTER_TO_INT (data);
  EventRun run = { 0 };
  int main_pid = 0, producer = 0;
  gint64 size = 0, tasks = 0;
  guint open_waits = 0, joined = 0;
  gboolean full_put = FALSE;

  if (skip_without_python ("queue-api", python))
    return;
  event_run (&run, "queue-api", python, 60);
  g_assert_nonnull (strstr (run.output->str, "put(99, timeout=1) raised Full after 1 s"));
  g_assert_nonnull (strstr (run.output->str, "get_nowait() raised Empty"));
  for (guint i = 0; i < run.events->len; i++)
    {
      const MpdEvent *event = &g_array_index (run.events, MpdEvent, i);

      if (event->kind == MPD_EVENT_QUEUE_SIZE && g_str_equal (event->label, "q"))
        {
          g_assert_cmpint (event->number, ==, 3);
          size += event->value;
        }
      else if (event->kind == MPD_EVENT_QUEUE_SIZE && g_str_equal (event->label, "q2"))
        {
          if (event->value > 0 && main_pid == 0)
            main_pid = event->pid;
          tasks += event->value;
        }
      else if (event->kind == MPD_EVENT_WAIT_BEGAN)
        {
          open_waits++;
          if (g_str_equal (event->label, "q.put()") && size == 3 && producer == 0)
            producer = event->pid;
          if (g_str_equal (event->label, "q2.join()"))
            g_assert_cmpint (event->pid, ==, main_pid);
          joined += g_str_has_prefix (event->label, "join(");
        }
      else if (event->kind == MPD_EVENT_WAIT_ENDED)
        {
          g_assert_cmpuint (open_waits, >, 0);
          open_waits--;
          full_put |= event->pid == producer && g_str_equal (event->label, "q.put()");
        }
    }
  g_assert_cmpint (producer, >, 0);
  g_assert_true (full_put);
  g_assert_cmpint (main_pid, >, 0);
  g_assert_cmpint (producer, !=, main_pid);
  g_assert_cmpuint (open_waits, ==, 0);
  g_assert_cmpint (size, ==, 0);
  g_assert_cmpint (tasks, ==, 0);
  g_test_message ("%u waits in join(PID)", joined);
  event_run_clear (&run);
}

typedef struct
{
  MpdRunner *runner;
  const char *id;
  gboolean    seen;   /* the stuck moment, as the kernel shows it */
  char       *what;
} Stuck;

/* queue-join-deadlock: the queue's pipe from the child to the parent is full (64 KiB), and the
 * child is still there; pipe-unclosed: a pipe goes from the main process to its child, which
 * sleeps reading it. */
static gboolean
stuck_seen (gpointer data)
{
  Stuck *stuck = data;
  MpdProcessTree *tree;
  GPtrArray *channels;
  int main_pid = mpd_runner_get_pid (stuck->runner);

  mpd_runner_sample (stuck->runner);
  tree = mpd_runner_get_process_tree (stuck->runner);
  if (tree == NULL)
    return FALSE;
  channels = mpd_process_tree_get_channels (tree);
  for (guint i = 0; i < channels->len; i++)
    {
      const MpdChannel *channel = g_ptr_array_index (channels, i);

      if (channel->kind != MPD_CHANNEL_PIPE)
        continue;
      if (g_str_equal (stuck->id, "queue-join-deadlock") && channel->capacity > 0 &&
          channel->bytes_waiting + 4096 > channel->capacity)
        {
          g_free (stuck->what);
          stuck->what = g_strdup_printf ("a pipe holds %" G_GINT64_FORMAT " bytes of %u",
                                         channel->bytes_waiting, channel->capacity);
          return TRUE;
        }
      if (g_str_equal (stuck->id, "pipe-unclosed"))
        for (guint r = 0; r < channel->readers->len; r++)
          {
            int reader = g_array_index (channel->readers, int, r);
            const MpdProcessInfo *info = mpd_process_tree_find (tree, reader);
            char wchan[64] = "";

            if (reader == main_pid || info == NULL || info->state != 'S')
              continue;
            mpd_proc_read_wchan (reader, wchan, sizeof wchan);
            for (guint w = 0; w < channel->writers->len; w++)
              if (g_array_index (channel->writers, int, w) == main_pid &&
                  strstr (wchan, "pipe_read") != NULL)
                {
                  g_free (stuck->what);
                  stuck->what = g_strdup_printf ("pid %d reads a pipe that pid %d holds open "
                                                 "for writing", reader, main_pid);
                  return TRUE;
                }
          }
    }
  return FALSE;
}

/* queue-join-deadlock and pipe-unclosed (issue 17's "done when"): each shows its hang as the
 * kernel sees it, says it is stuck, ends by itself with status 0 after doing the fix, and leaves
 * no process behind. */
static void
test_hang_ends (gconstpointer data)
{
  const char *const *args = data;
  const char *id = args[0];
  gboolean python = args[1] != NULL;
  g_autoptr(MpdRunner) runner = mpd_runner_new ();
  g_auto(GStrv) argv = NULL;
  Stuck stuck = { runner, id, FALSE, NULL };
  Run run = { runner, FALSE };
  GListModel *processes;
  int status;

  if (skip_without_python (id, python))
    return;
  argv = mpd_lesson_dup_argv (mpd_lesson_find (id), python, NULL);
  g_signal_connect (runner, "finished", G_CALLBACK (run_finished_cb), &run);
  g_assert_true (mpd_runner_start (runner, (const char * const *) argv, NULL));
  mpd_test_wait_until (stuck_seen, &stuck, DEADLINE_S, "the hang to show in /proc");
  g_test_message ("%s: %s", id, stuck.what);
  mpd_test_wait_until (run_finished, &run, DEADLINE_S, "the lesson to end by itself");
  g_assert_true (mpd_runner_get_wait_status (runner, &status));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  processes = mpd_runner_get_processes (runner);
  for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
    {
      g_autoptr(MpdProcess) process = g_list_model_get_item (processes, i);

      g_assert_true (mpd_test_pid_is_gone (mpd_process_get_pid (process)));
    }
  g_free (stuck.what);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const hangs[][2] = {
    { "queue-join-deadlock", NULL }, { "queue-join-deadlock", "python" },
    { "pipe-unclosed", NULL }, { "pipe-unclosed", "python" },
  };
  guint n_lessons;
  const MpdLesson * const *lessons = mpd_lesson_get_all (&n_lessons);

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < n_lessons; i++)
    {
      g_autofree char *files = g_strdup_printf ("/mpd/lessons/%s/files", lessons[i]->id);
      g_autofree char *same = g_strdup_printf ("/mpd/lessons/%s/same-output", lessons[i]->id);

      g_test_add_data_func (files, lessons[i], test_files);
      if (lessons[i]->same_output)
        g_test_add_data_func (same, lessons[i], test_same_output);
    }
  g_test_add_data_func ("/mpd/lessons/spawn/pids-c", GINT_TO_POINTER (FALSE), test_spawn_pids);
  g_test_add_data_func ("/mpd/lessons/spawn/pids-python", GINT_TO_POINTER (TRUE),
                        test_spawn_pids);
  g_test_add_func ("/mpd/lessons/list", test_list);
  g_test_add_func ("/mpd/lessons/unknown", test_unknown_lesson);
  g_test_add_func ("/mpd/lessons/python-missing", test_python_missing);
  g_test_add_data_func ("/mpd/lessons/pool-map/events-c", GINT_TO_POINTER (FALSE),
                        test_pool_map_events);
  g_test_add_data_func ("/mpd/lessons/pool-map/events-python", GINT_TO_POINTER (TRUE),
                        test_pool_map_events);
  g_test_add_func ("/mpd/lessons/pool-map/worker-killed", test_pool_map_worker_killed);
  g_test_add_func ("/mpd/lessons/gil/results", test_gil_results);
  g_test_add_data_func ("/mpd/lessons/queue-sum/total-c", GINT_TO_POINTER (FALSE), test_queue_sum);
  g_test_add_data_func ("/mpd/lessons/queue-sum/total-python", GINT_TO_POINTER (TRUE),
                        test_queue_sum);
  g_test_add_data_func ("/mpd/lessons/queue-api/waits-c", GINT_TO_POINTER (FALSE),
                        test_queue_api_waits);
  g_test_add_data_func ("/mpd/lessons/queue-api/waits-python", GINT_TO_POINTER (TRUE),
                        test_queue_api_waits);
  for (guint i = 0; i < G_N_ELEMENTS (hangs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/mpd/lessons/%s/hang-ends-%s", hangs[i][0],
                                               hangs[i][1] != NULL ? "python" : "c");

      g_test_add_data_func (path, hangs[i], test_hang_ends);
    }
  g_test_add_func ("/mpd/runner/process-table", test_process_table);
  g_test_add_func ("/mpd/runner/process-table-waits", test_process_table_waits);
  g_test_add_func ("/mpd/runner/stop-leaves-nothing", test_stop_leaves_nothing);
  g_test_add_func ("/mpd/runner/owner-killed-leaves-nothing", test_owner_killed_leaves_nothing);

  /* Last: its answer stays for the rest of the process. */
  g_test_add_func ("/mpd/lessons/python-check-async", test_python_check_async);

  return g_test_run ();
}
