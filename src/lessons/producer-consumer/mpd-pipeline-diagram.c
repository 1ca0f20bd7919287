/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pipeline-diagram.c: the live picture: producers -> pipe -> thread -> main loop -> bar. */

/*
 * The diagram draws the pipeline as boxes, left to right, in the order a message travels:
 * the producer processes, the pipe, the consumer thread, the main loop and the status bar.
 * Each box says what that part is doing now, as the kernel and the engine report it: a
 * producer stopped by SIGSTOP, or asleep in write(2) because the pipe is full; how many bytes
 * wait in the pipe (FIONREAD) out of how many it holds (F_GETPIPE_SZ); whether the thread
 * sleeps in poll(2), reads, or waits for the main loop.
 *
 * It is drawn with GtkSnapshot, and never once per message: the page calls
 * mpd_pipeline_diagram_update() from the frame clock, at most once per frame. The states come
 * from /proc and a few system calls, so they are read ten times a second, not every frame.
 * While messages flow, the arrows carry dots in each producer's colour, which move when
 * messages come often (see MOVING_GAP_US).
 */

#define G_LOG_DOMAIN "mpd-pipeline-diagram"

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "mpd-drawing.h"
#include "mpd-pipeline-diagram.h"
#include "mpd-stats-view.h"
#include "mpd-wrap.h"

/* How often the states are read, how long dots move after a message, and how often they
 * move: fifteen steps a second read as movement, and cost a quarter of sixty.
 *
 * Even so, each step is a frame, and with GTK 4.8's cairo renderer (a projector's laptop
 * without a GPU driver, or Xvfb) a frame draws the whole window again, clipped: about 2 ms.
 * At one message a second, five steps per message were most of what the window cost. So the
 * dots move only while messages come at least MOVING_GAP_US apart; slower than that, each
 * message lights the arrows, dots standing, in its producer's colour, until HOLD_US after it:
 * one frame per message says the same. */
#define SAMPLE_US     (100 * 1000)
#define FLOW_US       (300 * 1000)
#define MOVING_GAP_US (250 * 1000)
#define HOLD_US       (1500 * 1000)
#define STEP_US     MPD_PIPELINE_DIAGRAM_STEP_US
#define DOT_SPEED   90.0   /* pixels per second */
#define DOT_SPACING 22.0
#define ARROW_GAP   34.0

/* The height of a producer's box, and of the others. */
/* In lines of the diagram's text (mpd_drawing_get_em()), so that they grow with the zoom: 40
 * and 97 pixels at the desktop's usual size (a line of 18 pixels, at 110%). */
#define PRODUCER_BOX_LINES  2.2
#define BOX_LINES           5.4
#define TITLE_LINES         2.7

typedef struct
{
  int              pid;
  MpdProducerState state;
  guint            color;
  gint64           last_flow_us;
  char            *text;
} ProducerBox;

struct _MpdPipelineDiagram
{
  GtkWidget     parent_instance;

  /* Children */
  GtkWidget    *boxes_area;       /* the titles and the boxes, with their text */
  GtkWidget    *flow_area;        /* the arrows, and the dots that move on them */

  /* Owned */
  MpdPipeline  *pipeline;
  MpdStats     *stats;
  GArray       *producers;        /* of ProducerBox */
  char         *texts[MPD_DIAGRAM_PART_STATUS_BAR + 1];
  char         *summary;          /* the states in words, for screen readers */
  MpdMessage    newest;

  guint         slow_consumer_ms;
  guint         bytes_waiting;
  guint         capacity;
  MpdConsumerState consumer_state;
  gint64        now_us;
  gint64        sampled_us;
  gint64        drawn_us;         /* when the dots last moved */
  gint64        last_flow_us;
  gint64        flow_gap_us;      /* between the last two batches of messages */
  int           last_pid;         /* the producer of the last message seen, and its box */
  int           last_box;
  guint64       n_frames;

  /* Where the arrows go, as the last snapshot laid the boxes out */
  graphene_point_t producer_ends[MPD_PIPELINE_MAX_PRODUCERS];
  graphene_rect_t producer_rects[MPD_PIPELINE_MAX_PRODUCERS];  /* where each box was drawn */
  GtkWidget    *menu;  /* a producer's own Pause, Stop and Kill, or NULL */
  guint         n_producer_ends;
  float         arrow_x[4][2];    /* from the pipe on: start and end of each arrow */
  float         mid;

  guint         have_newest : 1;
  guint         was_flowing : 1;
  guint         flow_changed : 1; /* a producer's arrow lit up: draw the arrows again */
};

G_DEFINE_FINAL_TYPE (MpdPipelineDiagram, mpd_pipeline_diagram, GTK_TYPE_WIDGET)

