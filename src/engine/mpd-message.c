/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-message.c: turns a message into a frame of bytes for the pipe, and back. */

/*
 * A pipe carries bytes, not messages. To send a message through it, the producer turns it
 * into bytes ("serializes" it) and the consumer turns the bytes back into a message. Python's
 * multiprocessing.Queue does this with pickle; here GVariant does it, because its format is
 * documented, has no code in it, and can be checked before it is trusted.
 *
 * Because the pipe is a stream, the reader must also know where one message ends and the next
 * begins: each payload is preceded by its length. See mpd-message.h for the exact format.
 */

#define G_LOG_DOMAIN "mpd-message"

#include "config.h"

#define _GNU_SOURCE /* memrchr() */

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "mpd-message.h"

G_STATIC_ASSERT (MPD_FRAME_MAX_SIZE <= PIPE_BUF);

/*
 * Every message has the same payload, byte for byte in GVariant's normal form (little-endian):
 *
 *   offset  0  t  sequence            8 bytes
 *   offset  8  i  pid                 4 bytes
 *   offset 12     padding, all zero   4 bytes (the next x is aligned to 8)
 *   offset 16  x  wall time           8 bytes
 *   offset 24  x  monotonic time      8 bytes
 *   offset 32     0, then "(tixx)"    7 bytes: how a "v" says what type it holds
 *
 * So the hot path writes and reads these 39 bytes directly, with no allocation, and only
 * anything else goes through GVariant, which checks it and explains what is wrong.
 * test-message checks that GVariant writes exactly these bytes.
 */
#define PAYLOAD_SIZE (MPD_MESSAGE_FRAME_SIZE - MPD_FRAME_HEADER_SIZE)
G_STATIC_ASSERT (PAYLOAD_SIZE == 39);  /* the errors of mpd_message_explain_mistake() say so */
static const guint8 payload_tail[7] = { 0, '(', 't', 'i', 'x', 'x', ')' };
/* The length before every such payload: 39, little-endian. */
static const guint8 our_length[MPD_FRAME_HEADER_SIZE] = { PAYLOAD_SIZE, 0, 0, 0 };

static inline void
put_le64 (guint8  *where,
          guint64  value)
{
  value = GUINT64_TO_LE (value);
  memcpy (where, &value, sizeof value);
}

static inline guint64
get_le64 (const guint8 *where)
{
  guint64 value;

  memcpy (&value, where, sizeof value);
  return GUINT64_FROM_LE (value);
}

G_DEFINE_BOXED_TYPE (MpdMessage, mpd_message, mpd_message_copy, mpd_message_free)
G_DEFINE_QUARK (mpd-message-error-quark, mpd_message_error)

