/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-supervisor.h: how MpDemo starts mpdemo-supervisor, and reads what it reports. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fd where the lesson finds the write end of its event channel (see mpd-events.h): the
 * supervisor hands it on to the lesson, and keeps no copy. */
#define MPD_SUPERVISOR_EVENTS_FD 4

/* One line of the supervisor's report on fd 3 (see mpdemo-supervisor.c). */
typedef enum
{
  MPD_SUPERVISOR_STARTED,   /* "started PID": the program runs */
  MPD_SUPERVISOR_FAILED,    /* "failed PID ERRNO": the program could not be run */
  MPD_SUPERVISOR_ENDED,     /* "ended PID WAIT_STATUS": a process of the run was reaped */
} MpdSupervisorEvent;

void     mpd_supervisor_add_command (GStrvBuilder       *argv,
                                     guint               grace_ms);
gboolean mpd_supervisor_parse       (const char         *line,
                                     MpdSupervisorEvent *event,
                                     int                *pid,
                                     int                *value);

G_END_DECLS