static void
producer_box_clear (gpointer data)
{
  ProducerBox *box = data;

  g_clear_pointer (&box->text, g_free);
}

static int
mpd_pipeline_diagram_find_box (MpdPipelineDiagram *self,
                               int                 pid)
{
  for (guint i = 0; i < self->producers->len; i++)
    if (g_array_index (self->producers, ProducerBox, i).pid == pid)
      return (int) i;

  return -1;
}

/* Whether the dots move (messages come often), and how long an arrow stays lit after one. */
static gboolean
mpd_pipeline_diagram_dots_move (MpdPipelineDiagram *self)
{
  return self->flow_gap_us < MOVING_GAP_US;
}

static gint64
mpd_pipeline_diagram_flow_us (MpdPipelineDiagram *self)
{
  return mpd_pipeline_diagram_dots_move (self) ? FLOW_US : HOLD_US;
}

/**
 * mpd_pipeline_diagram_note_messages:
 * @self: a diagram
 * @messages: (array length=n_messages): a batch, as the main loop got it
 * @n_messages: how many
 * @now_us: when (CLOCK_MONOTONIC, µs)
 *
 * Tells the diagram that messages came, so that it shows them flowing.
 */
void
mpd_pipeline_diagram_note_messages (MpdPipelineDiagram *self,
                                    const MpdMessage   *messages,
                                    guint               n_messages,
                                    gint64              now_us)
{
  g_return_if_fail (MPD_IS_PIPELINE_DIAGRAM (self));

  if (n_messages == 0)
    return;

  self->flow_gap_us = now_us - self->last_flow_us;
  self->last_flow_us = now_us;
  self->newest = messages[n_messages - 1];
  self->have_newest = TRUE;

  /* Messages come in runs from one producer (up to 95 in one write): look up a box only
   * when the producer changes. */
  for (guint i = 0; i < n_messages; i++)
    {
      if (messages[i].pid != self->last_pid)
        {
          self->last_pid = messages[i].pid;
          self->last_box = mpd_pipeline_diagram_find_box (self, messages[i].pid);
        }
      if (self->last_box >= 0)
        {
          ProducerBox *box = &g_array_index (self->producers, ProducerBox, self->last_box);

          if (now_us - box->last_flow_us >= mpd_pipeline_diagram_flow_us (self))
            self->flow_changed = TRUE;
          box->last_flow_us = now_us;
        }
    }
}

/**
 * mpd_pipeline_diagram_get_producer_at:
 * @self: a diagram
 * @x: a point of the diagram
 * @y: a point of the diagram
 * @rect: (out) (optional): where the producer's box is
 *
 * Returns: the pid of the producer whose box is at (@x, @y), or 0 when there is none
 */
int
mpd_pipeline_diagram_get_producer_at (MpdPipelineDiagram *self,
                                      double              x,
                                      double              y,
                                      graphene_rect_t    *rect)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_DIAGRAM (self), 0);

  for (guint i = 0; i < self->n_producer_ends && i < self->producers->len; i++)
    if (graphene_rect_contains_point (&self->producer_rects[i], &GRAPHENE_POINT_INIT (x, y)))
      {
        if (rect != NULL)
          *rect = self->producer_rects[i];
        return g_array_index (self->producers, ProducerBox, i).pid;
      }

  return 0;
}

/**
 * mpd_pipeline_diagram_forget_messages:
 * @self: a diagram
 *
 * A new run starts: the status bar's box waits for its first message, instead of showing the
 * last one of the run before.
 */
void
mpd_pipeline_diagram_forget_messages (MpdPipelineDiagram *self)
{
  g_return_if_fail (MPD_IS_PIPELINE_DIAGRAM (self));

  self->have_newest = FALSE;
  gtk_widget_queue_draw (self->boxes_area);
}

static char *
mpd_pipeline_diagram_describe_producer (MpdProducer *producer)
{
  int wait_status;

  switch (mpd_producer_get_state (producer))
    {
    case MPD_PRODUCER_STATE_RUNNING:
      return g_strdup (_("running"));
    case MPD_PRODUCER_STATE_PAUSED:
      return g_strdup (_("paused (SIGSTOP)"));
    case MPD_PRODUCER_STATE_BLOCKED:
      return g_strdup (_("blocked in write()"));
    case MPD_PRODUCER_STATE_EXITED:
      mpd_producer_get_wait_status (producer, &wait_status);
      return mpd_producer_describe_exit (wait_status);
    case MPD_PRODUCER_STATE_NOT_STARTED:
    default:
      return g_strdup (_("not started"));
    }
}

