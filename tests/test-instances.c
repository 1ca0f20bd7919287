/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-instances.c: a second mpdemo while one runs (issue 13, item 9): it hands over --run,
 * says which options it ignored, and does not hang on a first one that is stopped; and the
 * window's exit status after SIGTERM is the console's, 128 + 15. Real mpdemo processes, on a
 * session bus of their own (see meson.build). */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <gio/gio.h>

#include "mpd-test-utils.h"

#define APP_ID_ON_BUS "org.example.MpDemo"

typedef struct
{
  int   exit_status;
  char *err;
} Second;

static void
second_clear (Second *second)
{
  g_clear_pointer (&second->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Second, second_clear)

/* What starts an mpdemo, its stdout dropped, with no accessibility bus: the bus would start
 * the AT-SPI registry, which says hello on the stdout it inherits, the test's TAP stream. */
static GSubprocessLauncher *
launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                             flags);

  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  /* This test is about two instances and an exit status, not about warnings (the other UI
   * tests are): under AddressSanitizer, GtkSourceView may give up highlighting a line that
   * took it too long, with a critical that G_DEBUG=fatal-warnings would make an abort. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly", TRUE);
  return launcher;
}

/* Runs a second mpdemo with @args (NULL-terminated), to its end. */
static void
run_second (Second     *second,
            const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocessLauncher) second_launcher = launcher (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first_arg);
  argv = mpd_test_mpdemo_argv (first_arg, args);
  va_end (args);

  process = g_subprocess_launcher_spawnv (second_launcher, (const char * const *) argv->pdata,
                                         &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &second->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  second->exit_status = g_subprocess_get_exit_status (process);
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct
{
  int         root;
  const char *name;
} Descendant;

static gboolean
has_descendant (gpointer data)
{
  Descendant *descendant = data;

  return mpd_test_find_descendant (descendant->root, descendant->name) != 0;
}

static void
test_second_instance (void)
{
  g_autoptr(GSubprocessLauncher) first_launcher = launcher (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *not_answering = NULL;
  gboolean appeared = FALSE;
  Descendant spawn = { 0, "spawn" };
  int first_pid, spawn_pid;
  guint watch_id;

  /* The first mpdemo: its window opens, and it owns its name on the bus. */
  watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, APP_ID_ON_BUS, G_BUS_NAME_WATCHER_FLAGS_NONE,
                               name_appeared_cb, NULL, &appeared, NULL);
  first = g_subprocess_launcher_spawn (first_launcher, &error,
                                       mpd_test_program ("MPDEMO_PROGRAM"), NULL);
  g_assert_no_error (error);
  first_pid = atoi (g_subprocess_get_identifier (first));
  mpd_test_wait_until (is_true, &appeared, 60, "the first mpdemo to own its name on the bus");
  g_bus_unwatch_name (watch_id);

  /* Options that shape a new window cannot be handed over: it says which, and fails. */
  {
    g_auto(Second) second = { 0 };

    run_second (&second, "--interval", "50", "--count", "3", NULL);
    g_assert_cmpint (second.exit_status, ==, 1);
    g_assert_cmpstr (second.err, ==, "mpdemo: MpDemo is already running, so its window was "
                                     "brought to the front. --interval, --count apply only "
                                     "when MpDemo starts, so they were ignored: quit MpDemo "
                                     "first to use them.\n");
  }

  /* --run ID is handed over: the first one runs the lesson. */
  {
    g_auto(Second) second = { 0 };

    run_second (&second, "--run", "spawn", NULL);
    g_assert_cmpint (second.exit_status, ==, 0);
    g_assert_cmpstr (second.err, ==, "");
    spawn.root = first_pid;
    mpd_test_wait_until (has_descendant, &spawn, 60, "the first mpdemo to run spawn");
    spawn_pid = mpd_test_find_descendant (first_pid, "spawn");
  }

  /* Stopped, the first one cannot answer: the second says so, and which process it is. */
  {
    g_auto(Second) second = { 0 };

    g_assert_cmpint (kill (first_pid, SIGSTOP), ==, 0);
    run_second (&second, NULL);
    g_assert_cmpint (kill (first_pid, SIGCONT), ==, 0);
    not_answering = g_strdup_printf ("mpdemo: MpDemo is already running (process %d), but it "
                                     "does not answer: it may be stopped (Ctrl+Z, or "
                                     "SIGSTOP). Let it go on with “kill -CONT %d”, or end "
                                     "it, then start mpdemo again.\n", first_pid, first_pid);
    g_assert_cmpint (second.exit_status, ==, 1);
    g_assert_cmpstr (second.err, ==, not_answering);
  }

  /* SIGTERM: the window closes, the run with it, and the status says which signal, as
   * --console's does. */
  g_subprocess_send_signal (first, SIGTERM);
  g_assert_true (g_subprocess_wait (first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (first));
  g_assert_cmpint (g_subprocess_get_exit_status (first), ==, 128 + SIGTERM);
  g_assert_true (mpd_test_pid_is_gone (spawn_pid));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/instances/second-instance", test_second_instance);

  return g_test_run ();
}
