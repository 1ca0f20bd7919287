/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-producer.c: starts, watches and stops one producer child process. */

/*
 * The producer is a separate program, mpdemo-producer (see mpdemo-producer.c), so it is a
 * real process of its own, with its own pid and memory. We start it with GSubprocess, which
 * does fork() and exec() in one go. A process with threads (and a GUI process always has
 * some) must never fork() without exec(): the child would inherit locks held by threads that
 * no longer exist in it. Python's multiprocessing does exactly that by default on Linux.
 *
 * It runs under mpdemo-supervisor, as every lesson does (see mpdemo-supervisor.c): whatever
 * the producer starts (a student's `sh -c 'sleep 300 & exec my-producer'`) stays in its tree,
 * and nothing of it outlives a stop, or us, even when we are killed with SIGKILL. The
 * supervisor tells us the producer's pid as it starts, and how it ended.
 *
 * The producer's stdout is the write end of the queue's pipe, so it simply writes its frames
 * to stdout; GLib closes every other fd of ours in the child. Its stderr is a pipe of its own,
 * read here as the main loop finds something in it, so that what it says there (a Python
 * traceback, say) appears in the window (#MpdProducer::stderr) and not only in a terminal.
 * When the producer has ended, so has every process that could write to that pipe: what is
 * left in it is read at once, and said before #MpdProducer::exited, as a terminal would show
 * a traceback before the shell's next prompt.
 *
 * A child that has ended must be waited for ("reaped"), or it stays behind as a zombie. The
 * supervisor reaps the producer and all it started; g_subprocess_wait_async() reaps the
 * supervisor. Stopping asks the supervisor, which sends SIGTERM to every process of the
 * producer and, after a short grace period, SIGKILL, which cannot be ignored. Pause and Kill
 * go to the producer's process group: the producer, and what it started beside it.
 */

#define G_LOG_DOMAIN "mpd-producer"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "mpd-libexec.h"
#include "mpd-proc.h"
#include "mpd-producer.h"
#include "mpd-supervisor.h"

/* How long a producer may take to exit after SIGTERM before it gets SIGKILL. */
#define STOP_GRACE_MS 200

struct _MpdProducer
{
  GObject       parent_instance;

  /* Owned */
  char        **argv;
  guint         own_program : 1;  /* argv is mpdemo-producer: give it our options */
  GSubprocess  *subprocess;       /* mpdemo-supervisor, which runs the producer */
  GCancellable *cancellable;
  int           stderr_fd;        /* the read end of the producer's stderr, or -1 */
  guint         stderr_source_id;
  int           report_fd;        /* the supervisor's report (see mpdemo-supervisor.c) */
  int           pidfd;            /* the producer itself, or -1: tells when it has ended */
  guint         kill_source_id;