/* Reads every state, and makes the boxes' texts. Returns TRUE when a text changed. */
static gboolean
mpd_pipeline_diagram_sample (MpdPipelineDiagram *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  GPtrArray *producers = self->pipeline ? mpd_pipeline_get_producers (self->pipeline) : NULL;
  char *texts[G_N_ELEMENTS (self->texts)] = { NULL };
  gboolean changed = FALSE;
  g_autofree char *bytes = NULL;
  g_autofree char *capacity = NULL;
  int thread_id = 0;
  guint n_boxes = producers ? producers->len : 0;

  /* The producers: a box each, in the order they were started. */
  if (self->producers->len != n_boxes)
    {
      g_array_set_size (self->producers, 0);
      g_array_set_size (self->producers, n_boxes);
      self->last_pid = 0;
      self->last_box = -1;
      changed = TRUE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
      gtk_widget_queue_draw (self->flow_area);
    }
  for (guint i = 0; i < n_boxes; i++)
    {
      MpdProducer *producer = g_ptr_array_index (producers, i);
      ProducerBox *box = &g_array_index (self->producers, ProducerBox, i);
      g_autofree char *state = mpd_pipeline_diagram_describe_producer (producer);
      int pid = mpd_producer_get_pid (producer);
      char *text;

      /* A producer that has ended has no pid any more; the box keeps the one it had. */
      if (pid > 0 && box->pid != pid)
        {
          box->pid = pid;
          self->last_pid = 0;
        }
      box->state = mpd_producer_get_state (producer);
      box->color = i;
      if (box->pid > 0)
        /* Translators: a process id, then what the process does, such as "running" */
        text = g_strdup_printf (_("pid %d\n%s"), box->pid, state);
      else
        text = g_strdup (state);

      if (g_strcmp0 (text, box->text) != 0)
        changed = TRUE;
      g_free (box->text);
      box->text = text;
      g_string_append_printf (summary, "%s. ", text);
    }
  if (n_boxes == 0)
    texts[MPD_DIAGRAM_PART_PRODUCER] = g_strdup (_("No producer"));

  /* The pipe. */
  if (self->pipeline != NULL &&
      mpd_pipeline_get_queue_fill (self->pipeline, &self->bytes_waiting, &self->capacity))
    {
      bytes = mpd_stats_view_format_count (self->bytes_waiting);
      capacity = mpd_stats_view_format_count (self->capacity);
      /* Translators: bytes waiting in the pipe, of how many it can hold */
      texts[MPD_DIAGRAM_PART_PIPE] = g_strdup_printf (ngettext ("%s of %s byte\nwaiting to be read",
                                                                "%s of %s bytes\nwaiting to be read",
                                                                (unsigned long) self->capacity),
                                                      bytes, capacity);
      g_string_append (summary, mpd_pipeline_diagram_get_pipe_full (self)
                                ? _("The pipe is full. ") : _("The pipe has room. "));
    }
  else
    {
      self->bytes_waiting = self->capacity = 0;
      texts[MPD_DIAGRAM_PART_PIPE] = g_strdup (_("closed"));
    }

  /* The consumer thread. */
  self->consumer_state = self->pipeline ? mpd_pipeline_get_consumer_state (self->pipeline)
                                        : MPD_CONSUMER_STATE_STOPPED;
  thread_id = self->pipeline ? mpd_pipeline_get_consumer_thread_id (self->pipeline) : 0;
  switch (self->consumer_state)
    {
    case MPD_CONSUMER_STATE_WAITING:
      texts[MPD_DIAGRAM_PART_CONSUMER] =
        g_strdup_printf (_("thread %d\nasleep in poll(): the pipe is empty"), thread_id);
      break;
    case MPD_CONSUMER_STATE_READING:
      texts[MPD_DIAGRAM_PART_CONSUMER] =
        g_strdup_printf (_("thread %d\nreading the pipe"), thread_id);
      break;
    case MPD_CONSUMER_STATE_BLOCKED:
      texts[MPD_DIAGRAM_PART_CONSUMER] =
        g_strdup_printf (_("thread %d\nwaiting for the main loop"), thread_id);
      break;
    case MPD_CONSUMER_STATE_STOPPED:
    default:
      texts[MPD_DIAGRAM_PART_CONSUMER] = g_strdup (_("not running"));
      break;
    }
  g_string_append_printf (summary, "%s. ", texts[MPD_DIAGRAM_PART_CONSUMER]);

  /* The main loop, and the status bar it updates. */
  {
    guint updates = self->stats ? mpd_stats_get_updates_per_second (self->stats) : 0;
    g_autofree char *per_second = g_strdup_printf (ngettext ("%u update per second",
                                                             "%u updates per second", updates),
                                                   updates);

    if (self->slow_consumer_ms > 0)
      /* Translators: the main process's id; updates per second; milliseconds */
      texts[MPD_DIAGRAM_PART_MAIN_LOOP] =
        g_strdup_printf (_("pid %d\n%s\nslow: %u ms per batch"), (int) getpid (), per_second,
                         self->slow_consumer_ms);
    else
      texts[MPD_DIAGRAM_PART_MAIN_LOOP] =
        g_strdup_printf (_("pid %d\n%s"), (int) getpid (), per_second);
  }

  /* The time of day is what changes: leave the date out, so it fits. Once the run has
   * ended, the window's status bar says how, and so does this box: no time shows as if it
   * were still coming. */
  if (self->pipeline == NULL || !mpd_pipeline_get_running (self->pipeline))
    texts[MPD_DIAGRAM_PART_STATUS_BAR] = g_strdup (self->have_newest ? _("the run has ended")
                                                                     : "–");
  else if (self->have_newest)
    {
      g_autofree char *time = mpd_message_format (&self->newest);

      /* To the millisecond: the box is narrow, and the status bar has the rest. */
      texts[MPD_DIAGRAM_PART_STATUS_BAR] = g_strndup (strlen (time) > 11 ? time + 11 : time, 12);
    }
  else
    texts[MPD_DIAGRAM_PART_STATUS_BAR] = g_strdup (_("waiting for the first message"));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (g_strcmp0 (texts[i], self->texts[i]) != 0)
        changed = TRUE;
      g_free (self->texts[i]);
      self->texts[i] = texts[i];
    }

  if (g_strcmp0 (summary->str, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                      -1);
    }

  return changed;
}

