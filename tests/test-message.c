/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-message.c: a message's frame format and its time format. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "mpd-message.h"

static const MpdMessage sample = {
  .sequence = 42,
  .pid = 4321,
  .wall_time_us = G_GINT64_CONSTANT (1795298833123456),
  .monotonic_time_us = G_GINT64_CONSTANT (987654321),
};

static void
test_frame_round_trip (void)
{
  guint8 frame[MPD_FRAME_MAX_SIZE];
  g_autoptr(GError) error = NULL;
  MpdMessage decoded = { 0 };
  gsize length;
  gsize frame_len = 0;
  guint32 header;

  length = mpd_message_encode_frame (&sample, frame, sizeof frame);
  g_assert_cmpuint (length, >, MPD_FRAME_HEADER_SIZE);
  g_assert_cmpuint (length, <=, PIPE_BUF);

  memcpy (&header, frame, sizeof header);
  g_assert_cmpuint (GUINT32_FROM_LE (header), ==, length - MPD_FRAME_HEADER_SIZE);

  g_assert_cmpint (mpd_message_decode_frame (&decoded, frame, length, &frame_len, &error),
                   ==, MPD_FRAME_COMPLETE);
  g_assert_no_error (error);
  g_assert_cmpuint (frame_len, ==, length);
  g_assert_cmpuint (decoded.sequence, ==, sample.sequence);
  g_assert_cmpint (decoded.pid, ==, sample.pid);
  g_assert_cmpint (decoded.wall_time_us, ==, sample.wall_time_us);
  g_assert_cmpint (decoded.monotonic_time_us, ==, sample.monotonic_time_us);
}

/* The documented layout (docs/protocol.md), built by hand as a producer in another language
 * would build it, must decode. */
static void
test_frame_documented_layout (void)
{
  guint8 frame[4 + 32 + 7];
  guint64 sequence = GUINT64_TO_LE (7);
  gint32 pid = GINT32_TO_LE (99);
  gint64 wall = GINT64_TO_LE (sample.wall_time_us);
  gint64 monotonic = GINT64_TO_LE (5);
  guint32 length = GUINT32_TO_LE (sizeof frame - 4);
  g_autoptr(GError) error = NULL;
  MpdMessage decoded = { 0 };
  guint8 encoded[MPD_FRAME_MAX_SIZE];
  MpdMessage same;
  gsize frame_len = 0;

  memset (frame, 0, sizeof frame);
  memcpy (frame, &length, 4);
  memcpy (frame + 4, &sequence, 8);
  memcpy (frame + 12, &pid, 4);
  /* 4 bytes of padding, then the two times */
  memcpy (frame + 20, &wall, 8);
  memcpy (frame + 28, &monotonic, 8);
  memcpy (frame + 36, "\0(tixx)", 7);

  g_assert_cmpint (mpd_message_decode_frame (&decoded, frame, sizeof frame, &frame_len, &error),
                   ==, MPD_FRAME_COMPLETE);
  g_assert_no_error (error);
  g_assert_cmpuint (decoded.sequence, ==, 7);
  g_assert_cmpint (decoded.pid, ==, 99);
  g_assert_cmpint (decoded.monotonic_time_us, ==, 5);

  /* And our encoder writes exactly that layout. */
  same = decoded;
  g_assert_cmpuint (mpd_message_encode_frame (&same, encoded, sizeof encoded), ==, sizeof frame);
  g_assert_cmpmem (encoded, sizeof frame, frame, sizeof frame);
}

static void
test_frame_incomplete (void)
{
  guint8 frame[MPD_FRAME_MAX_SIZE];
  MpdMessage decoded;
  gsize length = mpd_message_encode_frame (&sample, frame, sizeof frame);
  gsize frame_len = 0;

  for (gsize n = 0; n < length; n++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (mpd_message_decode_frame (&decoded, frame, n, &frame_len, &error),
                       ==, MPD_FRAME_INCOMPLETE);
      g_assert_no_error (error);
    }
}

