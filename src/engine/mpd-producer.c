/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-producer.c: starts, watches and stops one producer child process. */

/*
 * The producer is a separate program, mpdemo-producer (see mpdemo-producer.c), so it is a
 * real process of its own, with its own pid and memory. We start it with GSubprocess, which
 * does fork() and exec() in one go. A process with threads (and a GUI process always has
 * some) must never fork() without exec(): the child would inherit locks held by threads that
 * no longer exist in it. Python's multiprocessing does exactly that by default on Linux.
 *
 * The child's stdout is the write end of the queue's pipe, so the producer simply writes its
 * frames to stdout, and the child has no other fd: GLib closes every other one in the child.
 * Before the program starts, the child asks the kernel to kill it if we die.
 *
 * A child that has ended must be waited for ("reaped"), or it stays behind as a zombie.
 * g_subprocess_wait_async() does that and tells us how it ended. Stopping sends SIGTERM and,
 * if the child has not gone after a short grace period, SIGKILL, which cannot be ignored.
 */

#define G_LOG_DOMAIN "mpd-producer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "mpd-libexec.h"
#include "mpd-producer.h"

/* How long a producer may take to exit after SIGTERM before it gets SIGKILL. */
#define STOP_GRACE_MS 200

struct _MpdProducer
{
  GObject       parent_instance;

  /* Owned */
  char        **argv;
  guint         own_program : 1;  /* argv is mpdemo-producer: give it our options */
  GSubprocess  *subprocess;
  GCancellable *cancellable;
  guint         kill_source_id;

  guint         interval_ms;
  int           pid;
  int           wait_status;
  guint         running : 1;
  guint         exited : 1;
};

enum {
  PROP_0,
  PROP_ARGV,
  PROP_INTERVAL,
  PROP_PID,
  PROP_RUNNING,
  N_PROPS
};

enum {
  EXITED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MpdProducer, mpd_producer, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * mpd_producer_find_program:
 *
 * Finds the mpdemo-producer program: the one named by the environment variable
 * `MPD_PRODUCER_PROGRAM` when it is set, else the one of the producer-consumer lesson, in
 * MpDemo's libexec folder (see mpd-libexec.c).
 *
 * Returns: (transfer full): the path of the program
 */
char *
mpd_producer_find_program (void)
{
  const char *from_environment = g_getenv ("MPD_PRODUCER_PROGRAM");

  if (from_environment != NULL && from_environment[0] != '\0')
    return g_strdup (from_environment);

  return mpd_libexec_dup_path ("lessons", "producer-consumer", "mpdemo-producer", NULL);
}

/**
 * mpd_producer_describe_exit:
 * @wait_status: a status from waitpid(), as g_subprocess_get_status() gives it
 *
 * Returns: (transfer full): how the process ended, in words, such as
 *   "killed by signal 9 (Killed)"
 */
char *
mpd_producer_describe_exit (int wait_status)
{
  if (WIFEXITED (wait_status))
    return g_strdup_printf (_("exited with status %d"), WEXITSTATUS (wait_status));

  if (WIFSIGNALED (wait_status))
    return g_strdup_printf (_("killed by signal %d (%s)"),
                            WTERMSIG (wait_status), g_strsignal (WTERMSIG (wait_status)));

  return g_strdup_printf (_("ended with wait status %d"), wait_status);
}

/**
 * mpd_producer_explain_exit:
 * @wait_status: a status from waitpid(), as g_subprocess_get_status() gives it
 *
 * Returns: (transfer full): a sentence for the user, such as "The producer process has
 *   ended: killed by signal 9 (Killed)."
 */
char *
mpd_producer_explain_exit (int wait_status)
{
  g_autofree char *how = mpd_producer_describe_exit (wait_status);

  return g_strdup_printf (_("The producer process has ended: %s."), how);
}

static void
mpd_producer_set_running (MpdProducer *self,
                          gboolean     running,
                          int          pid)
{
  self->running = !!running;
  self->pid = pid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
mpd_producer_wait_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autoptr(GError) error = NULL;
  MpdProducer *self;
  int wait_status;

  /* The wait is cancelled only when the producer object is disposed: then it is gone, and
   * the child was already killed and reaped there. Touch nothing. */
  if (!g_subprocess_wait_finish (subprocess, result, &error))
    return;

  self = MPD_PRODUCER (user_data);
  g_assert (self->subprocess == subprocess);

  wait_status = g_subprocess_get_status (subprocess);
  g_clear_handle_id (&self->kill_source_id, g_source_remove);
  g_clear_object (&self->subprocess);
  g_clear_object (&self->cancellable);

  g_object_ref (self);
  self->wait_status = wait_status;
  self->exited = TRUE;
  mpd_producer_set_running (self, FALSE, 0);
  g_signal_emit (self, signals[EXITED], 0, wait_status);
  g_object_unref (self);
}

/* Runs in the child, between fork() and exec(), so only async-signal-safe calls are allowed.
 * Whatever program the producer is, the kernel kills it when we die, even when we are killed
 * with SIGKILL and could not stop it ourselves. If we died before this line, our pid is no
 * longer its parent's: leave at once. (mpdemo-producer then asks for SIGTERM instead, to end
 * more gently.) */
static void
mpd_producer_child_setup (gpointer data)
{
  pid_t parent = GPOINTER_TO_INT (data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != parent)
    _exit (0);
}

/**
 * mpd_producer_start:
 * @self: a producer that is not running
 * @queue: the queue whose write end becomes the child's stdout
 * @error: where to put the reason when the child cannot be started
 *
 * Starts the producer program as a child process. When it ends, for whatever reason,
 * #MpdProducer::exited is emitted.
 *
 * Returns: %TRUE when the child runs
 */
gboolean
mpd_producer_start (MpdProducer  *self,
                    MpdQueue     *queue,
                    GError      **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GStrvBuilder) argv_builder = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *interval_arg = NULL;
  g_autofree char *parent_arg = NULL;
  const char *identifier;
  int write_fd;
  int pid;

