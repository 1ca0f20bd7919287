/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-queue.c: the pipe-backed queue: round trips and every way a stream can be cut. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <gio/gio.h>

#include "mpd-queue.h"

static void
write_all (MpdQueue     *queue,
           const guint8 *data,
           gsize         length)
{
  g_assert_cmpint (write (mpd_queue_get_write_fd (queue), data, length), ==, (gssize) length);
}

static gsize
encode (guint64  sequence,
        guint8  *frame)
{
  MpdMessage message;

  mpd_message_init_now (&message, sequence);
  return mpd_message_encode_frame (&message, frame, MPD_FRAME_MAX_SIZE);
}

static void
assert_get_message (MpdQueue *queue,
                    guint64   sequence)
{
  g_autoptr(GError) error = NULL;
  MpdMessage message = { 0 };

  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, MPD_QUEUE_STATUS_MESSAGE);
  g_assert_no_error (error);
  g_assert_cmpuint (message.sequence, ==, sequence);
  g_assert_cmpint (message.pid, ==, getpid ());
}

static void
assert_get_status (MpdQueue       *queue,
                   MpdQueueStatus  status)
{
  g_autoptr(GError) error = NULL;
  MpdMessage message;

  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, status);
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdQueue) queue = mpd_queue_new (&error);

  g_assert_no_error (error);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);

  for (guint64 i = 1; i <= 100; i++)
    {
      MpdMessage message;

      mpd_message_init_now (&message, i);
      g_assert_true (mpd_queue_put (queue, &message, &error));
      g_assert_no_error (error);
    }

  for (guint64 i = 1; i <= 100; i++)
    assert_get_message (queue, i);

  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);

  mpd_queue_close_write_end (queue);
  g_assert_cmpint (mpd_queue_get_write_fd (queue), ==, -1);
  assert_get_status (queue, MPD_QUEUE_STATUS_CLOSED);
  assert_get_status (queue, MPD_QUEUE_STATUS_CLOSED);
}

/* A frame that arrives one byte at a time is a message only when its last byte is in. */
static void
test_partial_reads (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  guint8 frame[MPD_FRAME_MAX_SIZE];
  gsize length = encode (1, frame);

  for (gsize i = 0; i + 1 < length; i++)
    {
      write_all (queue, frame + i, 1);
      assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);
    }

  write_all (queue, frame + length - 1, 1);
  assert_get_message (queue, 1);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);
}

/* Three frames written as pieces that cut through headers and payloads. */
static void
test_split_across_reads (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  guint8 stream[3 * MPD_FRAME_MAX_SIZE];
  gsize length = 0;
  gsize cuts[] = { 2, 0, 0, 0 };

  for (guint64 i = 1; i <= 3; i++)
    length += encode (i, stream + length);

  /* Cut inside the first header, inside the second payload, and two bytes before the end. */
  cuts[1] = length / 3 + 5;
  cuts[2] = length - 2;
  cuts[3] = length;

  write_all (queue, stream, cuts[0]);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);

  write_all (queue, stream + cuts[0], cuts[1] - cuts[0]);
  assert_get_message (queue, 1);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);

  write_all (queue, stream + cuts[1], cuts[2] - cuts[1]);
  assert_get_message (queue, 2);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);

  write_all (queue, stream + cuts[2], cuts[3] - cuts[2]);
  assert_get_message (queue, 3);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);
}

/* Many frames waiting in the pipe at once: one read takes them all. */
static void
test_many_frames (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  guint8 frame[MPD_FRAME_MAX_SIZE];
  gsize length = encode (1, frame);
  guint n_frames = (60 * 1024) / length;

  for (guint i = 1; i <= n_frames; i++)
    {
      length = encode (i, frame);
      write_all (queue, frame, length);
    }
  mpd_queue_close_write_end (queue);

  for (guint i = 1; i <= n_frames; i++)
    assert_get_message (queue, i);
  assert_get_status (queue, MPD_QUEUE_STATUS_CLOSED);
}

