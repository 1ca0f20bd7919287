/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-run-history.h: every sample of a run, kept to play it back and to export it. */

#pragma once

#include <glib-object.h>

#include "mpd-events.h"
#include "mpd-process-tree.h"

G_BEGIN_DECLS

/* The tree as one sample saw it. */
typedef struct
{
  gint64          time_us;  /* CLOCK_MONOTONIC */
  MpdProcessTree *tree;     /* a snapshot: mpd_process_tree_snapshot() */
} MpdRunFrame;

/* Something that happened at one moment: a line of output, a signal sent. */
typedef struct
{
  gint64  time_us;
  int     pid;              /* the process it is about, or 0 when it is not known */
  char   *text;
} MpdRunMark;

#define MPD_TYPE_RUN_HISTORY (mpd_run_history_get_type ())

G_DECLARE_FINAL_TYPE (MpdRunHistory, mpd_run_history, MPD, RUN_HISTORY, GObject)

MpdRunHistory     *mpd_run_history_new            (void);
void               mpd_run_history_add_sample     (MpdRunHistory  *self,
                                                   MpdProcessTree *tree,
                                                   gint64          time_us);
void               mpd_run_history_add_mark       (MpdRunHistory  *self,
                                                   int             pid,
                                                   const char     *text,
                                                   gint64          time_us);
void               mpd_run_history_add_event      (MpdRunHistory  *self,
                                                   const MpdEvent *event);
GArray            *mpd_run_history_get_events     (MpdRunHistory  *self);
void               mpd_run_history_set_start      (MpdRunHistory  *self,
                                                   gint64          time_us);
void               mpd_run_history_finish         (MpdRunHistory  *self,
                                                   gint64          time_us);
guint              mpd_run_history_get_n_frames   (MpdRunHistory  *self);
const MpdRunFrame *mpd_run_history_get_frame      (MpdRunHistory  *self,
                                                   guint           index);
int                mpd_run_history_find_frame     (MpdRunHistory  *self,
                                                   gint64          time_us);
GArray            *mpd_run_history_get_marks      (MpdRunHistory  *self);
gint64             mpd_run_history_get_start_time (MpdRunHistory  *self);
gint64             mpd_run_history_get_end_time   (MpdRunHistory  *self);
gint64             mpd_run_history_get_first_seen (MpdRunHistory  *self,
                                                   int             pid,
                                                   guint64         start_time);
char              *mpd_run_history_to_trace_json  (MpdRunHistory  *self);

G_END_DECLS