  guint         interval_ms;
  int           pid;
  int           wait_status;
  guint         running : 1;
  guint         exited : 1;
  guint         no_pidfds : 1;
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
  STDERR,
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
 *   "killed by SIGKILL (signal 9)"
 */
char *
mpd_producer_describe_exit (int wait_status)
{
  if (WIFEXITED (wait_status))
    return g_strdup_printf (_("exited with status %d"), WEXITSTATUS (wait_status));

  if (WIFSIGNALED (wait_status))
    /* Translators: "killed by SIGKILL (signal 9)": the signal's name, then its number. */
    return g_strdup_printf (_("killed by %s (signal %d)"),
                            mpd_proc_signal_name (WTERMSIG (wait_status)), WTERMSIG (wait_status));

  return g_strdup_printf (_("ended with wait status %d"), wait_status);
}

/**
 * mpd_producer_explain_exit:
 * @wait_status: a status from waitpid(), as g_subprocess_get_status() gives it
 *
 * Returns: (transfer full): a sentence for the user, such as "The producer process has
 *   ended: killed by SIGKILL (signal 9)."
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

/* How much of the producer's stderr is read at a time. */
#define STDERR_CHUNK_SIZE 4096

static void
mpd_producer_close_stderr (MpdProducer *self)
{
  g_clear_handle_id (&self->stderr_source_id, g_source_remove);
  if (self->stderr_fd >= 0)
    close (self->stderr_fd);
  self->stderr_fd = -1;
}

/* Reads one piece of the producer's stderr and says it. Returns FALSE at its end, or when
 * nothing more is there for now. */
static gboolean
mpd_producer_read_stderr (MpdProducer *self)
{
  guint8 buffer[STDERR_CHUNK_SIZE];
  g_autoptr(GBytes) bytes = NULL;
  gssize n;

  do
    n = read (self->stderr_fd, buffer, sizeof buffer);
  while (n < 0 && errno == EINTR);

  if (n < 0 && errno == EAGAIN)
    return FALSE;
  if (n <= 0)
    {
      /* The end: every process that held the pipe (the producer and all it started) is gone. */
      mpd_producer_close_stderr (self);
      return FALSE;
    }

  bytes = g_bytes_new (buffer, n);
  g_signal_emit (self, signals[STDERR], 0, bytes);
  return self->stderr_fd >= 0;
}

static gboolean
mpd_producer_stderr_cb (int          fd,
                        GIOCondition condition,
                        gpointer     user_data)
{
  MpdProducer *self = g_object_ref (MPD_PRODUCER (user_data));
  guint source_id = self->stderr_source_id;
  gboolean still_open;

  /* This source removes itself by what it returns: nobody else may remove it meanwhile. */
  self->stderr_source_id = 0;
  mpd_producer_read_stderr (self);
  still_open = self->stderr_fd == fd;
  if (still_open)
    self->stderr_source_id = source_id;
  g_object_unref (self);

  return still_open ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static int mpd_producer_read_status (MpdProducer *self,
                                     int          supervisor_status);

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

  wait_status = mpd_producer_read_status (self, g_subprocess_get_status (subprocess));
  g_clear_handle_id (&self->kill_source_id, g_source_remove);
  g_clear_object (&self->subprocess);
  g_clear_object (&self->cancellable);

  g_object_ref (self);

  /* Every process that could write to its stderr has ended: what it wrote comes first. */
  while (self->stderr_fd >= 0 && mpd_producer_read_stderr (self))
    ;
  mpd_producer_close_stderr (self);

  self->wait_status = wait_status;
  self->exited = TRUE;
  mpd_producer_set_running (self, FALSE, 0);
  g_signal_emit (self, signals[EXITED], 0, wait_status);
  g_object_unref (self);
}

static void
mpd_producer_close_report (MpdProducer *self)
{
  if (self->report_fd >= 0)
    close (self->report_fd);
  self->report_fd = -1;
  if (self->pidfd >= 0)
    close (self->pidfd);
  self->pidfd = -1;
}

/* Sends @signal_number to the producer's process group: the producer, and what it started
 * beside it. The producer is the supervisor's child, not ours: once it has ended and been
 * reaped, its pid, and so its group's id, may belong to another process. A pidfd tells
 * whether it has ended; while it has not, its group id cannot have been given to anyone. */
static void
mpd_producer_signal_group (MpdProducer *self,
                           int          signal_number)
{
  struct pollfd poll_fd = { self->pidfd, POLLIN, 0 };

  if (self->pid <= 0)
    return;
  /* A kernel without pidfds (before Linux 5.3): the group, as long as the supervisor runs. */
  if (self->no_pidfds || (self->pidfd >= 0 && poll (&poll_fd, 1, 0) == 0))
    kill (-self->pid, signal_number);
}

/* The rest of the supervisor's report, once it has exited: how the producer ended ("ended
 * PID STATUS"). Without one (the supervisor itself was killed), its own status stands. */
static int
mpd_producer_read_status (MpdProducer *self,
                          int          supervisor_status)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  char buffer[512];
  ssize_t n;
  int status = supervisor_status;