/* put_many packs whole frames into writes of at most PIPE_BUF bytes. A SOCK_SEQPACKET socket
 * keeps each write as one packet, so the test sees every write's size. */
static void
test_put_many (void)
{
  int fds[2];
  g_autoptr(MpdQueue) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree MpdMessage *messages = g_new0 (MpdMessage, 1000);
  guint per_write = PIPE_BUF / MPD_MESSAGE_FRAME_SIZE;
  guint n_writes = 0;
  guint64 next_sequence = 1;
  guint8 packet[2 * PIPE_BUF];
  gssize n;

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), ==, 0);
  /* Room for every packet, so that put_many never waits for us. */
  g_assert_cmpint (setsockopt (fds[0], SOL_SOCKET, SO_SNDBUF, &(int) { 1 << 20 }, sizeof (int)), ==, 0);
  writer = mpd_queue_new_for_fds (-1, fds[0]);
  for (guint i = 0; i < 1000; i++)
    mpd_message_init_now (&messages[i], i + 1);

  g_assert_true (mpd_queue_put_many (writer, messages, 1000, &error));
  g_assert_no_error (error);
  g_clear_object (&writer);

  /* 95 frames to a write, and the 50 left over in the last one. */
  g_assert_cmpuint (per_write, ==, 95);
  while ((n = read (fds[1], packet, sizeof packet)) > 0)
    {
      g_assert_cmpint (n, <=, PIPE_BUF);
      g_assert_cmpint (n % MPD_MESSAGE_FRAME_SIZE, ==, 0);
      if (n_writes < 1000 / per_write)
        g_assert_cmpint (n, ==, per_write * MPD_MESSAGE_FRAME_SIZE);
      else
        g_assert_cmpint (n, ==, (1000 % per_write) * MPD_MESSAGE_FRAME_SIZE);
      n_writes++;

      /* Whole frames, in order. */
      for (gssize at = 0; at < n; at += MPD_MESSAGE_FRAME_SIZE)
        {
          MpdMessage message;
          gsize frame_len = 0;

          g_assert_cmpint (mpd_message_decode_frame (&message, packet + at, n - at, &frame_len,
                                                     NULL), ==, MPD_FRAME_COMPLETE);
          g_assert_cmpuint (frame_len, ==, MPD_MESSAGE_FRAME_SIZE);
          g_assert_cmpuint (message.sequence, ==, next_sequence++);
        }
    }
  g_assert_cmpuint (next_sequence, ==, 1001);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpuint (n_writes, ==, 1000 / per_write + 1);
  close (fds[1]);
}

/* Under a flood the consumer takes every whole message that one read(2) brought with one call
 * (mpd_queue_get_many()), as many as it has room for, in order. */
