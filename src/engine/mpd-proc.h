/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-proc.h: what the kernel says about a process, read from /proc. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One line of /proc/PID/stat, the fields a lesson shows. */
typedef struct
{
  int     pid;
  int     parent_pid;
  char    state;          /* R running, S sleeping, D disk wait, T stopped, Z zombie, ... */
  char    name[32];       /* the process's name (comm): 15 bytes at most, from the kernel */
  guint64 start_time;     /* clock ticks after boot: tells a reused pid apart */
  int     exit_code;      /* a zombie's wait status (field 52), or -1 */
  guint64 cpu_ticks;      /* user + system time (fields 14 and 15), in clock ticks */
} MpdProcStat;

gboolean    mpd_proc_read_stat        (int          pid,
                                       MpdProcStat *stat);
gboolean    mpd_proc_read_thread_stat (int          pid,
                                       int          tid,
                                       MpdProcStat *stat);
GArray     *mpd_proc_list_descendants (int          root_pid);
const char *mpd_proc_signal_name      (int          signal_number);
const char *mpd_proc_describe_state   (char         state);
void        mpd_proc_read_wchan       (int          pid,
                                       char        *wchan,
                                       gsize        size);
const char *mpd_proc_describe_wchan   (const char  *wchan);
GHashTable *mpd_proc_read_unix_peers  (GHashTable **queued);
gint64      mpd_proc_read_pipe_fill   (int          pid,
                                       int          fd,
                                       guint       *capacity);

G_END_DECLS