MpdMessage *
mpd_message_copy (const MpdMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
mpd_message_free (MpdMessage *self)
{
  g_free (self);
}

/**
 * mpd_message_init_now:
 * @self: the message to fill in
 * @sequence: its sequence number
 *
 * Fills in @self as a message put by this process right now.
 */
void
mpd_message_init_now (MpdMessage *self,
                      guint64     sequence)
{
  g_return_if_fail (self != NULL);

  self->sequence = sequence;
  self->pid = getpid ();
  self->is_text = FALSE;
  self->wall_time_us = g_get_real_time ();
  self->monotonic_time_us = g_get_monotonic_time ();
  self->text[0] = '\0';
}

/* Reads a time as Python prints a datetime, str() or isoformat(): "2026-12-02 13:40:01",
 * with ".123456" or not, in local time. Returns FALSE for anything else. */
static gboolean
parse_python_time (const char *line,
                   gint64     *wall_time_us)
{
  g_autoptr(GDateTime) date_time = NULL;
  int year, month, day, hour, minute, second, end = 0, fraction_end = 0;
  unsigned int microseconds = 0;
  char separator;

  if (sscanf (line, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &year, &month, &day, &separator,
              &hour, &minute, &second, &end) != 7 ||
      end != 19 || (separator != ' ' && separator != 'T'))
    return FALSE;
  if (line[end] == '.')
    {
      if (sscanf (line + end, ".%6u%n", &microseconds, &fraction_end) != 1 || fraction_end != 7)
        return FALSE;
      end += fraction_end;
    }
  while (g_ascii_isspace (line[end]))
    end++;
  if (line[end] != '\0')
    return FALSE;

  date_time = g_date_time_new_local (year, month, day, hour, minute, second);
  if (date_time == NULL)
    return FALSE;

  *wall_time_us = g_date_time_to_unix (date_time) * G_USEC_PER_SEC + microseconds;
  return TRUE;
}

/**
 * mpd_message_init_from_line:
 * @self: the message to fill in
 * @line: one line that a producer printed, without its newline; untrusted
 * @line_len: its length in bytes
 * @sequence: its number: the line's, in its stream
 *
 * Fills in @self as the message that a line of text is. The text is kept (made valid UTF-8,
 * and cut at a character to fit). When the line is a time as Python prints a datetime (the
 * seed's producer prints `str(datetime.now())`), that is when the message was put, and its
 * latency can be known; for any other line, its wall time is when the line was read, and its
 * monotonic time 0: its latency is not known. The pid is not in
 * the line: it stays 0 for whoever knows which process wrote it.
 */
void
mpd_message_init_from_line (MpdMessage *self,
                            const char *line,
                            gsize       line_len,
                            guint64     sequence)
{
  g_autofree char *valid = NULL;
  gint64 now_wall_us = g_get_real_time ();
  gint64 now_monotonic_us = g_get_monotonic_time ();
  gint64 put_wall_us;
  gsize cut;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line != NULL || line_len == 0);

  if (line_len > 0 && line[line_len - 1] == '\r')
    line_len--;
  valid = g_utf8_make_valid (line != NULL ? line : "", line_len);

  self->sequence = sequence;
  self->pid = 0;
  self->is_text = TRUE;

  /* A long line is cut at the start of a character, never inside one, and ends in "…". */
  cut = strlen (valid);
  if (cut < sizeof self->text)
    memcpy (self->text, valid, cut + 1);
  else
    {
      static const char ellipsis[] = "…";
      const char *end = g_utf8_find_prev_char (valid, valid + sizeof self->text - strlen (ellipsis));

      cut = end != NULL ? (gsize) (end - valid) : 0;
      memcpy (self->text, valid, cut);
      memcpy (self->text + cut, ellipsis, sizeof ellipsis);
    }

  if (parse_python_time (valid, &put_wall_us) && put_wall_us <= now_wall_us)
    {
      self->wall_time_us = put_wall_us;
      self->monotonic_time_us = now_monotonic_us - (now_wall_us - put_wall_us);
    }
  else
    {
      self->wall_time_us = now_wall_us;
      self->monotonic_time_us = 0; /* when it was put is not known: no latency */
    }
}

/**
 * mpd_message_to_variant:
 * @self: a message
 *
 * Returns: (transfer floating): @self as a GVariant of type `(tixx)`
 */
GVariant *
mpd_message_to_variant (const MpdMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_variant_new ("(tixx)",
                        self->sequence,
                        self->pid,
                        self->wall_time_us,
                        self->monotonic_time_us);
}

/**
 * mpd_message_init_from_variant:
 * @self: the message to fill in
 * @variant: a GVariant that should be of type `(tixx)`
 * @error: where to put the reason when it is not
 *
 * Returns: %TRUE when @self was filled in from @variant
 */
gboolean
mpd_message_init_from_variant (MpdMessage  *self,
                               GVariant    *variant,
                               GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (variant != NULL, FALSE);

  if (!g_variant_is_of_type (variant, MPD_MESSAGE_TYPE))
    {
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                   _("The message has the type “%s”, but a message must have the type “%s”."),
                   g_variant_get_type_string (variant), MPD_MESSAGE_TYPE_STRING);
      return FALSE;
    }

  g_variant_get (variant, "(tixx)",
                 &self->sequence,
                 &self->pid,
                 &self->wall_time_us,
                 &self->monotonic_time_us);
  self->is_text = FALSE;
  self->text[0] = '\0';
  return TRUE;
}

/* Writes @self's frame, MPD_MESSAGE_FRAME_SIZE bytes, at @frame. */
static inline void
encode_our_frame (const MpdMessage *self,
                  guint8           *frame)
{
  guint8 *payload = frame + MPD_FRAME_HEADER_SIZE;
  guint32 pid_le = GUINT32_TO_LE ((guint32) self->pid);

  memcpy (frame, our_length, sizeof our_length);
  put_le64 (payload, self->sequence);
  memcpy (payload + 8, &pid_le, sizeof pid_le);
  memset (payload + 12, 0, 4);
  put_le64 (payload + 16, (guint64) self->wall_time_us);
  put_le64 (payload + 24, (guint64) self->monotonic_time_us);
  memcpy (payload + 32, payload_tail, sizeof payload_tail);
}