static void
assert_invalid (const guint8    *data,
                gsize            data_len,
                MpdMessageError  code,
                const char      *message_part)
{
  g_autoptr(GError) error = NULL;
  MpdMessage decoded;
  gsize frame_len = 0;

  g_assert_cmpint (mpd_message_decode_frame (&decoded, data, data_len, &frame_len, &error),
                   ==, MPD_FRAME_INVALID);
  g_assert_error (error, MPD_MESSAGE_ERROR, code);
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, message_part));
}

/* The encoder writes the payload's bytes itself, for speed: they must be exactly the ones
 * GVariant writes for the same message, whatever the values. */
static void
test_frame_same_as_gvariant (void)
{
  const MpdMessage messages[] = {
    sample,
    { .sequence = 1, .pid = 1, .wall_time_us = 0, .monotonic_time_us = 0 },
    { .sequence = G_MAXUINT64, .pid = G_MAXINT32, .wall_time_us = G_MAXINT64,
      .monotonic_time_us = G_MAXINT64 },
    { .sequence = 0, .pid = G_MININT32, .wall_time_us = G_MININT64,
      .monotonic_time_us = -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(GVariant) boxed =
        g_variant_ref_sink (g_variant_new_variant (mpd_message_to_variant (&messages[i])));
      g_autoptr(GVariant) little_endian = NULL;
      g_autoptr(GError) error = NULL;
      guint8 frame[MPD_FRAME_MAX_SIZE];
      MpdMessage decoded;
      gsize frame_len = 0;
      gsize length;
      guint32 header;

      little_endian = G_BYTE_ORDER == G_LITTLE_ENDIAN ? g_variant_ref (boxed)
                                                      : g_variant_byteswap (boxed);
      length = mpd_message_encode_frame (&messages[i], frame, sizeof frame);
      memcpy (&header, frame, sizeof header);
      g_assert_cmpuint (GUINT32_FROM_LE (header), ==, g_variant_get_size (little_endian));
      g_assert_cmpmem (frame + MPD_FRAME_HEADER_SIZE, length - MPD_FRAME_HEADER_SIZE,
                       g_variant_get_data (little_endian), g_variant_get_size (little_endian));

      g_assert_cmpint (mpd_message_decode_frame (&decoded, frame, length, &frame_len, &error),
                       ==, MPD_FRAME_COMPLETE);
      g_assert_no_error (error);
      g_assert_cmpuint (decoded.sequence, ==, messages[i].sequence);
      g_assert_cmpint (decoded.pid, ==, messages[i].pid);
      g_assert_cmpint (decoded.wall_time_us, ==, messages[i].wall_time_us);
      g_assert_cmpint (decoded.monotonic_time_us, ==, messages[i].monotonic_time_us);
    }
}

/* The right size and type, but padding that is not zero: not GVariant's normal form, so not
 * something a correct writer sends. The fast path must refuse it as GVariant does. */
static void
test_frame_nonzero_padding (void)
{
  guint8 frame[MPD_FRAME_MAX_SIZE];
  gsize length = mpd_message_encode_frame (&sample, frame, sizeof frame);

  frame[MPD_FRAME_HEADER_SIZE + 13] = 1;
  assert_invalid (frame, length, MPD_MESSAGE_ERROR_BAD_PAYLOAD, "must be zero");
}

static void
test_frame_bad_length (void)
{
  guint8 zero[8] = { 0, 0, 0, 0, 1, 2, 3, 4 };
  guint8 oversized[8] = { 0xfd, 0x0f, 0, 0, 1, 2, 3, 4 }; /* 4093: one more than allowed */
  guint8 huge[4] = { 0xff, 0xff, 0xff, 0xff };

  assert_invalid (zero, sizeof zero, MPD_MESSAGE_ERROR_BAD_LENGTH, "0 bytes");
  assert_invalid (oversized, sizeof oversized, MPD_MESSAGE_ERROR_BAD_LENGTH, "4093 bytes");
  /* A bad length is refused at once, without waiting for that many bytes. */
  assert_invalid (huge, sizeof huge, MPD_MESSAGE_ERROR_BAD_LENGTH, "4294967295 bytes");
}

/* The mistakes a student's producer makes most (issue 14, item 7): each error says what was
 * expected and what came. */
static void
test_frame_student_mistakes (void)
{
  guint8 frame[2 * MPD_FRAME_MAX_SIZE] = { 0 };
  gsize length = mpd_message_encode_frame (&sample, frame, sizeof frame);
  guint8 mistake[2 * MPD_FRAME_MAX_SIZE];
  const char *printed = "2026-12-02 10:31:07.123456\n";
  guint32 length_le;

  /* print() instead of a frame. */
  assert_invalid ((const guint8 *) printed, strlen (printed), MPD_MESSAGE_ERROR_BAD_LENGTH,
                  "The pipe holds text (“2026-12-02 10:31:07.1234…”) where a message was "
                  "expected: did the producer print()?");

  /* The padding after the pid left out: 35 bytes. */
  memcpy (mistake, frame, MPD_FRAME_HEADER_SIZE + 12);
  memcpy (mistake + MPD_FRAME_HEADER_SIZE + 12, frame + MPD_FRAME_HEADER_SIZE + 16, length - 16 - 4);
  length_le = GUINT32_TO_LE (35);
  memcpy (mistake, &length_le, 4);
  assert_invalid (mistake, length - 4, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                  "A message’s payload is 39 bytes; this one is 35 bytes: is the 4-byte padding "
                  "after the pid missing?");

  /* The tuple without its variant: 32 bytes. */
  memcpy (mistake, frame, length);
  length_le = GUINT32_TO_LE (32);
  memcpy (mistake, &length_le, 4);
  assert_invalid (mistake, MPD_FRAME_HEADER_SIZE + 32, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                  "this one is 32 bytes, the size of the tuple (tixx) alone");

  /* A length that counts itself: 43, and the next frame's first bytes read as its end. */
  memcpy (mistake, frame, length);
  memcpy (mistake + length, frame, length);
  length_le = GUINT32_TO_LE (43);
  memcpy (mistake, &length_le, 4);
  assert_invalid (mistake, 2 * length, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                  "does the length count its own 4 bytes too?");

  /* Padding that is not zero. */
  memcpy (mistake, frame, length);
  mistake[MPD_FRAME_HEADER_SIZE + 13] = 0xab;
  assert_invalid (mistake, length, MPD_MESSAGE_ERROR_BAD_PAYLOAD,
                  "must be zero; these are 00 ab 00 00.");
}

static void
test_frame_bad_payload (void)
{
  guint8 garbage[4 + 13] = { 13, 0, 0, 0, 'n', 'o', 't', ' ', 'a', ' ', 'v', 'a', 'r', 'i', 'a',
                             'n', 't' };
  g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new_variant (g_variant_new_string ("hello")));
  guint8 wrong_type[4 + 64];
  guint32 length = GUINT32_TO_LE ((guint32) g_variant_get_size (wrong));

  assert_invalid (garbage, sizeof garbage, MPD_MESSAGE_ERROR_BAD_PAYLOAD, "not a valid GVariant");

  g_assert_cmpuint (g_variant_get_size (wrong), <=, sizeof wrong_type - 4);
  memcpy (wrong_type, &length, 4);
  memcpy (wrong_type + 4, g_variant_get_data (wrong), g_variant_get_size (wrong));
  assert_invalid (wrong_type, 4 + g_variant_get_size (wrong),
                  MPD_MESSAGE_ERROR_BAD_PAYLOAD, "the type “s”");
}

