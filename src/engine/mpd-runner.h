/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-runner.h: runs a lesson program under mpdemo-supervisor, streams its output, knows its
 * processes, and stops it leaving nothing behind. */

#pragma once

#include <gio/gio.h>

#include "mpd-process-tree.h"
#include "mpd-run-history.h"

G_BEGIN_DECLS

/* Which stream a piece of output came from. */
typedef enum
{
  MPD_RUNNER_STDOUT = 1,
  MPD_RUNNER_STDERR = 2,
} MpdRunnerStream;

#define MPD_TYPE_RUNNER (mpd_runner_get_type ())

G_DECLARE_FINAL_TYPE (MpdRunner, mpd_runner, MPD, RUNNER, GObject)

MpdRunner  *mpd_runner_new             (void);
gboolean    mpd_runner_start           (MpdRunner           *self,
                                        const char * const  *argv,
                                        GError             **error);
void        mpd_runner_stop            (MpdRunner           *self);
gboolean    mpd_runner_get_running     (MpdRunner           *self);
int         mpd_runner_get_pid         (MpdRunner           *self);
int         mpd_runner_get_supervisor_pid (MpdRunner        *self);
gboolean    mpd_runner_get_wait_status (MpdRunner           *self,
                                        int                 *wait_status);
gboolean    mpd_runner_get_stopped     (MpdRunner           *self);
GListModel *mpd_runner_get_processes   (MpdRunner           *self);
void        mpd_runner_sample          (MpdRunner           *self);
MpdProcessTree *mpd_runner_get_process_tree (MpdRunner      *self);
MpdRunHistory  *mpd_runner_get_history      (MpdRunner      *self);
gboolean    mpd_runner_signal_process  (MpdRunner           *self,
                                        int                  pid,
                                        int                  signal_number,
                                        GError             **error);

G_END_DECLS