  g_return_val_if_fail (MPD_IS_PRODUCER (self), FALSE);
  g_return_val_if_fail (MPD_IS_QUEUE (queue), FALSE);
  g_return_val_if_fail (mpd_queue_get_write_fd (queue) >= 0, FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  write_fd = fcntl (mpd_queue_get_write_fd (queue), F_DUPFD_CLOEXEC, 3);
  if (write_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not start the producer: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* stdin is /dev/null, stderr is ours (so its messages show up in our terminal), and
   * stdout is the pipe. The launcher closes our copy of write_fd when it is freed. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_stdout_fd (launcher, write_fd);
  g_subprocess_launcher_set_child_setup (launcher, mpd_producer_child_setup,
                                         GINT_TO_POINTER (getpid ()), NULL);

  /* mpdemo-producer asks the kernel to kill it when its parent dies, and checks that its
   * parent is still the process that started it (see mpdemo-producer.c). Any other program
   * runs as it was given. */
  argv_builder = g_strv_builder_new ();
  g_strv_builder_addv (argv_builder, (const char **) self->argv);
  if (self->own_program)
    {
      interval_arg = g_strdup_printf ("--interval=%u", self->interval_ms);
      parent_arg = g_strdup_printf ("--parent-pid=%d", (int) getpid ());
      g_strv_builder_add (argv_builder, interval_arg);
      g_strv_builder_add (argv_builder, parent_arg);
    }
  argv = g_strv_builder_end (argv_builder);

  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &local_error);
  if (subprocess == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not start the producer: %s"), local_error->message);
      return FALSE;
    }

  /* Ask for the pid at once: GLib forgets it as soon as it has reaped the child, and a child
   * that ends very quickly may be gone already (then the pid is 0). */
  identifier = g_subprocess_get_identifier (subprocess);
  pid = identifier != NULL ? (int) g_ascii_strtoll (identifier, NULL, 10) : 0;

  self->subprocess = g_steal_pointer (&subprocess);
  self->cancellable = g_cancellable_new ();
  /* No reference to self: disposing cancels the wait instead (see mpd_producer_wait_cb). */
  g_subprocess_wait_async (self->subprocess, self->cancellable, mpd_producer_wait_cb, self);

  mpd_producer_set_running (self, TRUE, pid);
  return TRUE;
}

static gboolean
mpd_producer_kill_cb (gpointer data)
{
  MpdProducer *self = MPD_PRODUCER (data);

  self->kill_source_id = 0;
  if (self->subprocess != NULL)
    g_subprocess_force_exit (self->subprocess);

  return G_SOURCE_REMOVE;
}

/**
 * mpd_producer_stop:
 * @self: a producer
 *
 * Asks the child to stop with SIGTERM, and kills it with SIGKILL when it is still there
 * after a short grace period. #MpdProducer::exited tells when it is gone. Does nothing when
 * the child is not running or is being stopped already.
 */
void
mpd_producer_stop (MpdProducer *self)
{
  g_return_if_fail (MPD_IS_PRODUCER (self));

  if (self->subprocess == NULL || self->kill_source_id != 0)
    return;

  g_subprocess_send_signal (self->subprocess, SIGTERM);
  /* A paused (SIGSTOPped) process only acts on SIGTERM once it runs again. */
  g_subprocess_send_signal (self->subprocess, SIGCONT);
  self->kill_source_id = g_timeout_add_full (G_PRIORITY_HIGH, STOP_GRACE_MS,
                                             mpd_producer_kill_cb, self, NULL);
}

/**
 * mpd_producer_send_signal:
 * @self: a producer
 * @signal_number: a signal, such as SIGSTOP, SIGCONT or SIGKILL
 *
 * Sends @signal_number to the child. Does nothing when it is not running: its pid may
 * already belong to another process.
 */
void
mpd_producer_send_signal (MpdProducer *self,
                          int          signal_number)
{
  g_return_if_fail (MPD_IS_PRODUCER (self));

  if (self->subprocess != NULL)
    g_subprocess_send_signal (self->subprocess, signal_number);
}

static void
mpd_producer_dispose (GObject *object)
{
  MpdProducer *self = (MpdProducer *)object;

  g_clear_handle_id (&self->kill_source_id, g_source_remove);

  /* Nobody is left to hear how the child ends, but it must not outlive us, nor stay behind
   * as a zombie: kill it and reap it now. SIGKILL cannot be caught, so the wait is short. */
  if (self->subprocess != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_subprocess_force_exit (self->subprocess);
      g_subprocess_wait (self->subprocess, NULL, NULL);
      g_clear_object (&self->subprocess);
    }
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mpd_producer_parent_class)->dispose (object);
}