  if (self->report_fd < 0)
    return status;

  /* The supervisor has exited: what it wrote is all there, and then the end of the pipe. */
  while ((n = read (self->report_fd, buffer, sizeof buffer)) > 0 ||
         (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (report, buffer, n);
  mpd_producer_close_report (self);

  lines = g_strsplit (report->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      MpdSupervisorEvent event;
      int pid, value;

      if (mpd_supervisor_parse (lines[i], &event, &pid, &value) &&
          event == MPD_SUPERVISOR_ENDED && pid == self->pid)
        status = value;
    }

  return status;
}

/* The supervisor's first word: the producer runs ("started PID"), or could not be run
 * ("failed PID ERRNO"). It comes a moment after the supervisor starts: wait for it, briefly. */
static int
mpd_producer_read_start (MpdProducer  *self,
                         const char   *program,
                         GError      **error)
{
  char line[128];
  size_t length = 0;
  MpdSupervisorEvent event;
  int pid = 0, exec_errno = 0;

  while (length < sizeof line - 1)
    {
      struct pollfd poll_fd = { self->report_fd, POLLIN, 0 };
      ssize_t n;

      if (poll (&poll_fd, 1, 5000) <= 0)
        break;
      n = read (self->report_fd, line + length, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || line[length] == '\n')
        break;
      length++;
    }
  line[length] = '\0';

  if (mpd_supervisor_parse (line, &event, &pid, &exec_errno) &&
      event == MPD_SUPERVISOR_STARTED)
    return pid;

  if (mpd_supervisor_parse (line, &event, &pid, &exec_errno) &&
      event == MPD_SUPERVISOR_FAILED)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (exec_errno),
                 _("Could not start the producer: Failed to execute child process “%s” (%s)"),
                 program, g_strerror (exec_errno));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not start the producer: mpdemo-supervisor did not start it"));
  return 0;
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
  g_autofree char *program = NULL;
  int report_fds[2];
  int stderr_fds[2];
  int write_fd;
  int pid;

  g_return_val_if_fail (MPD_IS_PRODUCER (self), FALSE);
  g_return_val_if_fail (MPD_IS_QUEUE (queue), FALSE);
  g_return_val_if_fail (mpd_queue_get_write_fd (queue) >= 0, FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  program = mpd_find_program (self->argv[0]);
  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not start the producer: “%s” was not found in PATH"),
                   self->argv[0]);
      return FALSE;
    }

  write_fd = fcntl (mpd_queue_get_write_fd (queue), F_DUPFD_CLOEXEC, 3);
  if (write_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not start the producer: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_unix_open_pipe (report_fds, FD_CLOEXEC, error))
    {
      close (write_fd);
      return FALSE;
    }

  if (!g_unix_open_pipe (stderr_fds, FD_CLOEXEC, error))
    {
      close (write_fd);
      close (report_fds[0]);
      close (report_fds[1]);
      return FALSE;
    }
  g_unix_set_fd_nonblocking (stderr_fds[0], TRUE, NULL);

