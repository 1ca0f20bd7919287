/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-events.h: what a lesson tells its page ("task 3 started on worker 1234"), and how. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The event channel (docs/events.md says the same, with a Python writer):
 *
 * When MpDemo runs a lesson, the lesson's processes find a pipe's write end at the fd named by
 * the environment variable MPDEMO_EVENTS_FD. Outside MpDemo the variable is not set, and a
 * lesson writes no event. Each event is one frame, as docs/protocol.md says: a 4-byte
 * little-endian length, then a GVariant of type "v" whose child is an event of type
 * "(xiiyxs)":
 *
 *   x  CLOCK_MONOTONIC time of the event, in µs
 *   i  the process it is about (a pool's worker: the process that runs the task)
 *   i  a number: the task's number, for a result the number of the result it is
 *      compared with, for a queue's size its maxsize
 *   y  the kind: 'S' a task started, 'E' it ended, 'L' it was lost (its worker died),
 *      'R' a result, as a row of the page's table,
 *      'W' the process began to wait in a call (the label: "q.put()"), 'G' it goes on,
 *      'Q' a queue's size changed (the label: its name; the value: the change, +1 for a put,
 *      -1 for a get; the number: its maxsize, or 0)
 *   x  a value: for a result, a time in µs; for a queue's size, its change; otherwise 0
 *   s  a label: "func(3)", "Python, 2 threads"
 *
 * A frame is at most PIPE_BUF bytes and written with one write(), so that every process of a
 * lesson can share the pipe: their events never mix.
 */

#define MPD_EVENTS_FD_VARIABLE "MPDEMO_EVENTS_FD"
#define MPD_EVENT_TYPE_STRING  "(xiiyxs)"
#define MPD_EVENT_MAX_LABEL    200

typedef enum
{
  MPD_EVENT_TASK_STARTED = 'S',
  MPD_EVENT_TASK_ENDED   = 'E',
  MPD_EVENT_TASK_LOST    = 'L',
  MPD_EVENT_RESULT       = 'R',
  MPD_EVENT_WAIT_BEGAN   = 'W',
  MPD_EVENT_WAIT_ENDED   = 'G',
  MPD_EVENT_QUEUE_SIZE   = 'Q',
} MpdEventKind;

typedef struct
{
  gint64        time_us;
  int           pid;
  int           number;
  MpdEventKind  kind;
  gint64        value;
  char         *label;
} MpdEvent;

void       mpd_event_clear        (MpdEvent     *self);
gboolean   mpd_events_enabled     (void);
void       mpd_events_emit        (MpdEventKind  kind,
                                   int           pid,
                                   int           number,
                                   gint64        value,
                                   const char   *label);
gsize      mpd_event_encode_frame (const MpdEvent *self,
                                   guint8       *frame,
                                   gsize         frame_size);
gboolean   mpd_event_decode_frame (MpdEvent     *self,
                                   const guint8 *data,
                                   gsize         data_len,
                                   gsize        *frame_len,
                                   GError      **error);

G_END_DECLS