static void
mpd_producer_finalize (GObject *object)
{
  MpdProducer *self = (MpdProducer *)object;

  g_clear_pointer (&self->argv, g_strfreev);

  G_OBJECT_CLASS (mpd_producer_parent_class)->finalize (object);
}

static void
mpd_producer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpdProducer *self = MPD_PRODUCER (object);

  switch (prop_id)
    {
    case PROP_ARGV:
      g_value_set_boxed (value, self->argv);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;

    case PROP_PID:
      g_value_set_int (value, self->pid);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_producer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpdProducer *self = MPD_PRODUCER (object);

  switch (prop_id)
    {
    case PROP_ARGV:
      self->argv = g_value_dup_boxed (value);
      if (self->argv == NULL || self->argv[0] == NULL)
        {
          g_strfreev (self->argv);
          self->argv = g_new0 (char *, 2);
          self->argv[0] = mpd_producer_find_program ();
          self->own_program = TRUE;
        }
      break;

    case PROP_INTERVAL:
      self->interval_ms = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_producer_class_init (MpdProducerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mpd_producer_dispose;
  object_class->finalize = mpd_producer_finalize;
  object_class->get_property = mpd_producer_get_property;
  object_class->set_property = mpd_producer_set_property;

  /* The program to run and its arguments, such as a producer written by a student: it must
   * write frames (docs/protocol.md) to its stdout. NULL (the default) runs
   * mpd_producer_find_program(), with --interval and --parent-pid. */
  properties[PROP_ARGV] =
    g_param_spec_boxed ("argv", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The interval between two messages, in milliseconds: it takes effect at the next start.
   * 0 means no pause at all. */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       0, MPD_PRODUCER_MAX_INTERVAL_MS, MPD_PRODUCER_DEFAULT_INTERVAL_MS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PID] =
    g_param_spec_int ("pid", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MpdProducer::exited:
   * @self: the producer
   * @wait_status: how the child ended, as waitpid() says it (see mpd_producer_describe_exit())
   *
   * Emitted when the child has ended and was reaped, whether it was stopped or not.
   */
  signals[EXITED] =
    g_signal_new ("exited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
mpd_producer_init (MpdProducer *self)
{
}

/**
 * mpd_producer_new:
 * @argv: (nullable): the producer program and its arguments, or %NULL for the program
 *   that mpd_producer_find_program() finds
 * @interval_ms: the pause between two messages, in milliseconds
 *
 * Returns: (transfer full): a new producer, not started yet
 */
MpdProducer *
mpd_producer_new (const char * const *argv,
                  guint               interval_ms)
{
  return g_object_new (MPD_TYPE_PRODUCER,
                       "argv", argv,
                       "interval", interval_ms,
                       NULL);
}

gboolean
mpd_producer_get_running (MpdProducer *self)
{
  g_return_val_if_fail (MPD_IS_PRODUCER (self), FALSE);

  return self->running;
}

/**
 * mpd_producer_get_pid:
 * @self: a producer
 *
 * Returns: the child's process id, or 0 when it is not running (or ended so quickly that
 *   GLib had reaped it before it told us its pid)
 */
int
mpd_producer_get_pid (MpdProducer *self)
{
  g_return_val_if_fail (MPD_IS_PRODUCER (self), 0);

  return self->pid;
}

guint
mpd_producer_get_interval (MpdProducer *self)
{
  g_return_val_if_fail (MPD_IS_PRODUCER (self), 0);

  return self->interval_ms;
}

/**
 * mpd_producer_get_wait_status:
 * @self: a producer
 * @wait_status: (out) (optional): how it ended (see mpd_producer_describe_exit())
 *
 * Returns: %TRUE when the producer has ended and was reaped
 */
gboolean
mpd_producer_get_wait_status (MpdProducer *self,
                              int         *wait_status)
{
  g_return_val_if_fail (MPD_IS_PRODUCER (self), FALSE);

  if (wait_status != NULL)
    *wait_status = self->exited ? self->wait_status : 0;

  return self->exited;
}

/**
 * mpd_producer_get_state:
 * @self: a producer
 *
 * Asks the kernel what the producer process is doing now: /proc/PID/stat says whether it is
 * stopped (SIGSTOP), and /proc/PID/wchan names the kernel function it sleeps in, which is
 * pipe_write (anon_pipe_write on newer kernels) while it waits for room in a full pipe.
 * This reads two small files: call it a few times a second, not for every message.
 *
 * Returns: the producer's state
 */
MpdProducerState
mpd_producer_get_state (MpdProducer *self)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *after_name;

  g_return_val_if_fail (MPD_IS_PRODUCER (self), MPD_PRODUCER_STATE_NOT_STARTED);

  if (self->exited)
    return MPD_PRODUCER_STATE_EXITED;
  if (!self->running || self->pid <= 0)
    return MPD_PRODUCER_STATE_NOT_STARTED;

  /* "PID (NAME) STATE ...": the name may hold spaces and parentheses, so look after the last
   * one. */
  path = g_strdup_printf ("/proc/%d/stat", self->pid);
  if (g_file_get_contents (path, &contents, NULL, NULL) &&
      (after_name = strrchr (contents, ')')) != NULL &&
      (after_name[1] == ' ') && (after_name[2] == 'T' || after_name[2] == 't'))
    return MPD_PRODUCER_STATE_PAUSED;

  g_clear_pointer (&path, g_free);
  g_clear_pointer (&contents, g_free);
  path = g_strdup_printf ("/proc/%d/wchan", self->pid);
  if (g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, "pipe_write") != NULL)
    return MPD_PRODUCER_STATE_BLOCKED;

  return MPD_PRODUCER_STATE_RUNNING;
}