/**
 * mpd_message_encode_frame:
 * @self: a message
 * @frame: where to write the frame
 * @frame_size: the size of @frame: %MPD_FRAME_MAX_SIZE is always enough
 *
 * Returns: the number of bytes written to @frame
 */
gsize
mpd_message_encode_frame (const MpdMessage *self,
                          guint8           *frame,
                          gsize             frame_size)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (frame != NULL, 0);
  g_return_val_if_fail (frame_size >= MPD_MESSAGE_FRAME_SIZE, 0);

  encode_our_frame (self, frame);
  return MPD_MESSAGE_FRAME_SIZE;
}

/**
 * mpd_message_encode_frames:
 * @messages: (array length=n_messages): messages
 * @n_messages: how many
 * @buffer: where to write their frames, one after the other
 * @buffer_size: the size of @buffer
 * @n_encoded: (out): how many of @messages fitted in @buffer, from the first
 *
 * Like mpd_message_encode_frame() for each message, for as many as fit: one call for the
 * 95 frames of one write(2) under a flood.
 *
 * Returns: the number of bytes written to @buffer
 */
gsize
mpd_message_encode_frames (const MpdMessage *messages,
                           gsize             n_messages,
                           guint8           *buffer,
                           gsize             buffer_size,
                           gsize            *n_encoded)
{
  gsize n;

  g_return_val_if_fail (messages != NULL || n_messages == 0, 0);
  g_return_val_if_fail (buffer != NULL, 0);
  g_return_val_if_fail (n_encoded != NULL, 0);

  n = MIN (n_messages, buffer_size / MPD_MESSAGE_FRAME_SIZE);
  for (gsize i = 0; i < n; i++)
    encode_our_frame (&messages[i], buffer + i * MPD_MESSAGE_FRAME_SIZE);

  *n_encoded = n;
  return n * MPD_MESSAGE_FRAME_SIZE;
}

/* The mistakes a student's producer makes most, each said as what was expected and what
 * came, instead of GVariant's "not a valid GVariant". Returns FALSE when @payload is none of
 * them. */
static gboolean
mpd_message_explain_mistake (const guint8  *payload,
                             guint32        length,
                             GError       **error)
{
  static const guint8 zero_padding[4] = { 0 };

  if (length == PAYLOAD_SIZE - 4)
    {
      /* (The payload's 39 bytes are the protocol's: docs/protocol.md.) */
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                   ngettext ("A message’s payload is 39 bytes; this one is %u byte: is the "
                             "4-byte padding after the pid missing?",
                             "A message’s payload is 39 bytes; this one is %u bytes: is the "
                             "4-byte padding after the pid missing?",
                             length),
                   length);
      return TRUE;
    }
  if (length == PAYLOAD_SIZE - sizeof payload_tail)
    {
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                   ngettext ("A message’s payload is 39 bytes; this one is %u byte, the size "
                             "of the tuple (tixx) alone: is the variant that wraps it missing "
                             "(a zero byte, then the type “(tixx)”, after the tuple)?",
                             "A message’s payload is 39 bytes; this one is %u bytes, the size "
                             "of the tuple (tixx) alone: is the variant that wraps it missing "
                             "(a zero byte, then the type “(tixx)”, after the tuple)?",
                             length),
                   length);
      return TRUE;
    }
  if (length == PAYLOAD_SIZE + MPD_FRAME_HEADER_SIZE)
    {
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                   ngettext ("A message says it is %u byte long, but its payload is %u bytes: "
                             "does the length count its own 4 bytes too? It counts only what "
                             "follows it.",
                             "A message says it is %u bytes long, but its payload is %u bytes: "
                             "does the length count its own 4 bytes too? It counts only what "
                             "follows it.",
                             length),
                   length, (guint) PAYLOAD_SIZE);
      return TRUE;
    }
  if (length == PAYLOAD_SIZE && memcmp (payload + 32, payload_tail, sizeof payload_tail) == 0 &&
      memcmp (payload + 12, zero_padding, sizeof zero_padding) != 0)
    {
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                   _("The 4 bytes of padding after the pid (bytes 12 to 15 of the payload) "
                     "must be zero; these are %02x %02x %02x %02x."),
                   payload[12], payload[13], payload[14], payload[15]);
      return TRUE;
    }

  return FALSE;
}

