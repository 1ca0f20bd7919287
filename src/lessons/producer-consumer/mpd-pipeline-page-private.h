/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-page-private.h: what the page's two files share (mpd-pipeline-page.c shows the
 * run, mpd-pipeline-page-actions.c controls it). */

#pragma once

#include "mpd-explanations.h"
#include "mpd-log-view.h"
#include "mpd-output-view.h"
#include "mpd-runner.h"
#include "mpd-pipeline-page.h"
#include "mpd-status-bar.h"

G_BEGIN_DECLS

/* How often the figures change (faster cannot be read), how long the page keeps looking at the
 * processes after a control was used (their states come from /proc, with no event to wait
 * for). */
#define FIGURES_US        (250 * 1000)
#define STAY_AWAKE_US     (500 * 1000)
/* The least time the live line's news of the pipe (full, room again) stays in view. */
#define LIVE_MIN_US       (3 * G_USEC_PER_SEC)

/* How many rows of the message log get their new text in one frame (see
 * mpd_message_log_refresh()). */
#define LOG_ROWS_PER_FRAME 20

struct _MpdPipelinePage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *scrolled_window;
  GtkStack           *view_stack;
  MpdPipelineDiagram *diagram;
  MpdExplanations    *explanations;
  GtkButton          *restart_button;
  GtkWidget          *flood_button;
  GtkLabel           *interval_label;
  GtkSpinButton      *interval_spin;
  GtkLabel           *n_producers_label;
  GtkSpinButton      *slow_spin;
  GtkEntry           *command_entry;
  MpdStatsView       *stats_view;
  MpdPlot            *plot;
  MpdLogView         *log_view;
  GtkWidget          *stderr_heading;
  MpdOutputView      *stderr_view;
  MpdCodeView        *code_view;

  /* The seed's own Python (its PyQt window), run beside MpDemo's C */
  GtkLabel           *seed_label;
  GtkLabel           *python_reason;
  GtkButton          *python_button;

  /* Owned */
  MpdPipeline        *pipeline;
  MpdRunner          *python_runner;
  GSimpleActionGroup *actions;        /* pipeline.*: see mpd-pipeline-page-actions.c */
  GSettings          *settings;       /* NULL without the installed schema */
  MpdStats           *stats;
  MpdMessageLog      *log;
  char               *stream_error;   /* why the last run's stream ended badly, or NULL */
  int                 stderr_pid;     /* whose stderr the console showed last */

  guint               tick_id;
  gint64              ticked_us;      /* when the page last looked at everything */
  guint               clock_id;
  guint               step_id;
  gint64              awake_until_us;
  gint64              figures_us;
  gint64              log_flushed_us;
  guint               slow_shown_ms;  /* what the diagram says the main loop takes */
  int                 exit_status;    /* how the last producer whose end was news ended */
  guint               unrequested_exit : 1;
  guint               paused : 1;
  gint64              live_changed_us; /* when the live line last changed, or 0 */
  guint               pipe_was_full : 1;

  /* The controls (mpd-pipeline-page-actions.c) */
  MpdStatusBar       *status_bar;     /* borrowed from the window */
  guint64             max_messages;   /* close the window after this many, or 0 */
  MpdMessage          newest;         /* the newest message, for the status bar */
  guint               slow_consumer_ms;  /* the chosen time, used while slow_consumer */
  guint               interval_before_flood;
  GCancellable       *python_check;     /* while python3 is asked whether it has PyQt5 */
  guint               python_check_id;  /* the timeout that asks it, if nothing was on screen */
  guint               slow_consumer : 1;
  guint               closing : 1;
  guint               stopping : 1;
  guint               start_after_stop : 1;
  guint               producer_ended : 1;  /* the status bar says how, keep it there */
  guint               first_shown : 1;     /* a timestamp has been on screen */
  guint               newest_pending : 1;  /* newest came since the last frame */
  guint               python_checked : 1;  /* whether the seed's Python can run is known */
  guint               shown : 1;           /* the lesson shown: it may use the status bar */
};

/* How long the slow consumer takes for each batch, unless the user chooses another time. */
#define SLOW_CONSUMER_MS     100
#define SLOW_CONSUMER_MAX_MS 1000

/* The interval field's range: Faster and Slower stay within it. */
#define INTERVAL_MIN_MS 1
#define INTERVAL_MAX_MS 5000

void mpd_pipeline_page_init_actions   (MpdPipelinePage *self);
void mpd_pipeline_page_update_actions (MpdPipelinePage *self);
void mpd_pipeline_page_check_python   (MpdPipelinePage *self);
void mpd_pipeline_page_show_newest    (MpdPipelinePage *self);
void mpd_pipeline_page_explain_failed_start (MpdPipelinePage *self,
                                             const char      *reason);
void mpd_pipeline_page_explain_one_paused   (MpdPipelinePage *self,
                                             int              pid,
                                             gboolean         paused);

G_END_DECLS


