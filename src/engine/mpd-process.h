/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-process.h: one process of a run, as the kernel last showed it, for a table. */

#pragma once

#include <glib-object.h>

#include "mpd-proc.h"

G_BEGIN_DECLS

#define MPD_TYPE_PROCESS (mpd_process_get_type ())

G_DECLARE_FINAL_TYPE (MpdProcess, mpd_process, MPD, PROCESS, GObject)

MpdProcess *mpd_process_new             (int                pid,
                                         int                parent_pid,
                                         const char        *name,
                                         guint64            start_time);
int         mpd_process_get_pid         (MpdProcess        *self);
int         mpd_process_get_parent_pid  (MpdProcess        *self);
const char *mpd_process_get_name        (MpdProcess        *self);
guint64     mpd_process_get_start_time  (MpdProcess        *self);
gboolean    mpd_process_get_ended       (MpdProcess        *self);
gboolean    mpd_process_get_wait_status (MpdProcess        *self,
                                         int               *wait_status);
char       *mpd_process_dup_state_text  (MpdProcess        *self);
char       *mpd_process_dup_exitcode    (MpdProcess        *self);
void        mpd_process_update          (MpdProcess        *self,
                                         const MpdProcStat *stat,
                                         const char        *wchan);
void        mpd_process_set_ended       (MpdProcess        *self,
                                         gboolean           known,
                                         int                wait_status);

G_END_DECLS