/**
 * mpd_pipeline_diagram_update:
 * @self: a diagram
 * @now_us: the frame's time (CLOCK_MONOTONIC, µs)
 *
 * Reads the states again when they are old, and redraws when something changed or while
 * messages flow. Call it once per frame.
 *
 * Returns: %TRUE while the diagram moves (it wants the next frame too)
 */
gboolean
mpd_pipeline_diagram_update (MpdPipelineDiagram *self,
                             gint64              now_us)
{
  gboolean flowing;

  g_return_val_if_fail (MPD_IS_PIPELINE_DIAGRAM (self), FALSE);

  self->now_us = now_us;
  flowing = now_us - self->last_flow_us < mpd_pipeline_diagram_flow_us (self);

  if (now_us - self->sampled_us >= SAMPLE_US || self->sampled_us == 0)
    {
      self->sampled_us = now_us;
      if (mpd_pipeline_diagram_sample (self))
        gtk_widget_queue_draw (self->boxes_area);
    }

  /* The dots move while messages flow often, and go once they stop. (A step comes from a
   * timeout of STEP_US, which the frame clock may round down by a few ms: allow for it.) */
  if ((flowing && mpd_pipeline_diagram_dots_move (self) &&
       now_us - self->drawn_us >= STEP_US - 5000) ||
      flowing != self->was_flowing || self->flow_changed)
    {
      self->drawn_us = now_us;
      gtk_widget_queue_draw (self->flow_area);
    }
  self->was_flowing = flowing;
  self->flow_changed = FALSE;

  return flowing && mpd_pipeline_diagram_dots_move (self);
}

/* Draws an arrow from (x1, y1) to (x2, y2), and dots on it while messages flow, as a drawing
 * of its own just as large as the arrow (its head and the dots reach 6 pixels past its line). */
