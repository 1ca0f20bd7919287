/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-process-tree.h: the processes of a run as the kernel shows them, and what joins them. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One thread of a process. */
typedef struct
{
  int     tid;
  char    name[16];       /* /proc/PID/task/TID/comm: 15 bytes at most */
  char    state;          /* R, S, D, T, Z... as /proc says */
  guint64 cpu_ticks;      /* user + system time, in clock ticks (sysconf (_SC_CLK_TCK)) */
} MpdThreadInfo;

typedef enum
{
  MPD_CHANNEL_PIPE,
  MPD_CHANNEL_SOCKET,
} MpdChannelKind;

/* One end of a pipe or socket that a process holds: an fd. */
typedef struct
{
  int            fd;
  MpdChannelKind kind;
  guint64        inode;   /* the same for every end of one pipe, or of one socket */
  guint          reads : 1;
  guint          writes : 1;
} MpdChannelEnd;

/* A shared memory mapping (MAP_SHARED): the same key in two processes is the same memory. */
typedef struct
{
  char    key[48];        /* "device:inode" */
  char    name[64];       /* what /proc/PID/maps names it: /dev/zero (deleted), /memfd:…, … */
  guint64 size;           /* bytes */
} MpdSharedMapping;

/* One process, as the last sample saw it. */
typedef struct
{
  int      pid;
  int      parent_pid;
  char     name[16];
  char    *command_line;  /* its arguments, joined by spaces */
  char     state;
  char     wchan[64];     /* the kernel function it sleeps in, or "" */
  guint64  cpu_ticks;
  guint64  start_time;    /* clock ticks after boot: tells a reused pid apart */
  guint64  cpu_ns;        /* its threads' time on a CPU, in ns (schedstat), or G_MAXUINT64
                           * when the kernel does not say */
  int      exit_code;     /* a zombie's wait status, or -1 */
  GArray  *threads;       /* of MpdThreadInfo, the main thread first */
  GArray  *ends;          /* of MpdChannelEnd */
  GArray  *shared;        /* of MpdSharedMapping */
} MpdProcessInfo;

/* One pipe or socket between the processes: who can read it, who can write it. A connected
 * pair of Unix sockets (socketpair(), Python's Pipe()) is one channel, both of its ends. */
typedef struct
{
  MpdChannelKind kind;
  guint64        inode;   /* the pipe's; a socket pair's smaller one */
  GArray        *readers; /* of int: pids that hold an end open for reading */
  GArray        *writers; /* of int: pids that hold an end open for writing */
  gint64         bytes_waiting;  /* written and not yet read (both ways, for sockets), or -1 */
  guint          capacity;       /* a pipe's: how many bytes it holds at most; else 0 */
} MpdChannel;

/* A block of shared memory, and the processes that map it. */
typedef struct
{
  char    key[48];
  char    name[64];
  guint64 size;
  GArray *pids;           /* of int */
} MpdSharedBlock;

typedef enum
{
  MPD_TREE_EVENT_STARTED,         /* a process appeared */
  MPD_TREE_EVENT_ENDED,           /* a process is gone (reaped) */
  MPD_TREE_EVENT_STATE_CHANGED,   /* its state letter changed: see detail, "S>Z" */
  MPD_TREE_EVENT_THREAD_STARTED,
  MPD_TREE_EVENT_THREAD_ENDED,
  MPD_TREE_EVENT_FD_OPENED,       /* a pipe or socket end: detail is the fd */
  MPD_TREE_EVENT_FD_CLOSED,
} MpdTreeEventKind;

typedef struct
{
  MpdTreeEventKind kind;
  int              pid;
  int              tid;           /* for thread events, else 0 */
  int              fd;            /* for fd events, else -1 */
  char             old_state;     /* for a state change */
  char             new_state;
} MpdTreeEvent;

#define MPD_TYPE_PROCESS_TREE (mpd_process_tree_get_type ())

G_DECLARE_FINAL_TYPE (MpdProcessTree, mpd_process_tree, MPD, PROCESS_TREE, GObject)

MpdProcessTree       *mpd_process_tree_new               (int             root_pid);
int                   mpd_process_tree_get_root_pid      (MpdProcessTree *self);
GArray               *mpd_process_tree_sample            (MpdProcessTree *self);
MpdProcessTree       *mpd_process_tree_snapshot          (MpdProcessTree *self);
MpdProcessTree       *mpd_process_tree_copy              (MpdProcessTree *self);
GPtrArray            *mpd_process_tree_get_processes     (MpdProcessTree *self);
const MpdProcessInfo *mpd_process_tree_find              (MpdProcessTree *self,
                                                          int             pid);
GPtrArray            *mpd_process_tree_get_channels      (MpdProcessTree *self);
GPtrArray            *mpd_process_tree_get_shared_blocks (MpdProcessTree *self);

G_END_DECLS