  /* stdout is the queue's pipe, stderr a pipe to us, fd 3 the supervisor's report. The
   * launcher closes our copies of the write ends when it is freed. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_stderr_fd (launcher, stderr_fds[1]);
  g_subprocess_launcher_take_stdout_fd (launcher, write_fd);
  g_subprocess_launcher_take_fd (launcher, report_fds[1], 3);
  mpd_libexec_clean_environment (launcher);

  /* The supervisor, then the producer: mpdemo-producer gets our options; any other program
   * runs as it was given. The supervisor ends the producer when we die, or on stop, after
   * the grace period. */
  argv_builder = g_strv_builder_new ();
  mpd_supervisor_add_command (argv_builder, STOP_GRACE_MS);
  g_strv_builder_add (argv_builder, program);
  g_strv_builder_addv (argv_builder, (const char **) self->argv + 1);
  if (self->own_program)
    {
      interval_arg = g_strdup_printf ("--interval=%u", self->interval_ms);
      g_strv_builder_add (argv_builder, interval_arg);
    }
  argv = g_strv_builder_end (argv_builder);

  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &local_error);
  g_clear_object (&launcher);
  if (subprocess == NULL)
    {
      close (report_fds[0]);
      close (stderr_fds[0]);
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not start the producer: %s"), local_error->message);
      return FALSE;
    }

  self->report_fd = report_fds[0];
  mpd_producer_close_stderr (self);
  self->stderr_fd = stderr_fds[0];
  pid = mpd_producer_read_start (self, self->argv[0], error);
  if (pid == 0)
    {
      /* Nothing runs but the supervisor, which is ending: reap it. */
      g_subprocess_wait (subprocess, NULL, NULL);
      mpd_producer_close_report (self);
      mpd_producer_close_stderr (self);
      return FALSE;
    }

  self->pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
  self->no_pidfds = self->pidfd < 0 && errno == ENOSYS;

  self->subprocess = g_steal_pointer (&subprocess);

  self->stderr_source_id = g_unix_fd_add (self->stderr_fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                          mpd_producer_stderr_cb, self);

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

  /* The supervisor did not end it in time (it may be stopped itself): end it all here. */
  self->kill_source_id = 0;
  if (self->subprocess != NULL)
    {
      mpd_producer_signal_group (self, SIGKILL);
      g_subprocess_send_signal (self->subprocess, SIGCONT);
      g_subprocess_send_signal (self->subprocess, SIGTERM);
    }

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

  /* The supervisor sends SIGTERM and SIGCONT (a paused process only acts on SIGTERM once it
   * runs again) to every process of the producer, and SIGKILL after STOP_GRACE_MS. */
  g_subprocess_send_signal (self->subprocess, SIGTERM);
  g_subprocess_send_signal (self->subprocess, SIGCONT);
  self->kill_source_id = g_timeout_add_full (G_PRIORITY_HIGH, 5 * STOP_GRACE_MS,
                                             mpd_producer_kill_cb, self, NULL);
}

/**
 * mpd_producer_send_signal:
 * @self: a producer
 * @signal_number: a signal, such as SIGSTOP, SIGCONT or SIGKILL
 *
 * Sends @signal_number to the producer and to the processes it started in its process group.
 * Does nothing when it is not running: its pid may already belong to another process.
 */
void
mpd_producer_send_signal (MpdProducer *self,
                          int          signal_number)
{
  g_return_if_fail (MPD_IS_PRODUCER (self));

  /* The producer leads a process group of its own: what it started beside it is paused,
   * continued or killed with it. */
  if (self->subprocess != NULL)
    mpd_producer_signal_group (self, signal_number);
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
      mpd_producer_signal_group (self, SIGKILL);
      g_subprocess_send_signal (self->subprocess, SIGCONT);
      g_subprocess_send_signal (self->subprocess, SIGTERM);
      g_subprocess_wait (self->subprocess, NULL, NULL);
      g_clear_object (&self->subprocess);
    }
  g_clear_object (&self->cancellable);
  mpd_producer_close_stderr (self);
  mpd_producer_close_report (self);

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

  /**
   * MpdProducer::stderr:
   * @self: the producer
   * @bytes: what the producer, or a process it started, wrote to its stderr, as it came
   *
   * Emitted for each piece of the producer's stderr, which may end in the middle of a line,
   * until the producer has ended: its last pieces come before #MpdProducer::exited.
   */
  signals[STDERR] =
    g_signal_new ("stderr",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);
}

static void
mpd_producer_init (MpdProducer *self)
{
  self->report_fd = -1;
  self->stderr_fd = -1;
  self->pidfd = -1;
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