static void
draw_arrow (GtkSnapshot   *snapshot,
            double         x1,
            double         y1,
            double         x2,
            double         y2,
            const GdkRGBA *line,
            const GdkRGBA *dots,
            guint          n_dot_colors,
            double         phase)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (MIN (x1, x2) - 8, MIN (y1, y2) - 8,
                                               fabs (x2 - x1) + 16, fabs (y2 - y1) + 16);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  double length = hypot (x2 - x1, y2 - y1);
  double ux = (x2 - x1) / length, uy = (y2 - y1) / length;

  gdk_cairo_set_source_rgba (cr, line);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2 - ux * 6, y2 - uy * 6);
  cairo_stroke (cr);
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - ux * 9 - uy * 5, y2 - uy * 9 + ux * 5);
  cairo_line_to (cr, x2 - ux * 9 + uy * 5, y2 - uy * 9 - ux * 5);
  cairo_close_path (cr);
  cairo_fill (cr);

  for (guint i = 0; dots != NULL && n_dot_colors > 0; i++)
    {
      double at = fmod (phase, DOT_SPACING) + i * DOT_SPACING;

      if (at > length - 10)
        break;
      gdk_cairo_set_source_rgba (cr, &dots[i % n_dot_colors]);
      cairo_arc (cr, x1 + ux * at, y1 + uy * at, 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

/* A layer of the diagram: a child that covers it, and draws one part of it (see
 * mpd_pipeline_diagram_snapshot()). */
typedef void (*LayerDrawFunc) (MpdPipelineDiagram *self,
                               GtkWidget          *layer,
                               GtkSnapshot        *snapshot);

struct _MpdPipelineLayer
{
  GtkWidget           parent_instance;
  MpdPipelineDiagram *diagram;  /* our parent */
  LayerDrawFunc       draw;
};

G_DECLARE_FINAL_TYPE (MpdPipelineLayer, mpd_pipeline_layer, MPD, PIPELINE_LAYER, GtkWidget)
G_DEFINE_FINAL_TYPE (MpdPipelineLayer, mpd_pipeline_layer, GTK_TYPE_WIDGET)

static void
mpd_pipeline_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  MpdPipelineLayer *self = MPD_PIPELINE_LAYER (widget);

  self->draw (self->diagram, widget, snapshot);
}

static void
mpd_pipeline_layer_class_init (MpdPipelineLayerClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = mpd_pipeline_layer_snapshot;
}

static void
mpd_pipeline_layer_init (MpdPipelineLayer *self)
{
}

/* A layer over @diagram that @draw draws; it lets clicks through to the diagram. */
static GtkWidget *
mpd_pipeline_layer_new (MpdPipelineDiagram *diagram,
                        LayerDrawFunc       draw)
{
  MpdPipelineLayer *self = g_object_new (mpd_pipeline_layer_get_type (), NULL);

  self->diagram = diagram;
  self->draw = draw;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self), GTK_WIDGET (diagram));
  return GTK_WIDGET (self);
}

/* The arrows are a layer of their own, over the boxes: while the dots move, only it is drawn
 * again, and the boxes and their text are not laid out and drawn again. Each arrow is a
 * drawing of its own, just as large as the arrow: GTK then compares the new frame with the
 * last one and paints again only where an arrow changed, not the whole diagram under them. */
static void
mpd_pipeline_diagram_draw_flow (MpdPipelineDiagram *self,
                                GtkWidget          *layer,
                                GtkSnapshot        *snapshot)
{
  gint64 flow_us = mpd_pipeline_diagram_flow_us (self);
  double phase = mpd_pipeline_diagram_dots_move (self)
                 ? self->now_us / (double) G_USEC_PER_SEC * DOT_SPEED : DOT_SPACING / 2;
  gboolean flowing = self->now_us - self->last_flow_us < flow_us;
  GdkRGBA active[MPD_PIPELINE_MAX_PRODUCERS];
  guint n_active = 0;
  GdkRGBA line;

  self->n_frames++;
  mpd_drawing_get_fg_color (GTK_WIDGET (self), &line);
  line.alpha = 0.55f;

  for (guint i = 0; i < self->n_producer_ends; i++)
    {
      const ProducerBox *box = i < self->producers->len
                               ? &g_array_index (self->producers, ProducerBox, i) : NULL;
      gboolean box_flowing = box && self->now_us - box->last_flow_us < flow_us;
      GdkRGBA color;

      mpd_drawing_producer_color (box ? box->color : 0, &color);
      if (box_flowing)
        active[n_active++] = color;
      draw_arrow (snapshot, self->producer_ends[i].x, self->producer_ends[i].y,
                  self->arrow_x[0][0], self->mid, &line, box_flowing ? &color : NULL, 1, phase);
    }

  for (guint i = 1; i < 4; i++)
    draw_arrow (snapshot, self->arrow_x[i][0], self->mid, self->arrow_x[i][1], self->mid,
                &line, flowing ? active : NULL, n_active, phase);
}


/* Sets @text, bold or not, with its lines to break between words only, never inside one:
 * Pango would break a Korean word between any two syllables ("파|이프가"). */