static void
test_get_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdQueue) queue = mpd_queue_new (&error);
  g_autofree MpdMessage *sent = g_new0 (MpdMessage, 250);
  g_autofree MpdMessage *taken = g_new0 (MpdMessage, 1000);
  guint64 next_sequence = 1;
  gsize n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 250; i++)
    mpd_message_init_now (&sent[i], i + 1);
  /* Three writes (95, 95 and 60 frames), 10,750 bytes: the pipe holds them all. */
  g_assert_true (mpd_queue_put_many (queue, sent, 250, &error));
  g_assert_no_error (error);

  /* Room for 100: 100 now, then 100, then the 50 left. */
  for (guint round = 0; round < 3; round++)
    {
      g_assert_cmpint (mpd_queue_get_many (queue, taken, 100, &n, &error), ==,
                       MPD_QUEUE_STATUS_MESSAGE);
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, round < 2 ? 100 : 50);
      for (gsize i = 0; i < n; i++)
        {
          g_assert_cmpuint (taken[i].sequence, ==, next_sequence++);
          g_assert_cmpint (taken[i].pid, ==, getpid ());
        }
    }
  g_assert_cmpint (mpd_queue_get_many (queue, taken, 1000, &n, &error), ==,
                   MPD_QUEUE_STATUS_EMPTY);
  g_assert_cmpuint (n, ==, 0);

  /* Room for more than came: all that came, at once. */
  g_assert_true (mpd_queue_put_many (queue, sent, 250, &error));
  g_assert_cmpint (mpd_queue_get_many (queue, taken, 1000, &n, &error), ==,
                   MPD_QUEUE_STATUS_MESSAGE);
  g_assert_cmpuint (n, ==, 250);
  g_assert_cmpuint (taken[249].sequence, ==, 250);

  /* Lines of text, many at a time too. */
  {
    g_autoptr(MpdQueue) text_queue = mpd_queue_new (&error);

    write_all (text_queue, (const guint8 *) "one\ntwo\nthree\nfour", 18);
    g_assert_cmpint (mpd_queue_get_many (text_queue, taken, 1000, &n, &error), ==,
                     MPD_QUEUE_STATUS_MESSAGE);
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpstr (taken[0].text, ==, "one");
    g_assert_cmpstr (taken[2].text, ==, "three");
    g_assert_cmpuint (taken[2].sequence, ==, 3);
  }
}

/* A bad frame after good ones, in one read: the good ones first, then the error, with the
 * byte where the bad frame starts. */
static void
test_get_many_bad_after_good (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(GError) error = NULL;
  guint8 data[3 * MPD_FRAME_MAX_SIZE];
  guint32 oversized = GUINT32_TO_LE (1024 * 1024);
  g_autofree char *expected = NULL;
  MpdMessage taken[10];
  gsize length = 0;
  gsize n = 0;

  length += encode (1, data);
  length += encode (2, data + length);
  memcpy (data + length, &oversized, sizeof oversized);
  write_all (queue, data, length + sizeof oversized);

  g_assert_cmpint (mpd_queue_get_many (queue, taken, G_N_ELEMENTS (taken), &n, &error), ==,
                   MPD_QUEUE_STATUS_MESSAGE);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (taken[1].sequence, ==, 2);

  g_assert_cmpint (mpd_queue_get_many (queue, taken, G_N_ELEMENTS (taken), &n, &error), ==,
                   MPD_QUEUE_STATUS_ERROR);
  g_assert_cmpuint (n, ==, 0);
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_LENGTH);
  expected = g_strdup_printf ("at byte %" G_GSIZE_FORMAT ":", length);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_truncated (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(GError) error = NULL;
  guint8 frame[MPD_FRAME_MAX_SIZE];
  gsize length = encode (1, frame);
  g_autofree char *expected = NULL;
  MpdMessage message;

  write_all (queue, frame, length);
  encode (2, frame);
  write_all (queue, frame, 10);
  mpd_queue_close_write_end (queue);

  assert_get_message (queue, 1);
  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, MPD_QUEUE_STATUS_ERROR);
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_TRUNCATED);
  expected = g_strdup_printf ("the last 10 bytes, from byte %" G_GSIZE_FORMAT " on", length);
  g_assert_nonnull (strstr (error->message, expected));

  /* It stays an error. */
  g_clear_error (&error);
  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, MPD_QUEUE_STATUS_ERROR);
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_TRUNCATED);
}

/* A length above the maximum is refused as soon as the header is in, with its offset. */
static void
test_oversized_length (void)
{
  g_autoptr(MpdQueue) queue = mpd_queue_new (NULL);
  g_autoptr(GError) error = NULL;
  guint8 frame[MPD_FRAME_MAX_SIZE];
  gsize length = encode (1, frame);
  guint32 oversized = GUINT32_TO_LE (1024 * 1024);
  g_autofree char *expected = NULL;
  MpdMessage message;

  write_all (queue, frame, length);
  write_all (queue, (const guint8 *) &oversized, sizeof oversized);

  assert_get_message (queue, 1);
  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, MPD_QUEUE_STATUS_ERROR);
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_LENGTH);
  expected = g_strdup_printf ("at byte %" G_GSIZE_FORMAT ":", length);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "1048576 bytes"));
}