/**
 * mpd_message_bytes_are_text:
 * @bytes: the first bytes of something read from a pipe
 * @len: how many
 *
 * Whether @bytes may be the start of text that a program printed: letters, digits, spaces,
 * punctuation, line ends, tabs, or bytes that UTF-8 uses (Korean, say); no zero byte and no
 * other control character. A frame's length is at most 4,092, so its bytes 2 and 3 are zero:
 * three bytes that are text cannot start a frame.
 */
gboolean
mpd_message_bytes_are_text (const guint8 *bytes,
                            gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 byte = bytes[i];

      if (byte == '\n' || byte == '\t' || byte == '\r' || g_ascii_isprint (byte))
        continue;
      /* 0xc0, 0xc1 and 0xf5 to 0xff are never in UTF-8. */
      if (byte >= 0x80 && byte != 0xc0 && byte != 0xc1 && byte < 0xf5)
        continue;
      return FALSE;
    }
  return TRUE;
}

/* The size of an element of @type when it is an array of a fixed-size number ("ay", "ai",
 * "ad"...), whose every byte pattern is a valid number; else 0. */
static gsize
number_array_element_size (const char *type,
                           gsize       type_len)
{
  if (type_len != 2 || type[0] != 'a')
    return 0;
  switch (type[1])
    {
    case 'y': return 1;
    case 'n': case 'q': return 2;
    case 'i': case 'u': return 4;
    case 'x': case 't': case 'd': return 8;
    default: return 0;
    }
}

/* Whether @data, a "v" GVariant, holds an array of numbers (an "ay", say) that is in normal
 * form: it is as soon as its size is a whole number of elements. GLib 2.74 checks such an
 * array number by number, about 300 instructions a byte for an "ay": 1 MiB took 20 ms, the
 * most of a value's time in MpDemo's queue (mpd-shared-queue.c). FALSE for other values. */
static gboolean
is_normal_number_array (const guint8 *data,
                        gsize         size)
{
  const guint8 *separator = size > 0 ? memrchr (data, '\0', size) : NULL;
  gsize element_size;

  if (separator == NULL)
    return FALSE;
  element_size = number_array_element_size ((const char *) separator + 1,
                                            data + size - separator - 1);
  return element_size != 0 && (gsize) (separator - data) % element_size == 0;
}

/**
 * mpd_frame_dup_payload:
 * @payload: the payload of a frame: a GVariant of type "v", little-endian
 * @length: its size
 *
 * Reads the payload of a frame, a message's or a lesson's event (mpd-events.c) alike, or a
 * value that a queue put together from its frames (mpd-shared-queue.c).
 *
 * Returns: (transfer full) (nullable): the value inside the variant, or %NULL when the payload
 *   is not a GVariant in normal form
 */
GVariant *
mpd_frame_dup_payload (const guint8 *payload,
                       gsize         length)
{
  gboolean numbers = is_normal_number_array (payload, length);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) boxed = NULL;

  /* GVariant reads 8-byte numbers, so the payload must sit at an 8-byte boundary: a copy made
   * by g_malloc() does. The value returned points into this copy and keeps it alive, so the
   * copy must be on the heap, not on the stack of this function. An array of numbers known to
   * be in normal form is given as trusted, so that GLib does not check it again. */
  bytes = g_bytes_new (payload, length);
  boxed = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARIANT, bytes, numbers));
#if G_BYTE_ORDER == G_BIG_ENDIAN
  {
    GVariant *swapped = g_variant_byteswap (boxed);
    g_variant_unref (boxed);
    boxed = swapped;
  }
#endif

  /* A serialized GVariant that is not in normal form was not written by a correct writer:
   * GVariant would read it anyway, with made-up default values, so refuse it instead. */
  if (!numbers && !g_variant_is_normal_form (boxed))
    return NULL;
  return g_variant_get_variant (boxed);
}

/* The hot path of decoding: whether the MPD_MESSAGE_FRAME_SIZE bytes at @frame are exactly
 * what every correct writer sends (see the top of this file); if so, @self gets the message.
 * Anything else goes the long way, through GVariant, which says what is wrong. */
