/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-log-view.c: the message log, as a table: number, producer, time put, latency. */

/*
 * The table shows MpdMessageLog, the newest thousand messages. GtkColumnView makes widgets
 * only for the rows around those on screen. Row 0 is always the newest message: when messages
 * come, the rows stay and only their text changes (MpdLogEntry::changed), so the table stays
 * light during a flood.
 */

#define G_LOG_DOMAIN "mpd-log-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-a11y.h"
#include "mpd-figure.h"
#include "mpd-log-view.h"
#include "mpd-stats-view.h"

struct _MpdLogView
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkColumnView *column_view;

  /* Owned */
  MpdStats      *stats;
  GtkSelectionModel *selection;  /* the log, shown while the view is live */
  gboolean       live;
};

G_DEFINE_FINAL_TYPE (MpdLogView, mpd_log_view, GTK_TYPE_WIDGET)

/* The cells are GtkInscriptions (see mpd-figure.c): every row shows another message each
 * time one comes, and a GtkLabel would make the whole window lay itself out again for it. */
static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  setup_text_cb (factory, list_item, user_data);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), 1);
}

/* A coloured square, as the producer's box in the diagram, and its pid. */
static void
setup_producer_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
set_text (GtkListItem *list_item,
          const char  *text)
{
  mpd_figure_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (list_item)), text, 0);
}

/* What each column shows of its row's entry. */

static void
show_sequence (MpdLogEntry *entry,
               GtkListItem *list_item)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                           mpd_log_entry_get_sequence (entry));

  set_text (list_item, text);
}

static void
show_producer (MpdLogEntry *entry,
               GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  MpdLogView *self = MPD_LOG_VIEW (gtk_widget_get_ancestor (box, MPD_TYPE_LOG_VIEW));
  int pid = mpd_log_entry_get_pid (entry);
  int index = self && self->stats ? mpd_stats_find_producer (self->stats, pid) : -1;
  g_autofree char *color_class = g_strdup_printf ("producer-%d", MAX (index, 0) % 8);
  g_autofree char *text = g_strdup_printf ("%d", pid);

  gtk_widget_set_css_classes (gtk_widget_get_first_child (box),
                              (const char *[]) { "swatch", color_class, NULL });
  mpd_figure_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (box)), text, 0);
}

static void
show_time (MpdLogEntry *entry,
           GtkListItem *list_item)
{
  g_autofree char *text = mpd_message_format (mpd_log_entry_get_message (entry));

  set_text (list_item, text);
}

static void
show_latency (MpdLogEntry *entry,
              GtkListItem *list_item)
{
  g_autofree char *text = mpd_stats_view_format_latency (mpd_log_entry_get_latency_us (entry));

  set_text (list_item, text);
}

/* A row shows its entry now, and again whenever the entry gets another message. */
static void
bind_with (GtkListItem *list_item,
           void       (*show) (MpdLogEntry *entry,
                               GtkListItem *list_item))
{
  MpdLogEntry *entry = gtk_list_item_get_item (list_item);

  show (entry, list_item);
  g_signal_connect_object (entry, "changed", G_CALLBACK (show), list_item, 0);
}

static void
bind_sequence_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  bind_with (list_item, show_sequence);
}

static void
bind_producer_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  bind_with (list_item, show_producer);
}

static void
bind_time_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  bind_with (list_item, show_time);
}

static void
bind_latency_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  bind_with (list_item, show_latency);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (list_item), list_item);
}

/**
 * mpd_log_view_set_log:
 * @self: a view
 * @log: the log to show
 * @stats: the statistics, to colour each producer as the diagram does
 */
void
mpd_log_view_set_log (MpdLogView    *self,
                      MpdMessageLog *log,
                      MpdStats      *stats)
{
  g_return_if_fail (MPD_IS_LOG_VIEW (self));
  g_return_if_fail (MPD_IS_MESSAGE_LOG (log));
  g_return_if_fail (MPD_IS_STATS (stats));

  g_set_object (&self->stats, stats);
  g_clear_object (&self->selection);
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (log))));
  gtk_column_view_set_model (self->column_view, self->live ? self->selection : NULL);
}

/**
 * mpd_log_view_set_live:
 * @self: a view
 * @live: whether the view follows the log
 *
 * A list that gets a new row every second makes its rows and lays the window out again each
 * time, even scrolled out of sight: GtkListView keeps up to 200 rows made. While @self cannot
 * be seen, its page says so here: it lets go of the log, and costs nothing; it takes the log
 * again, as it is then, when it comes into sight.
 */
void
mpd_log_view_set_live (MpdLogView *self,
                       gboolean    live)
{
  g_return_if_fail (MPD_IS_LOG_VIEW (self));

  if (self->live == !!live)
    return;

  self->live = !!live;
  gtk_column_view_set_model (self->column_view, self->live ? self->selection : NULL);
}

static void
mpd_log_view_dispose (GObject *object)
{
  MpdLogView *self = (MpdLogView *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_LOG_VIEW);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->stats);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (mpd_log_view_parent_class)->dispose (object);
}

static void
mpd_log_view_class_init (MpdLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_log_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/mpd-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdLogView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_producer_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_sequence_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_producer_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_time_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_latency_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);
}

static void
mpd_log_view_init (MpdLogView *self)
{
  self->live = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The column view is named in the .ui file; the list inside it, here. */
  mpd_a11y_label_parts (GTK_WIDGET (self->column_view), GTK_TYPE_LIST_VIEW,
                        _("The most recent messages, newest first"));
}