static void
test_broken_pipe (void)
{
  g_autoptr(GError) error = NULL;
  int fds[2];
  g_autoptr(MpdQueue) writer = NULL;
  MpdMessage message;

  g_assert_cmpint (pipe (fds), ==, 0);
  writer = mpd_queue_new_for_fds (-1, fds[1]);
  close (fds[0]);

  mpd_message_init_now (&message, 1);
  g_assert_false (mpd_queue_put (writer, &message, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
}

/* Takes the next message, which must be a line of text: returns it. */
static MpdMessage
get_line (MpdQueue *queue,
          guint64   sequence)
{
  g_autoptr(GError) error = NULL;
  MpdMessage message = { 0 };

  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, MPD_QUEUE_STATUS_MESSAGE);
  g_assert_no_error (error);
  g_assert_true (message.is_text);
  g_assert_cmpuint (message.sequence, ==, sequence);
  g_assert_cmpint (message.pid, ==, 0);
  return message;
}

/* A producer that prints, as a student's first one does (issue 14, item 6): one message per
 * line, kept as printed, in whatever pieces the lines come. */
static void
test_text_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdQueue) queue = mpd_queue_new (&error);
  g_autoptr(GDateTime) printed_time = g_date_time_new_now_local ();
  g_autofree char *now = g_date_time_format (printed_time, "%Y-%m-%d %H:%M:%S.%f");
  g_autofree char *first = g_strdup_printf ("%s\n", now);
  g_autofree char *long_line = NULL;
  g_autofree char *twenty_a = g_strnfill (20, 'a');
  const char *rest = "hello\r\n안녕하세요 여러분\n";
  MpdMessage message;
  gint64 before_us = g_get_monotonic_time ();

  g_assert_no_error (error);

  /* Two bytes cannot tell text from a frame's length yet: nothing comes out. */
  write_all (queue, (const guint8 *) first, 2);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);
  write_all (queue, (const guint8 *) first + 2, strlen (first) - 2);

  /* str(datetime.now()): the time it says is when it was put. */
  message = get_line (queue, 1);
  g_assert_cmpstr (message.text, ==, now);
  g_assert_cmpint (message.wall_time_us, ==, g_date_time_to_unix (printed_time) * G_USEC_PER_SEC +
                   g_date_time_get_microsecond (printed_time));
  g_assert_cmpint (message.monotonic_time_us, <=, before_us);
  g_assert_cmpint (message.monotonic_time_us, >, before_us - 60 * G_USEC_PER_SEC);

  write_all (queue, (const guint8 *) rest, strlen (rest));
  message = get_line (queue, 2);
  g_assert_cmpstr (message.text, ==, "hello");
  /* Any other line does not say when it was put: its latency is not known. */
  g_assert_cmpint (message.monotonic_time_us, ==, 0);
  message = get_line (queue, 3);
  g_assert_cmpstr (message.text, ==, "안녕하세요 여러분");

  /* A long line is cut between two characters, and says so. */
  long_line = g_strconcat (twenty_a, "가나다라마바사아자차카타파하", "\n", NULL);
  write_all (queue, (const guint8 *) long_line, strlen (long_line));
  message = get_line (queue, 4);
  g_assert_true (g_utf8_validate (message.text, -1, NULL));
  g_assert_cmpuint (strlen (message.text), <, MPD_MESSAGE_TEXT_SIZE);
  g_assert_true (g_str_has_suffix (message.text, "…"));
  g_assert_true (g_str_has_prefix (long_line, message.text) ||
                 strncmp (long_line, message.text, strlen (message.text) - strlen ("…")) == 0);

  /* The last line needs no newline: the end of the stream ends it. */
  write_all (queue, (const guint8 *) "bye", 3);
  assert_get_status (queue, MPD_QUEUE_STATUS_EMPTY);
  mpd_queue_close_write_end (queue);
  message = get_line (queue, 5);
  g_assert_cmpstr (message.text, ==, "bye");
  assert_get_status (queue, MPD_QUEUE_STATUS_CLOSED);
}