static void
set_text_between_words (PangoLayout *layout,
                        const char  *text,
                        gboolean     bold)
{
  PangoAttrList *attrs = mpd_wrap_attributes_for (text);

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Draws @text in @rect, centred, its lines wrapped to the width. When they do not all fit,
 * the lines go on one line, and what still does not fit ends in an ellipsis. */
static void
draw_box_text (GtkSnapshot           *snapshot,
               PangoLayout           *layout,
               const char            *text,
               const graphene_rect_t *rect,
               const GdkRGBA         *color)
{
  g_autofree char *one_line = NULL;
  int text_width, text_height;

  pango_layout_set_width (layout, (int) ((rect->size.width - 12) * PANGO_SCALE));
  pango_layout_set_height (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  set_text_between_words (layout, text, FALSE);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  if (text_height > rect->size.height - 6)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      one_line = g_strjoinv (" · ", lines);
      set_text_between_words (layout, one_line, FALSE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, (int) ((rect->size.height - 6) * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (rect->origin.x + 6,
                                                rect->origin.y + (rect->size.height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
mix (GdkRGBA       *result,
     const GdkRGBA *color,
     float          alpha)
{
  *result = *color;
  result->alpha = alpha;
}

/* Draws the titles and the boxes, with their text, in @widget: the child that holds them. */
static void
mpd_pipeline_diagram_draw_boxes (MpdPipelineDiagram *self,
                                 GtkWidget          *widget,
                                 GtkSnapshot        *snapshot)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autoptr(PangoLayout) title_layout = gtk_widget_create_pango_layout (widget, NULL);
  const char *titles[] = {
    _("Producer processes"), _("Pipe (the queue)"), _("Consumer thread"), _("Main loop"),
    _("Status bar"),
  };
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float column_width[5], column_x[5];
  GdkRGBA fg, box_fill, box_border, paused, blocked, ended, ok;
  float top, content_height, box_height, mid;
  double em = mpd_drawing_get_em (widget);
  int title_height;
  graphene_rect_t boxes[5];
  guint n_boxes = MAX (self->producers->len, 1);

  self->n_frames++;

  mpd_drawing_get_fg_color (widget, &fg);
  mix (&box_fill, &fg, 0.06f);
  mix (&box_border, &fg, 0.35f);
  gdk_rgba_parse (&paused, "rgba(229,165,10,0.35)");
  gdk_rgba_parse (&blocked, "rgba(224,27,36,0.35)");
  gdk_rgba_parse (&ended, "rgba(128,128,128,0.25)");
  gdk_rgba_parse (&ok, "#2ec27e");

  /* Columns: the producers' is a little wider, as it holds pids and states. */
  column_width[0] = (width - 4 * ARROW_GAP) * 0.22f;
  for (guint i = 1; i < 5; i++)
    column_width[i] = (width - 4 * ARROW_GAP - column_width[0]) / 4;
  column_x[0] = 0;
  for (guint i = 1; i < 5; i++)
    column_x[i] = column_x[i - 1] + column_width[i - 1] + ARROW_GAP;

  pango_layout_set_alignment (title_layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (title_layout, PANGO_WRAP_WORD_CHAR);
  title_height = 0;
  for (guint i = 0; i < 5; i++)
    {
      int h;

      pango_layout_set_width (title_layout, (int) (column_width[i] * PANGO_SCALE));
      set_text_between_words (title_layout, titles[i], TRUE);
      pango_layout_get_pixel_size (title_layout, NULL, &h);
      title_height = MAX (title_height, h);
      mpd_drawing_append_text (snapshot, title_layout, titles[i], column_x[i], 0, &fg);
    }

  top = title_height + 8;
  content_height = height - top;
  mid = top + content_height / 2;

  /* The boxes after the producers, all of one height, in the middle. */
  box_height = MIN (content_height, BOX_LINES * em);
  for (guint i = 1; i < 5; i++)
    boxes[i] = GRAPHENE_RECT_INIT (column_x[i], mid - box_height / 2, column_width[i], box_height);

  /* The producers, stacked. */
  {
    float gap = 6;
    float producer_height = MIN (BOX_LINES * em, (content_height - gap * (n_boxes - 1)) / n_boxes);
    float first_y = mid - (producer_height * n_boxes + gap * (n_boxes - 1)) / 2;

    for (guint i = 0; i < n_boxes; i++)
      {
        graphene_rect_t rect = GRAPHENE_RECT_INIT (0, first_y + i * (producer_height + gap),
                                                   column_width[0], producer_height);
        const ProducerBox *box = i < self->producers->len
                                 ? &g_array_index (self->producers, ProducerBox, i) : NULL;
        GdkRGBA color;

        if (box != NULL)
          mpd_drawing_producer_color (box->color, &color);
        else
          color = box_border;
        self->producer_rects[i] = rect;
        self->producer_ends[i] = GRAPHENE_POINT_INIT (column_width[0] + 2,
                                                      rect.origin.y + producer_height / 2);

        /* The state shows as the box's colour: paused yellow, blocked red, ended grey. */
        mpd_drawing_append_box (snapshot, &rect, 8,
                                box == NULL ? &box_fill
                                : box->state == MPD_PRODUCER_STATE_PAUSED ? &paused
                                : box->state == MPD_PRODUCER_STATE_BLOCKED ? &blocked
                                : box->state == MPD_PRODUCER_STATE_EXITED ? &ended
                                : &box_fill,
                                &color, box ? 3 : 1);
        draw_box_text (snapshot, layout,
                       box && box->text ? box->text : self->texts[MPD_DIAGRAM_PART_PRODUCER],
                       &rect, &fg);
      }

    self->n_producer_ends = n_boxes;
    self->mid = mid;
    self->arrow_x[0][0] = boxes[1].origin.x - 2;
    for (guint i = 1; i < 4; i++)
      {
        self->arrow_x[i][0] = boxes[i].origin.x + boxes[i].size.width + 2;
        self->arrow_x[i][1] = boxes[i + 1].origin.x - 2;
      }
  }

  /* The pipe: how full it is, as a bar, red when a writer would have to wait. */
  mpd_drawing_append_box (snapshot, &boxes[1], 8, &box_fill, &box_border, 1);
  if (self->capacity > 0)
    {
      float fraction = MIN (1.0f, (float) self->bytes_waiting / self->capacity);
      graphene_rect_t level = GRAPHENE_RECT_INIT (boxes[1].origin.x, boxes[1].origin.y,
                                                  boxes[1].size.width * fraction,
                                                  boxes[1].size.height);
      GdkRGBA level_color;

      if (mpd_pipeline_diagram_get_pipe_full (self))
        level_color = blocked;
      else
        mix (&level_color, &ok, fraction > 0.5f ? 0.45f : 0.3f);
      mpd_drawing_append_box (snapshot, &level, 8, &level_color, NULL, 0);
    }

  for (guint i = 2; i < 5; i++)
    {
      gboolean waits = i == 2 && self->consumer_state == MPD_CONSUMER_STATE_BLOCKED;

      mpd_drawing_append_box (snapshot, &boxes[i], 8, waits ? &blocked : &box_fill,
                              &box_border, 1);
    }

  for (guint i = 1; i < 5; i++)
    if (self->texts[i] != NULL)
      draw_box_text (snapshot, layout, self->texts[i], &boxes[i], &fg);
}

/* The diagram is two children, one over the other: the boxes with their text, and the arrows
 * with their moving dots. GTK keeps what each child drew last, and asks a child to draw again
 * only when it changed; but a widget draws again whenever one of its children does. So the
 * diagram itself draws nothing: a step of the dots makes the arrows draw again, and the boxes,
 * whose text is most of the work, stay as they were. */
static void
mpd_pipeline_diagram_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  MpdPipelineDiagram *self = MPD_PIPELINE_DIAGRAM (widget);

  gtk_widget_snapshot_child (widget, self->boxes_area, snapshot);
  gtk_widget_snapshot_child (widget, self->flow_area, snapshot);
}

static void
mpd_pipeline_diagram_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  MpdPipelineDiagram *self = MPD_PIPELINE_DIAGRAM (widget);

  gtk_widget_measure (self->boxes_area, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_allocate (self->boxes_area, width, height, baseline, NULL);
  gtk_widget_measure (self->flow_area, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_allocate (self->flow_area, width, height, baseline, NULL);
  gtk_widget_queue_draw (self->flow_area);  /* the boxes move: the arrows follow */
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

/**
 * mpd_pipeline_diagram_popup_menu:
 * @self: a diagram
 * @model: the menu
 * @rect: the box it is about
 *
 * Shows @model in a popover that points to @rect: a producer's own controls.
 */
void
mpd_pipeline_diagram_popup_menu (MpdPipelineDiagram    *self,
                                 GMenuModel            *model,
                                 const graphene_rect_t *rect)
{
  g_return_if_fail (MPD_IS_PIPELINE_DIAGRAM (self));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) rect->origin.x, (int) rect->origin.y,
                                                 (int) rect->size.width,
                                                 (int) rect->size.height });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
mpd_pipeline_diagram_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  MpdPipelineDiagram *self = MPD_PIPELINE_DIAGRAM (widget);
  guint n_boxes = MAX (self->producers->len, 1);

  double em = mpd_drawing_get_em (widget);

  /* Room for the titles (two lines), and for the producers' boxes one above the other; in
   * lines of text, so that it grows with the zoom. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (31 * em);
      *natural = (int) (42 * em);
    }
  else
    {
      *minimum = *natural = (int) (TITLE_LINES * em +
                                   MAX (BOX_LINES * em, n_boxes * (PRODUCER_BOX_LINES * em + 6)));
    }
}

static void
mpd_pipeline_diagram_dispose (GObject *object)
{
  MpdPipelineDiagram *self = (MpdPipelineDiagram *)object;

  g_clear_pointer (&self->boxes_area, gtk_widget_unparent);
  g_clear_pointer (&self->flow_area, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->stats);

  G_OBJECT_CLASS (mpd_pipeline_diagram_parent_class)->dispose (object);
}

static void
mpd_pipeline_diagram_finalize (GObject *object)
{
  MpdPipelineDiagram *self = (MpdPipelineDiagram *)object;

  g_clear_pointer (&self->producers, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->texts); i++)
    g_clear_pointer (&self->texts[i], g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (mpd_pipeline_diagram_parent_class)->finalize (object);
}

static void
mpd_pipeline_diagram_class_init (MpdPipelineDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_pipeline_diagram_dispose;
  object_class->finalize = mpd_pipeline_diagram_finalize;

  widget_class->snapshot = mpd_pipeline_diagram_snapshot;
  widget_class->measure = mpd_pipeline_diagram_measure;
  widget_class->size_allocate = mpd_pipeline_diagram_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "pipelinediagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mpd_pipeline_diagram_init (MpdPipelineDiagram *self)
{
  self->producers = g_array_new (FALSE, TRUE, sizeof (ProducerBox));
  g_array_set_clear_func (self->producers, producer_box_clear);
  self->last_box = -1;
  self->last_flow_us = G_MININT64 / 2;
  self->flow_gap_us = G_MAXINT64;

  self->boxes_area = mpd_pipeline_layer_new (self, mpd_pipeline_diagram_draw_boxes);
  self->flow_area = mpd_pipeline_layer_new (self, mpd_pipeline_diagram_draw_flow);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Diagram of the pipeline: producer processes, pipe, "
                                    "consumer thread, main loop, status bar"),
                                  -1);
}

void
mpd_pipeline_diagram_set_pipeline (MpdPipelineDiagram *self,
                                   MpdPipeline        *pipeline)
{
  g_return_if_fail (MPD_IS_PIPELINE_DIAGRAM (self));
  g_return_if_fail (pipeline == NULL || MPD_IS_PIPELINE (pipeline));

  if (g_set_object (&self->pipeline, pipeline))
    {
      self->sampled_us = 0;
      gtk_widget_queue_draw (self->boxes_area);
    }
}

void
mpd_pipeline_diagram_set_stats (MpdPipelineDiagram *self,
                                MpdStats           *stats)
{
  g_return_if_fail (MPD_IS_PIPELINE_DIAGRAM (self));
  g_return_if_fail (stats == NULL || MPD_IS_STATS (stats));

  g_set_object (&self->stats, stats);
}

/**
 * mpd_pipeline_diagram_set_slow_consumer_ms:
 * @self: a diagram
 * @milliseconds: how long the main loop takes per batch on purpose, or 0
 */
void
mpd_pipeline_diagram_set_slow_consumer_ms (MpdPipelineDiagram *self,
                                           guint               milliseconds)
{
  g_return_if_fail (MPD_IS_PIPELINE_DIAGRAM (self));

  self->slow_consumer_ms = milliseconds;
  self->sampled_us = 0;
}

/**
 * mpd_pipeline_diagram_dup_text:
 * @self: a diagram
 * @part: which box
 * @index: for %MPD_DIAGRAM_PART_PRODUCER, which producer (from 0); else 0
 *
 * Returns: (transfer full) (nullable): the text the box shows, its lines joined by "\n"
 */
char *
mpd_pipeline_diagram_dup_text (MpdPipelineDiagram *self,
                               MpdDiagramPart      part,
                               guint               index)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_DIAGRAM (self), NULL);
  g_return_val_if_fail (part <= MPD_DIAGRAM_PART_STATUS_BAR, NULL);

  if (part == MPD_DIAGRAM_PART_PRODUCER && index < self->producers->len)
    return g_strdup (g_array_index (self->producers, ProducerBox, index).text);

  return g_strdup (self->texts[part]);
}

guint
mpd_pipeline_diagram_get_n_producer_boxes (MpdPipelineDiagram *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_DIAGRAM (self), 0);

  return self->producers->len;
}

/**
 * mpd_pipeline_diagram_get_pipe_full:
 * @self: a diagram
 *
 * Returns: %TRUE when the pipe has less room than one write of PIPE_BUF bytes: a producer
 *   that writes then has to wait
 */
gboolean
mpd_pipeline_diagram_get_pipe_full (MpdPipelineDiagram *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_DIAGRAM (self), FALSE);

  return self->capacity > 0 && self->bytes_waiting + MPD_FRAME_MAX_SIZE > self->capacity;
}

/**
 * mpd_pipeline_diagram_get_n_frames:
 * @self: a diagram
 *
 * Returns: how many times the diagram was drawn
 */
guint64
mpd_pipeline_diagram_get_n_frames (MpdPipelineDiagram *self)
{
  g_return_val_if_fail (MPD_IS_PIPELINE_DIAGRAM (self), 0);

  return self->n_frames;
}
