/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-run-trace.h: a run's processes over time, written in the Trace Event Format. */

#pragma once

#include <glib-object.h>

#include "mpd-process-tree.h"

G_BEGIN_DECLS

#define MPD_TYPE_RUN_TRACE (mpd_run_trace_get_type ())

G_DECLARE_FINAL_TYPE (MpdRunTrace, mpd_run_trace, MPD, RUN_TRACE, GObject)

MpdRunTrace *mpd_run_trace_new         (void);
void         mpd_run_trace_set_origin  (MpdRunTrace    *self,
                                        gint64          time_us);
void         mpd_run_trace_add_sample  (MpdRunTrace    *self,
                                        MpdProcessTree *tree,
                                        gint64          time_us);
void         mpd_run_trace_add_mark    (MpdRunTrace    *self,
                                        int             pid,
                                        const char     *text,
                                        gint64          time_us);
void         mpd_run_trace_finish      (MpdRunTrace    *self,
                                        gint64          time_us);
char        *mpd_run_trace_to_json     (MpdRunTrace    *self);

G_END_DECLS
