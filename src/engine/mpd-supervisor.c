/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-supervisor.c: how MpDemo starts mpdemo-supervisor, and reads what it reports. */

/*
 * The runner (a lesson) and the producer (the producer-consumer lesson) both run their
 * program under mpdemo-supervisor. Its command line and its report are written here once;
 * mpdemo-supervisor.c, the other side, says what they mean.
 */

#define G_LOG_DOMAIN "mpd-supervisor"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "mpd-libexec.h"
#include "mpd-supervisor.h"

/**
 * mpd_supervisor_add_command:
 * @argv: a command being built
 * @grace_ms: how long the processes of the run have after SIGTERM, before SIGKILL
 *
 * Adds "mpdemo-supervisor OUR_PID GRACE_MS": the program to supervise, and its arguments,
 * come after.
 */
void
mpd_supervisor_add_command (GStrvBuilder *argv,
                            guint         grace_ms)
{
  g_autofree char *supervisor = mpd_libexec_dup_path ("mpdemo-supervisor", NULL);
  g_autofree char *parent = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *grace = g_strdup_printf ("%u", grace_ms);

  g_return_if_fail (argv != NULL);

  g_strv_builder_add_many (argv, supervisor, parent, grace, NULL);
}

/**
 * mpd_supervisor_parse:
 * @line: one line of the report, without its newline
 * @event: (out): what it says
 * @pid: (out): of which process
 * @value: (out): the errno of a failure, the wait status of an end, or 0
 *
 * Returns: %TRUE when @line is one of the supervisor's lines
 */
gboolean
mpd_supervisor_parse (const char         *line,
                      MpdSupervisorEvent *event,
                      int                *pid,
                      int                *value)
{
  g_return_val_if_fail (line != NULL, FALSE);

  *value = 0;
  if (sscanf (line, "started %d", pid) == 1 && *pid > 0)
    *event = MPD_SUPERVISOR_STARTED;
  else if (sscanf (line, "failed %d %d", pid, value) == 2 && *pid > 0)
    *event = MPD_SUPERVISOR_FAILED;
  else if (sscanf (line, "ended %d %d", pid, value) == 2 && *pid > 0)
    *event = MPD_SUPERVISOR_ENDED;
  else
    return FALSE;

  return TRUE;
}