static void
test_variant_round_trip (void)
{
  g_autoptr(GVariant) variant = g_variant_ref_sink (mpd_message_to_variant (&sample));
  g_autoptr(GVariant) wrong = g_variant_ref_sink (g_variant_new ("(ti)", (guint64) 1, 2));
  g_autoptr(GError) error = NULL;
  MpdMessage decoded = { 0 };

  g_assert_cmpstr (g_variant_get_type_string (variant), ==, MPD_MESSAGE_TYPE_STRING);
  g_assert_true (mpd_message_init_from_variant (&decoded, variant, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&decoded, sizeof decoded, &sample, sizeof sample);

  g_assert_false (mpd_message_init_from_variant (&decoded, wrong, &error));
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD);
}

static void
test_init_now (void)
{
  gint64 before = g_get_real_time ();
  gint64 monotonic_before = g_get_monotonic_time ();
  MpdMessage message;

  mpd_message_init_now (&message, 3);
  g_assert_cmpuint (message.sequence, ==, 3);
  g_assert_cmpint (message.pid, ==, getpid ());
  g_assert_cmpint (message.wall_time_us, >=, before);
  g_assert_cmpint (message.wall_time_us, <=, g_get_real_time ());
  g_assert_cmpint (message.monotonic_time_us, >=, monotonic_before);
}

