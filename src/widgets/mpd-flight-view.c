/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-flight-view.c: the values in flight in a lesson's queues, and who waits for them. */

/*
 * A queue's values are in the pipe, where only the queue knows them as values: the kernel
 * sees bytes. So the queue tells the page (mpd-events.h): +1 for each put() and -1 for each
 * get() ('Q'), whose sum is how many values wait; and when a process begins to wait in a call,
 * and goes on ('W', 'G').
 * MpDemo's C queue says it itself; Python's, through sitecustomize.py.
 *
 * This view reads those events from the run's history, up to the moment the page shows, and
 * draws each queue as a row of slots: one per value waiting (its maxsize of them outlined, when
 * it has one), then who waits in which call ("pid 1234, waiting in q.put()"). Waits in calls
 * of no queue (join(), recv()) are listed under the queues. It shows only when the run told of a queue
 * or a wait. The bytes in the pipes themselves are the process view's: the kernel says those.
 */

#define G_LOG_DOMAIN "mpd-flight-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-drawing.h"
#include "mpd-events.h"
#include "mpd-flight-view.h"

/* At most this many slots are drawn; more values are written as "+N". */
#define MAX_SLOTS 12
#define ROW_EM    1.9

typedef struct
{
  char    *name;
  gint64   size;
  int      maxsize;
  GString *waits;    /* "pid 1234, waiting in q.put()", for this queue */
} QueueRow;

struct _MpdFlightView
{
  GtkWidget      parent_instance;

  MpdRunHistory *history;
  gint64         moment_us;  /* -1: now */
  GPtrArray     *queues;     /* of QueueRow */
  GString       *other_waits;
  GHashTable    *calls;      /* pid -> the call it waits in, at the moment shown */
  char          *text;
};

G_DEFINE_FINAL_TYPE (MpdFlightView, mpd_flight_view, GTK_TYPE_WIDGET)

static void
queue_row_free (gpointer data)
{
  QueueRow *row = data;

  g_free (row->name);
  g_string_free (row->waits, TRUE);
  g_free (row);
}

static QueueRow *
find_queue (MpdFlightView *self,
            const char    *name,
            gsize          name_len,
            gboolean       add)
{
  QueueRow *row;

  for (guint i = 0; i < self->queues->len; i++)
    {
      row = g_ptr_array_index (self->queues, i);
      if (strlen (row->name) == name_len && strncmp (row->name, name, name_len) == 0)
        return row;
    }
  if (!add)
    return NULL;
  row = g_new0 (QueueRow, 1);
  row->name = g_strndup (name, name_len);
  row->waits = g_string_new (NULL);
  g_ptr_array_add (self->queues, row);
  return row;
}

/* The waits still going at the moment: each 'W' without its 'G' (the same process and call). */
static GPtrArray *
open_waits (GArray *events,
            gint64  moment)
{
  GPtrArray *waits = g_ptr_array_new ();

  for (guint i = 0; i < events->len; i++)
    {
      const MpdEvent *event = &g_array_index (events, MpdEvent, i);

      if (moment >= 0 && event->time_us > moment)
        break;
      if (event->kind == MPD_EVENT_WAIT_BEGAN)
        g_ptr_array_add (waits, (gpointer) event);
      else if (event->kind == MPD_EVENT_WAIT_ENDED)
        for (guint j = waits->len; j > 0; j--)
          {
            const MpdEvent *began = g_ptr_array_index (waits, j - 1);

            if (began->pid == event->pid && g_strcmp0 (began->label, event->label) == 0)
              {
                g_ptr_array_remove_index (waits, j - 1);
                break;
              }
          }
    }
  return waits;
}

/**
 * mpd_flight_view_update:
 * @self: a view
 *
 * Reads the history again, up to the moment shown, and draws what it says.
 */
