/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-process.c: one process of a run, as the kernel last showed it, for a table. */

/*
 * A row of the run's process table: pid, parent, name, and its state in words. Once it has
 * ended, how: "exited with status 0", "killed by SIGKILL (signal 9)", and the same as Python's
 * Process.exitcode says it (0, 1, -9; None while it runs). How a process ended is known when
 * MpDemo's supervisor reaped it, or when /proc showed it as a zombie; a process whose own
 * parent reaped it between two looks ended, but only that parent learnt how.
 */

#define G_LOG_DOMAIN "mpd-process"

#include "config.h"

#include <sys/wait.h>
#include <glib/gi18n-lib.h>

#include "mpd-process.h"
#include "mpd-producer.h"

struct _MpdProcess
{
  GObject  parent_instance;

  char    *name;
  int      pid;
  int      parent_pid;
  guint64  start_time;
  int      wait_status;
  char     state;
  const char *waits;   /* what it sleeps waiting for, in words (mpd_proc_describe_wchan()) */
  guint    ended : 1;
  guint    status_known : 1;
};

enum {
  PROP_0,
  PROP_PID,
  PROP_PARENT_PID,
  PROP_NAME,
  PROP_STATE_TEXT,
  PROP_EXITCODE,
  PROP_ENDED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MpdProcess, mpd_process, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/**
 * mpd_process_dup_state_text:
 * @self: a process
 *
 * Returns: (transfer full): what it is doing in words ("sleeping"), or how it ended
 *   ("exited with status 0")
 */
char *
mpd_process_dup_state_text (MpdProcess *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), NULL);

  if (!self->ended && self->state == 'Z' && self->status_known)
    {
      g_autofree char *how = mpd_producer_describe_exit (self->wait_status);

      /* Translators: a zombie, and how it ended: "zombie: killed by SIGKILL (signal 9), not
       * yet reaped by its parent". */
      return g_strdup_printf (_("zombie: %s, not yet reaped by its parent"), how);
    }
  if (!self->ended && self->waits != NULL)
    /* Translators: a process's state, then what it waits for: "sleeping: waiting to read
     * from a pipe". */
    return g_strdup_printf (C_("process state", "%s: %s"),
                            mpd_proc_describe_state (self->state), self->waits);
  if (!self->ended)
    return g_strdup (mpd_proc_describe_state (self->state));
  if (self->status_known)
    return mpd_producer_describe_exit (self->wait_status);

  return g_strdup (_("ended (its parent reaped it)"));
}

/**
 * mpd_process_dup_exitcode:
 * @self: a process
 *
 * Returns: (transfer full): Python's Process.exitcode for it: "None" while it runs, the exit
 *   status, or minus the signal that killed it; "?" when only its parent knows
 */
char *
mpd_process_dup_exitcode (MpdProcess *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), NULL);

  if (!self->ended)
    return g_strdup ("None");
  if (!self->status_known)
    return g_strdup ("?");
  if (WIFEXITED (self->wait_status))
    return g_strdup_printf ("%d", WEXITSTATUS (self->wait_status));
  if (WIFSIGNALED (self->wait_status))
    return g_strdup_printf ("%d", -WTERMSIG (self->wait_status));

  return g_strdup ("?");
}