/* Python: str(datetime.datetime.fromtimestamp(1795298833.123456, timezone.utc)
 *                 .replace(tzinfo=None)) == '2026-11-21 22:07:13.123456' */
static void
test_format_like_python (void)
{
  MpdMessage message = sample;
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *early = NULL;
  g_autofree char *before_1970 = NULL;

  text = mpd_message_format_wall_time (&message);
  g_assert_cmpstr (text, ==, "2026-11-21 22:07:13.123456");

  /* Python leaves out the fraction when it is zero. */
  message.wall_time_us = G_GINT64_CONSTANT (1795298833000000);
  whole = mpd_message_format_wall_time (&message);
  g_assert_cmpstr (whole, ==, "2026-11-21 22:07:13");

  message.wall_time_us = G_GINT64_CONSTANT (1795298833000001);
  early = mpd_message_format_wall_time (&message);
  g_assert_cmpstr (early, ==, "2026-11-21 22:07:13.000001");

  /* Half a second before 1970 is 23:59:59.5 on the last day of 1969, not 00:00:00.5. */
  message.wall_time_us = -500000;
  before_1970 = mpd_message_format_wall_time (&message);
  g_assert_cmpstr (before_1970, ==, "1969-12-31 23:59:59.500000");
}

/* A flood's frames are encoded and decoded many at a time: the same bytes and the same
 * messages as one at a time, cut where the buffer or the room ends. */
static void
test_frames_many (void)
{
  MpdMessage messages[200];
  MpdMessage decoded[200];
  guint8 buffer[PIPE_BUF];
  guint8 one[MPD_FRAME_MAX_SIZE];
  gsize n_encoded = 0;
  gsize n_decoded = 0;
  gsize used = 0;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      messages[i] = sample;
      messages[i].sequence = i + 1;
      messages[i].wall_time_us += i;
    }

  /* As many as fit in PIPE_BUF, each the bytes mpd_message_encode_frame() writes. */
  length = mpd_message_encode_frames (messages, G_N_ELEMENTS (messages), buffer, sizeof buffer,
                                      &n_encoded);
  g_assert_cmpuint (n_encoded, ==, PIPE_BUF / MPD_MESSAGE_FRAME_SIZE);
  g_assert_cmpuint (length, ==, n_encoded * MPD_MESSAGE_FRAME_SIZE);
  for (gsize i = 0; i < n_encoded; i++)
    {
      g_assert_cmpuint (mpd_message_encode_frame (&messages[i], one, sizeof one), ==,
                        MPD_MESSAGE_FRAME_SIZE);
      g_assert_cmpmem (buffer + i * MPD_MESSAGE_FRAME_SIZE, MPD_MESSAGE_FRAME_SIZE,
                       one, MPD_MESSAGE_FRAME_SIZE);
    }

  /* All of them back, in order, when there is room. */
  g_assert_cmpint (mpd_message_decode_frames (decoded, G_N_ELEMENTS (decoded), buffer, length,
                                              &n_decoded, &used, NULL), ==, MPD_FRAME_INCOMPLETE);
  g_assert_cmpuint (n_decoded, ==, n_encoded);
  g_assert_cmpuint (used, ==, length);
  for (gsize i = 0; i < n_decoded; i++)
    {
      g_assert_cmpuint (decoded[i].sequence, ==, i + 1);
      g_assert_cmpint (decoded[i].pid, ==, sample.pid);
      g_assert_cmpint (decoded[i].wall_time_us, ==, sample.wall_time_us + (gint64) i);
      g_assert_cmpint (decoded[i].monotonic_time_us, ==, sample.monotonic_time_us);
      g_assert_false (decoded[i].is_text);
    }

  /* Only as many as the room holds: the rest stay for the next call. */
  g_assert_cmpint (mpd_message_decode_frames (decoded, 10, buffer, length, &n_decoded, &used,
                                              NULL), ==, MPD_FRAME_COMPLETE);
  g_assert_cmpuint (n_decoded, ==, 10);
  g_assert_cmpuint (used, ==, 10 * MPD_MESSAGE_FRAME_SIZE);

  /* A frame cut in two ends the run after the whole ones. */
  g_assert_cmpint (mpd_message_decode_frames (decoded, G_N_ELEMENTS (decoded), buffer,
                                              3 * MPD_MESSAGE_FRAME_SIZE + 20, &n_decoded,
                                              &used, NULL), ==, MPD_FRAME_INCOMPLETE);
  g_assert_cmpuint (n_decoded, ==, 3);
  g_assert_cmpuint (used, ==, 3 * MPD_MESSAGE_FRAME_SIZE);
}