static inline gboolean
decode_our_frame (MpdMessage   *self,
                  const guint8 *frame)
{
  static const guint8 zero_padding[4] = { 0 };
  const guint8 *bytes = frame + MPD_FRAME_HEADER_SIZE;
  guint32 pid_le;

  if (memcmp (frame, our_length, sizeof our_length) != 0 ||
      memcmp (bytes + 12, zero_padding, sizeof zero_padding) != 0 ||
      memcmp (bytes + 32, payload_tail, sizeof payload_tail) != 0)
    return FALSE;

  self->sequence = get_le64 (bytes);
  memcpy (&pid_le, bytes + 8, sizeof pid_le);
  self->pid = (gint32) GUINT32_FROM_LE (pid_le);
  self->is_text = FALSE;
  self->wall_time_us = (gint64) get_le64 (bytes + 16);
  self->monotonic_time_us = (gint64) get_le64 (bytes + 24);
  self->text[0] = '\0';
  return TRUE;
}

/**
 * mpd_message_decode_frame:
 * @self: the message to fill in
 * @data: bytes read from the pipe, starting at the beginning of a frame
 * @data_len: how many bytes @data holds
 * @frame_len: (out): the size of the decoded frame, on %MPD_FRAME_COMPLETE
 * @error: where to put the reason, on %MPD_FRAME_INVALID
 *
 * Decodes the first frame in @data. @data is untrusted: anything it holds gives either a
 * message or an error, never a crash.
 */
MpdFrameStatus
mpd_message_decode_frame (MpdMessage    *self,
                          const guint8  *data,
                          gsize          data_len,
                          gsize         *frame_len,
                          GError       **error)
{
  g_autoptr(GVariant) message = NULL;
  guint32 length;

  g_return_val_if_fail (self != NULL, MPD_FRAME_INVALID);
  g_return_val_if_fail (data != NULL || data_len == 0, MPD_FRAME_INVALID);
  g_return_val_if_fail (frame_len != NULL, MPD_FRAME_INVALID);

  if (data_len < MPD_FRAME_HEADER_SIZE)
    return MPD_FRAME_INCOMPLETE;

  memcpy (&length, data, MPD_FRAME_HEADER_SIZE);
  length = GUINT32_FROM_LE (length);

  if (length > MPD_FRAME_MAX_PAYLOAD && mpd_message_bytes_are_text (data, MPD_FRAME_HEADER_SIZE))
    {
      /* What the producer printed, up to a line of it, for the student to recognize. */
      g_autofree char *bytes = g_strndup ((const char *) data, MIN (data_len, 24));
      g_autofree char *text = NULL;

      bytes[strcspn (bytes, "\r\n")] = '\0';
      text = g_utf8_make_valid (bytes, -1);
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_LENGTH,
                   _("The pipe holds text (“%s…”) where a message was expected: did the "
                     "producer print()? A message starts with its length, in 4 bytes."),
                   text);
      return MPD_FRAME_INVALID;
    }

  if (length == 0 || length > MPD_FRAME_MAX_PAYLOAD)
    {
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_LENGTH,
                   ngettext ("A message says it is %u byte long, but a message must be 1 to %u bytes long.",
                             "A message says it is %u bytes long, but a message must be 1 to %u bytes long.",
                             length),
                   length, (guint) MPD_FRAME_MAX_PAYLOAD);
      return MPD_FRAME_INVALID;
    }

  if (data_len - MPD_FRAME_HEADER_SIZE < length)
    return MPD_FRAME_INCOMPLETE;

  /* The hot path: the exact bytes every correct writer sends (see the top of this file). */
  if (length == PAYLOAD_SIZE && decode_our_frame (self, data))
    {
      *frame_len = MPD_MESSAGE_FRAME_SIZE;
      return MPD_FRAME_COMPLETE;
    }

  /* Anything else: a mistake that a student makes often, or else let GVariant check it, and
   * say what is wrong. */
  if (mpd_message_explain_mistake (data + MPD_FRAME_HEADER_SIZE, length, error))
    return MPD_FRAME_INVALID;
  message = mpd_frame_dup_payload (data + MPD_FRAME_HEADER_SIZE, length);
  if (message == NULL)
    {
      g_set_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                   ngettext ("A message of %u byte is not a valid GVariant.",
                             "A message of %u bytes is not a valid GVariant.", length),
                   length);
      return MPD_FRAME_INVALID;
    }

  if (!mpd_message_init_from_variant (self, message, error))
    return MPD_FRAME_INVALID;

  *frame_len = MPD_FRAME_HEADER_SIZE + length;
  return MPD_FRAME_COMPLETE;
}

