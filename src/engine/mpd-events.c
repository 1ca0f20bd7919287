/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-events.c: the event channel from a lesson's processes to its page.
 *
 * A lesson's output says what happened in words, for the student. Its page needs to know some
 * of it as facts: which task ran on which worker, from when to when, or the figure a lesson
 * measured. A lesson writes those facts on a channel of their own: a pipe that MpDemo's runner
 * opens for the run and hands to the lesson as an fd (its number in MPDEMO_EVENTS_FD). Each
 * event is one frame in the format of the producer's messages (docs/protocol.md): a length,
 * then a GVariant. One write() per frame of at most PIPE_BUF bytes, so every process of the
 * lesson (a pool's workers and the parent) shares the one pipe, and no two events ever mix.
 * Outside MpDemo nothing is written: the lesson runs in a terminal as any program does.
 */

#define G_LOG_DOMAIN "mpd-events"

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mpd-events.h"
#include "mpd-message.h"

void
mpd_event_clear (MpdEvent *self)
{
  g_clear_pointer (&self->label, g_free);
}

/* The fd of the channel, or -1 outside MpDemo. */
static int
mpd_events_get_fd (void)
{
  static gsize fd_plus_one = 0;

  if (g_once_init_enter (&fd_plus_one))
    {
      const char *value = g_getenv (MPD_EVENTS_FD_VARIABLE);
      gint64 fd = -1;

      if (value == NULL || !g_ascii_string_to_signed (value, 10, 3, INT_MAX, &fd, NULL))
        fd = -1;
      g_once_init_leave (&fd_plus_one, (gsize) (fd + 2));
    }
  return (int) fd_plus_one - 2;
}

/**
 * mpd_events_enabled:
 *
 * Returns: %TRUE when MpDemo runs this program and listens to its events
 */
gboolean
mpd_events_enabled (void)
{
  return mpd_events_get_fd () >= 0;
}

/**
 * mpd_event_encode_frame:
 * @self: an event; its label is cut to %MPD_EVENT_MAX_LABEL bytes
 * @frame: where to write the frame
 * @frame_size: the size of @frame: %MPD_FRAME_MAX_SIZE is always enough
 *
 * Returns: the size of the frame, or 0 when @frame is too small
 */
gsize
mpd_event_encode_frame (const MpdEvent *self,
                        guint8         *frame,
                        gsize           frame_size)
{
  g_autoptr(GVariant) event = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autofree char *label = NULL;
  guint32 length;

  g_return_val_if_fail (self != NULL, 0);

  label = g_utf8_make_valid (self->label != NULL ? self->label : "", -1);
  if (strlen (label) > MPD_EVENT_MAX_LABEL)
    *g_utf8_find_prev_char (label, label + MPD_EVENT_MAX_LABEL + 1) = '\0';
  event = g_variant_ref_sink (g_variant_new (MPD_EVENT_TYPE_STRING, self->time_us, self->pid,
                                             self->number, (guchar) self->kind, self->value,
                                             label));
  boxed = g_variant_ref_sink (g_variant_new_variant (event));
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (boxed);

      g_variant_unref (boxed);
      boxed = swapped;
    }
  length = g_variant_get_size (boxed);
  if (MPD_FRAME_HEADER_SIZE + length > frame_size)
    return 0;
  length = GUINT32_TO_LE (length);
  memcpy (frame, &length, MPD_FRAME_HEADER_SIZE);
  memcpy (frame + MPD_FRAME_HEADER_SIZE, g_variant_get_data (boxed), g_variant_get_size (boxed));
  return MPD_FRAME_HEADER_SIZE + g_variant_get_size (boxed);
}

/**
 * mpd_events_emit:
 * @kind: what happened
 * @pid: the process it is about, or 0 for this one
 * @number: the task's number (or the compared result's, for a result)
 * @value: a result's value, or 0
 * @label: a short text for the page, such as "func(3)"
 *
 * Tells MpDemo's page, when MpDemo runs this program, that something happened now (in this
 * process, unless @pid says which). Does nothing otherwise, and never blocks for long: the page reads all the time.
 */
void
mpd_events_emit (MpdEventKind  kind,
                 int           pid,
                 int           number,
                 gint64        value,
                 const char   *label)
{
  guint8 frame[MPD_FRAME_MAX_SIZE];
  MpdEvent event = {
    .time_us = g_get_monotonic_time (),
    .pid = pid > 0 ? pid : getpid (),
    .number = number,
    .kind = kind,
    .value = value,
    .label = (char *) label,
  };
  int fd = mpd_events_get_fd ();
  gsize size;
  ssize_t written;

  if (fd < 0)
    return;
  size = mpd_event_encode_frame (&event, frame, sizeof frame);
  do
    written = write (fd, frame, size);
  while (written < 0 && errno == EINTR);
  /* The page is gone (EPIPE) or the fd is not a pipe: the lesson goes on without its page. */
}

/**
 * mpd_event_decode_frame:
 * @self: where to put the event; mpd_event_clear() it after
 * @data: the bytes read
 * @data_len: how many
 * @frame_len: (out): the size of the frame read, when one was
 * @error: why the data is not an event
 *
 * Returns: %TRUE when a whole event was read; %FALSE with @error not set when @data holds only
 *   the start of a frame, and with @error set when it is not an event
 */
gboolean
mpd_event_decode_frame (MpdEvent      *self,
                        const guint8  *data,
                        gsize          data_len,
                        gsize         *frame_len,
                        GError       **error)
{
  g_autoptr(GVariant) event = NULL;
  const char *label;
  guchar kind;
  guint32 length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (frame_len != NULL, FALSE);

  if (data_len < MPD_FRAME_HEADER_SIZE)
    return FALSE;
  memcpy (&length, data, MPD_FRAME_HEADER_SIZE);
  length = GUINT32_FROM_LE (length);
  if (length == 0 || length > MPD_FRAME_MAX_PAYLOAD)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   ngettext ("An event says it is %u byte long, but an event must be 1 to %u bytes long.",
                             "An event says it is %u bytes long, but an event must be 1 to %u bytes long.",
                             length),
                   length, (guint) MPD_FRAME_MAX_PAYLOAD);
      return FALSE;
    }
  if (data_len < MPD_FRAME_HEADER_SIZE + length)
    return FALSE;

  event = mpd_frame_dup_payload (data + MPD_FRAME_HEADER_SIZE, length);
  if (event == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("An event is not a GVariant in normal form."));
      return FALSE;
    }
  if (!g_variant_is_of_type (event, G_VARIANT_TYPE (MPD_EVENT_TYPE_STRING)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("An event is of type “%s”, where “%s” was expected."),
                   g_variant_get_type_string (event), MPD_EVENT_TYPE_STRING);
      return FALSE;
    }
  g_variant_get (event, "(xiiyx&s)", &self->time_us, &self->pid, &self->number, &kind,
                 &self->value, &label);
  self->kind = kind;
  self->label = g_strdup (label);
  *frame_len = MPD_FRAME_HEADER_SIZE + length;
  return TRUE;
}