/* A bad frame after good ones: the good ones come out, then the error, at the bad one. */
static void
test_frames_bad_after_good (void)
{
  g_autoptr(GError) error = NULL;
  MpdMessage decoded[8];
  guint8 buffer[4 * MPD_MESSAGE_FRAME_SIZE];
  guint32 zero_length = 0;
  gsize n_decoded = 0;
  gsize used = 0;

  for (guint i = 0; i < 3; i++)
    mpd_message_encode_frame (&sample, buffer + i * MPD_MESSAGE_FRAME_SIZE,
                              MPD_MESSAGE_FRAME_SIZE);
  mpd_message_encode_frame (&sample, buffer + 3 * MPD_MESSAGE_FRAME_SIZE,
                            MPD_MESSAGE_FRAME_SIZE);
  memcpy (buffer + 3 * MPD_MESSAGE_FRAME_SIZE, &zero_length, sizeof zero_length);

  g_assert_cmpint (mpd_message_decode_frames (decoded, G_N_ELEMENTS (decoded), buffer,
                                              sizeof buffer, &n_decoded, &used, &error),
                   ==, MPD_FRAME_INVALID);
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_LENGTH);
  g_assert_cmpuint (n_decoded, ==, 3);
  g_assert_cmpuint (used, ==, 3 * MPD_MESSAGE_FRAME_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  /* The expected times are in UTC; local time is UTC here. */
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/message/frame/round-trip", test_frame_round_trip);
  g_test_add_func ("/mpd/message/frame/documented-layout", test_frame_documented_layout);
  g_test_add_func ("/mpd/message/frame/same-as-gvariant", test_frame_same_as_gvariant);
  g_test_add_func ("/mpd/message/frame/nonzero-padding", test_frame_nonzero_padding);
  g_test_add_func ("/mpd/message/frame/incomplete", test_frame_incomplete);
  g_test_add_func ("/mpd/message/frame/bad-length", test_frame_bad_length);
  g_test_add_func ("/mpd/message/frame/bad-payload", test_frame_bad_payload);
  g_test_add_func ("/mpd/message/frame/student-mistakes", test_frame_student_mistakes);
  g_test_add_func ("/mpd/message/frames/many", test_frames_many);
  g_test_add_func ("/mpd/message/frames/bad-after-good", test_frames_bad_after_good);
  g_test_add_func ("/mpd/message/variant/round-trip", test_variant_round_trip);
  g_test_add_func ("/mpd/message/init-now", test_init_now);
  g_test_add_func ("/mpd/message/format-like-python", test_format_like_python);

  return g_test_run ();
}