void
mpd_flight_view_update (MpdFlightView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) waits = NULL;
  GArray *events;

  g_return_if_fail (MPD_IS_FLIGHT_VIEW (self));

  g_ptr_array_set_size (self->queues, 0);
  g_string_truncate (self->other_waits, 0);
  g_clear_pointer (&self->calls, g_hash_table_unref);
  self->calls = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (self->history == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  events = mpd_run_history_get_events (self->history);
  for (guint i = 0; i < events->len; i++)
    {
      const MpdEvent *event = &g_array_index (events, MpdEvent, i);
      QueueRow *row;

      if (self->moment_us >= 0 && event->time_us > self->moment_us)
        break;
      if (event->kind != MPD_EVENT_QUEUE_SIZE)
        continue;
      row = find_queue (self, event->label, strlen (event->label), TRUE);
      row->size += event->value;
      row->maxsize = event->number;
    }
  for (guint i = 0; i < self->queues->len; i++)
    {
      QueueRow *row = g_ptr_array_index (self->queues, i);

      /* A Python get() may tell before the put() that it took the value from. */
      row->size = MAX (row->size, 0);
    }

  waits = open_waits (events, self->moment_us);
  for (guint i = 0; i < waits->len; i++)
    {
      const MpdEvent *wait = g_ptr_array_index (waits, i);
      const char *dot = strrchr (wait->label, '.');
      QueueRow *row = dot != NULL ? find_queue (self, wait->label, dot - wait->label, TRUE) : NULL;
      GString *list = row != NULL ? row->waits : self->other_waits;

      g_hash_table_replace (self->calls, GINT_TO_POINTER (wait->pid), g_strdup (wait->label));
      if (list->len > 0)
        g_string_append (list, "; ");
      /* Translators: a process that waits in a call of a queue or a pipe: "pid 1234, waiting in
       * q.put()". */
      g_string_append_printf (list, _("pid %d, waiting in %s"), wait->pid, wait->label);
    }

  for (guint i = 0; i < self->queues->len; i++)
    {
      QueueRow *row = g_ptr_array_index (self->queues, i);

      int size = (int) MIN (row->size, G_MAXINT);

      if (row->maxsize > 0)
        /* Translators: a queue, how many values wait in it, and how many it holds at most. */
        g_string_append_printf (text, ngettext ("Queue %s: %d value waits (it holds %d at most).",
                                                "Queue %s: %d values wait (it holds %d at most).",
                                                size),
                                row->name, size, row->maxsize);
      else
        /* Translators: a queue, and how many values wait in it. */
        g_string_append_printf (text, ngettext ("Queue %s: %d value waits.",
                                                "Queue %s: %d values wait.", size),
                                row->name, size);
      if (row->waits->len > 0)
        g_string_append_printf (text, " %s.", row->waits->str);
      g_string_append_c (text, '\n');
    }
  if (self->other_waits->len > 0)
    g_string_append_printf (text, "%s.\n", self->other_waits->str);

  gtk_widget_set_visible (GTK_WIDGET (self), text->len > 0);
  if (g_strcmp0 (self->text, text->str) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->text, -1);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

/**
 * mpd_flight_view_set_history:
 * @self: a view
 * @history: (nullable): the run to show
 */
void
mpd_flight_view_set_history (MpdFlightView *self,
                             MpdRunHistory *history)
{
  g_return_if_fail (MPD_IS_FLIGHT_VIEW (self));

  g_set_object (&self->history, history);
  self->moment_us = -1;
  mpd_flight_view_update (self);
}

/**
 * mpd_flight_view_set_moment:
 * @self: a view
 * @moment_us: the moment to show, on the history's clock, or -1 for now
 */
void
mpd_flight_view_set_moment (MpdFlightView *self,
                            gint64         moment_us)
{
  g_return_if_fail (MPD_IS_FLIGHT_VIEW (self));

  self->moment_us = moment_us;
  mpd_flight_view_update (self);
}

/**
 * mpd_flight_view_get_calls:
 *
 * Returns: (transfer none): pid -> the call it waits in (a string), at the moment shown: what
 *   the drawing adds to each process's state
 */
GHashTable *
mpd_flight_view_get_calls (MpdFlightView *self)
{
  g_return_val_if_fail (MPD_IS_FLIGHT_VIEW (self), NULL);

  return self->calls;
}

/**
 * mpd_flight_view_dup_text:
 *
 * Returns: (transfer full): what the view shows, in words: one line per queue, then the other
 *   waits
 */
char *
mpd_flight_view_dup_text (MpdFlightView *self)
{
  g_return_val_if_fail (MPD_IS_FLIGHT_VIEW (self), NULL);

  return g_strdup (self->text != NULL ? self->text : "");
}

static guint
n_rows (MpdFlightView *self)
{
  return self->queues->len + (self->other_waits->len > 0 ? 1 : 0);
}

static void
mpd_flight_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  MpdFlightView *self = MPD_FLIGHT_VIEW (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  double em = mpd_drawing_get_em (widget);
  float width = gtk_widget_get_width (widget);
  float row_h = ROW_EM * em, slot = 1.2f * em, name_w = 3 * em;
  GdkRGBA fg, value_color, empty, border;

  mpd_drawing_get_fg_color (widget, &fg);
  mpd_drawing_producer_color (0, &value_color);
  empty = fg;
  empty.alpha = 0.06f;
  border = fg;
  border.alpha = 0.4f;

  for (guint i = 0; i < self->queues->len; i++)
    {
      QueueRow *row = g_ptr_array_index (self->queues, i);
      float y = i * row_h;
      guint shown = (guint) MIN (MAX (row->size, row->maxsize), MAX_SLOTS);
      float x = name_w;
      g_autofree char *count = NULL;

      pango_layout_set_width (layout, -1);
      mpd_drawing_append_text (snapshot, layout, row->name, 0, y + 0.3f * em, &fg);
      for (guint s = 0; s < MAX (shown, 1); s++)
        {
          graphene_rect_t box = GRAPHENE_RECT_INIT (x, y + 0.25f * em, slot - 3, slot);

          mpd_drawing_append_box (snapshot, &box, 3, s < row->size ? &value_color : &empty,
                                  &border, 1);
          x += slot;
        }
      if (row->size > MAX_SLOTS)
        count = g_strdup_printf ("+%" G_GINT64_FORMAT, row->size - MAX_SLOTS);
      else if (row->maxsize > 0)
        count = g_strdup_printf ("%" G_GINT64_FORMAT "/%d", row->size, row->maxsize);
      else
        count = g_strdup_printf ("%" G_GINT64_FORMAT, row->size);
      mpd_drawing_append_text (snapshot, layout, count, x + em / 3, y + 0.3f * em, &fg);
      x += 3.5f * em;
      if (row->waits->len > 0 && width - x > 4 * em)
        {
          pango_layout_set_width (layout, (int) ((width - x) * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          mpd_drawing_append_text (snapshot, layout, row->waits->str, x, y + 0.3f * em, &fg);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
        }
    }
  if (self->other_waits->len > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      mpd_drawing_append_text (snapshot, layout, self->other_waits->str, 0,
                               self->queues->len * row_h + 0.3f * em, &fg);
    }
}

static void
mpd_flight_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  MpdFlightView *self = MPD_FLIGHT_VIEW (widget);
  double em = mpd_drawing_get_em (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (12 * em);
      *natural = (int) (30 * em);
    }
  else
    *minimum = *natural = (int) (n_rows (self) * ROW_EM * em);
}

static void
mpd_flight_view_dispose (GObject *object)
{
  MpdFlightView *self = MPD_FLIGHT_VIEW (object);

  g_clear_object (&self->history);
  G_OBJECT_CLASS (mpd_flight_view_parent_class)->dispose (object);
}

static void
mpd_flight_view_finalize (GObject *object)
{
  MpdFlightView *self = MPD_FLIGHT_VIEW (object);

  g_ptr_array_unref (self->queues);
  g_string_free (self->other_waits, TRUE);
  g_clear_pointer (&self->calls, g_hash_table_unref);
  g_free (self->text);
  G_OBJECT_CLASS (mpd_flight_view_parent_class)->finalize (object);
}

static void
mpd_flight_view_class_init (MpdFlightViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_flight_view_dispose;
  object_class->finalize = mpd_flight_view_finalize;
  widget_class->snapshot = mpd_flight_view_snapshot;
  widget_class->measure = mpd_flight_view_measure;

  gtk_widget_class_set_css_name (widget_class, "flightview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mpd_flight_view_init (MpdFlightView *self)
{
  self->moment_us = -1;
  self->queues = g_ptr_array_new_with_free_func (queue_row_free);
  self->other_waits = g_string_new (NULL);
  self->calls = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Values in flight, in the queues"), -1);
}