/* "1\n" and the end: a stream shorter than three bytes is text when it is text. */
static void
test_text_short (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdQueue) queue = mpd_queue_new (&error);
  MpdMessage message;

  g_assert_no_error (error);
  write_all (queue, (const guint8 *) "1\n", 2);
  mpd_queue_close_write_end (queue);
  message = get_line (queue, 1);
  g_assert_cmpstr (message.text, ==, "1");
  assert_get_status (queue, MPD_QUEUE_STATUS_CLOSED);
}

/* Frames and text are never mixed: a frame after lines of text is an error that says so,
 * after the lines that came before it. */
static void
test_text_then_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdQueue) queue = mpd_queue_new (&error);
  guint8 frame[MPD_FRAME_MAX_SIZE];
  gsize length = encode (1, frame);
  MpdMessage message;

  g_assert_no_error (error);
  write_all (queue, (const guint8 *) "ready\n", 6);
  write_all (queue, frame, length);
  mpd_queue_close_write_end (queue);

  message = get_line (queue, 1);
  g_assert_cmpstr (message.text, ==, "ready");
  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, MPD_QUEUE_STATUS_ERROR);
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD);
  g_assert_nonnull (strstr (error->message, "at byte 6"));
  g_assert_nonnull (strstr (error->message, "either lines of text or messages"));
}

/* A stream that starts like text but whose line is not (bytes that are not UTF-8, control
 * characters) is an error at that line, not a message of garbage. */
static void
test_text_not_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpdQueue) queue = mpd_queue_new (&error);
  MpdMessage message;
  static const guint8 garbage[] = { 'a', 'b', 'c', 0xff, 0xfe, 0x01, '\n' };

  g_assert_no_error (error);
  write_all (queue, garbage, sizeof garbage);
  g_assert_cmpint (mpd_queue_get (queue, &message, &error), ==, MPD_QUEUE_STATUS_ERROR);
  g_assert_error (error, MPD_MESSAGE_ERROR, MPD_MESSAGE_ERROR_BAD_PAYLOAD);
  g_assert_nonnull (strstr (error->message, "at byte 0"));
  g_assert_nonnull (strstr (error->message, "this line is not text"));
}

int
main (int   argc,
      char *argv[])
{
  /* As the producer does: a closed pipe gives EPIPE, not death by SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mpd/queue/round-trip", test_round_trip);
  g_test_add_func ("/mpd/queue/partial-reads", test_partial_reads);
  g_test_add_func ("/mpd/queue/split-across-reads", test_split_across_reads);
  g_test_add_func ("/mpd/queue/put-many", test_put_many);
  g_test_add_func ("/mpd/queue/many-frames", test_many_frames);
  g_test_add_func ("/mpd/queue/get-many", test_get_many);
  g_test_add_func ("/mpd/queue/get-many-bad-after-good", test_get_many_bad_after_good);
  g_test_add_func ("/mpd/queue/truncated", test_truncated);
  g_test_add_func ("/mpd/queue/oversized-length", test_oversized_length);
  g_test_add_func ("/mpd/queue/broken-pipe", test_broken_pipe);
  g_test_add_func ("/mpd/queue/text/lines", test_text_lines);
  g_test_add_func ("/mpd/queue/text/short", test_text_short);
  g_test_add_func ("/mpd/queue/text/then-frame", test_text_then_frame);
  g_test_add_func ("/mpd/queue/text/not-text", test_text_not_text);

  return g_test_run ();
}