static void
mpd_process_finalize (GObject *object)
{
  MpdProcess *self = (MpdProcess *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (mpd_process_parent_class)->finalize (object);
}

static void
mpd_process_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MpdProcess *self = MPD_PROCESS (object);

  switch (prop_id)
    {
    case PROP_PID:
      g_value_set_int (value, self->pid);
      break;

    case PROP_PARENT_PID:
      g_value_set_int (value, self->parent_pid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_STATE_TEXT:
      g_value_take_string (value, mpd_process_dup_state_text (self));
      break;

    case PROP_EXITCODE:
      g_value_take_string (value, mpd_process_dup_exitcode (self));
      break;

    case PROP_ENDED:
      g_value_set_boolean (value, self->ended);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_process_class_init (MpdProcessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mpd_process_finalize;
  object_class->get_property = mpd_process_get_property;

  properties[PROP_PID] = g_param_spec_int ("pid", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_PARENT_PID] = g_param_spec_int ("parent-pid", NULL, NULL, 0, G_MAXINT, 0,
                                                  flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* What it does now, or how it ended, in words. */
  properties[PROP_STATE_TEXT] = g_param_spec_string ("state-text", NULL, NULL, NULL, flags);
  /* As Python's Process.exitcode says it. */
  properties[PROP_EXITCODE] = g_param_spec_string ("exitcode", NULL, NULL, NULL, flags);
  properties[PROP_ENDED] = g_param_spec_boolean ("ended", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mpd_process_init (MpdProcess *self)
{
  self->state = 'R';
}

MpdProcess *
mpd_process_new (int         pid,
                 int         parent_pid,
                 const char *name,
                 guint64     start_time)
{
  MpdProcess *self = g_object_new (MPD_TYPE_PROCESS, NULL);

  self->pid = pid;
  self->parent_pid = parent_pid;
  self->name = g_strdup (name);
  self->start_time = start_time;
  return self;
}

int
mpd_process_get_pid (MpdProcess *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), 0);
  return self->pid;
}

int
mpd_process_get_parent_pid (MpdProcess *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), 0);
  return self->parent_pid;
}

const char *
mpd_process_get_name (MpdProcess *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), NULL);
  return self->name;
}

guint64
mpd_process_get_start_time (MpdProcess *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), 0);
  return self->start_time;
}

gboolean
mpd_process_get_ended (MpdProcess *self)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), FALSE);
  return self->ended;
}

/**
 * mpd_process_get_wait_status:
 * @self: a process
 * @wait_status: (out) (optional): how it ended, as waitpid() says it
 *
 * Returns: %TRUE when it has ended and how is known
 */
gboolean
mpd_process_get_wait_status (MpdProcess *self,
                             int        *wait_status)
{
  g_return_val_if_fail (MPD_IS_PROCESS (self), FALSE);

  if (wait_status != NULL)
    *wait_status = self->status_known ? self->wait_status : 0;
  return self->ended && self->status_known;
}

/**
 * mpd_process_update:
 * @self: a process that has not ended
 * @stat: what /proc says of it now
 * @wchan: (nullable): the kernel function it sleeps in (/proc/PID/wchan), or %NULL
 *
 * Notifies only what changed, so that a table redraws only those cells.
 */
void
mpd_process_update (MpdProcess        *self,
                    const MpdProcStat *stat,
                    const char        *wchan)
{
  const char *waits;

  g_return_if_fail (MPD_IS_PROCESS (self));
  g_return_if_fail (stat != NULL && stat->pid == self->pid);

  if (self->ended)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->name, stat->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (stat->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (self->parent_pid != stat->parent_pid)
    {
      self->parent_pid = stat->parent_pid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_PID]);
    }
  /* A process that sleeps waits in a function of the kernel: say for what, when it is one of
   * those a lesson is about (a pipe, a child, a lock...). */
  waits = stat->state == 'S' || stat->state == 'D' ? mpd_proc_describe_wchan (wchan) : NULL;
  if (self->state != stat->state || self->waits != waits)
    {
      self->state = stat->state;
      self->waits = waits;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_TEXT]);
    }
  /* A zombie: it has ended, and the kernel keeps its status until its parent reaps it. */
  if (stat->state == 'Z' && stat->exit_code >= 0)
    {
      self->wait_status = stat->exit_code;
      self->status_known = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * mpd_process_set_ended:
 * @self: a process
 * @known: whether @wait_status says how it ended
 * @wait_status: how it ended, as waitpid() says it
 *
 * Once ended, a process stays so. A status learnt later (the supervisor's report after the
 * process vanished from /proc) is still taken.
 */
void
mpd_process_set_ended (MpdProcess *self,
                       gboolean    known,
                       int         wait_status)
{
  g_return_if_fail (MPD_IS_PROCESS (self));

  if (self->ended && (self->status_known || !known))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (known)
    {
      self->wait_status = wait_status;
      self->status_known = TRUE;
    }
  if (!self->ended)
    {
      self->ended = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXITCODE]);
  g_object_thaw_notify (G_OBJECT (self));
}