/**
 * mpd_message_decode_frames:
 * @messages: (out caller-allocates) (array length=max_messages): the messages to fill in
 * @max_messages: how many @messages can hold
 * @data: bytes read from the pipe, starting at the beginning of a frame
 * @data_len: how many bytes @data holds
 * @n_messages: (out): how many messages were decoded, from the start of @messages
 * @used: (out): how many bytes of @data they took
 * @error: where to put the reason, on %MPD_FRAME_INVALID
 *
 * Decodes the frames at the start of @data, one after the other, as
 * mpd_message_decode_frame() does each, until @messages is full, @data ends, or a frame is
 * bad. A flood brings thousands of frames with each read(2): one call for all of them keeps
 * the reader's work per message to a few loads and compares.
 *
 * Returns: %MPD_FRAME_COMPLETE when @max_messages were decoded, %MPD_FRAME_INCOMPLETE when
 *   @data ended (after a part of a frame, or none), %MPD_FRAME_INVALID when the frame after
 *   the @n_messages good ones is bad
 */
MpdFrameStatus
mpd_message_decode_frames (MpdMessage    *messages,
                           gsize          max_messages,
                           const guint8  *data,
                           gsize          data_len,
                           gsize         *n_messages,
                           gsize         *used,
                           GError       **error)
{
  MpdFrameStatus status = MPD_FRAME_COMPLETE;
  gsize n = 0;
  gsize at = 0;

  g_return_val_if_fail (messages != NULL || max_messages == 0, MPD_FRAME_INVALID);
  g_return_val_if_fail (data != NULL || data_len == 0, MPD_FRAME_INVALID);
  g_return_val_if_fail (n_messages != NULL && used != NULL, MPD_FRAME_INVALID);

  while (n < max_messages)
    {
      gsize frame_len;

      if (data_len - at >= MPD_MESSAGE_FRAME_SIZE && decode_our_frame (&messages[n], data + at))
        frame_len = MPD_MESSAGE_FRAME_SIZE;
      else if ((status = mpd_message_decode_frame (&messages[n], data + at, data_len - at,
                                                   &frame_len, error)) != MPD_FRAME_COMPLETE)
        break;

      at += frame_len;
      n++;
    }

  *n_messages = n;
  *used = at;
  return status;
}

/**
 * mpd_message_format_wall_time:
 * @self: a message
 *
 * Formats the moment @self was put, in local time, exactly as Python's `str(datetime)`
 * does: `2026-11-21 22:07:13.123456`, and without the fraction when it is zero
 * (`2026-11-21 22:07:13`).
 *
 * Returns: (transfer full): the formatted time
 */
char *
mpd_message_format_wall_time (const MpdMessage *self)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *text = NULL;
  gint64 seconds;
  gint64 microseconds;

  g_return_val_if_fail (self != NULL, NULL);

  /* Round towards minus infinity, so times before 1970 format as Python does. */
  seconds = self->wall_time_us / G_USEC_PER_SEC;
  microseconds = self->wall_time_us % G_USEC_PER_SEC;
  if (microseconds < 0)
    {
      seconds -= 1;
      microseconds += G_USEC_PER_SEC;
    }

  date_time = g_date_time_new_from_unix_local (seconds);
  if (date_time == NULL)
    return g_strdup ("?");

  text = g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d",
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time),
                          g_date_time_get_hour (date_time),
                          g_date_time_get_minute (date_time),
                          g_date_time_get_second (date_time));
  if (microseconds == 0)
    return g_steal_pointer (&text);

  return g_strdup_printf ("%s.%06d", text, (int) microseconds);
}

/**
 * mpd_message_format:
 * @self: a message
 *
 * Says @self as the seed's status bar shows it: a line of text as it was printed, a frame as
 * the time it was put (mpd_message_format_wall_time()).
 *
 * Returns: (transfer full): the text
 */
char *
mpd_message_format (const MpdMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->is_text)
    return g_strdup (self->text);

  return mpd_message_format_wall_time (self);
}
