/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-log-view.c: the message log, as a table: number, producer, time put, latency. */

/*
 * The table shows MpdMessageLog, the newest thousand messages. GtkColumnView makes widgets
 * only for the rows on screen and reuses them as the list changes, so the log can change
 * every frame during a flood and the table stays light.
 */

#define G_LOG_DOMAIN "mpd-log-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-log-view.h"
#include "mpd-stats-view.h"

struct _MpdLogView
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scrolled_window;
  GtkColumnView *column_view;

  /* Owned */
  MpdStats      *stats;
  gboolean       following;  /* the view shows the newest rows */
};

G_DEFINE_FINAL_TYPE (MpdLogView, mpd_log_view, GTK_TYPE_WIDGET)

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  setup_text_cb (factory, list_item, user_data);
  gtk_label_set_xalign (GTK_LABEL (gtk_list_item_get_child (list_item)), 1);
}

/* A coloured square, as the producer's box in the diagram, and its pid. */
static void
setup_producer_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);

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
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
bind_sequence_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  MpdLogEntry *entry = gtk_list_item_get_item (list_item);
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                           mpd_log_entry_get_sequence (entry));

  set_text (list_item, text);
}

static void
bind_producer_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  MpdLogView *self = MPD_LOG_VIEW (user_data);
  MpdLogEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  int pid = mpd_log_entry_get_pid (entry);
  int index = self->stats ? mpd_stats_find_producer (self->stats, pid) : -1;
  g_autofree char *color_class = g_strdup_printf ("producer-%d", MAX (index, 0) % 8);
  g_autofree char *text = g_strdup_printf ("%d", pid);

  gtk_widget_set_css_classes (swatch, (const char *[]) { "swatch", color_class, NULL });
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), text);
}

static void
bind_time_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  MpdLogEntry *entry = gtk_list_item_get_item (list_item);
  g_autofree char *text = mpd_message_format_wall_time (mpd_log_entry_get_message (entry));

  set_text (list_item, text);
}

static void
bind_latency_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  MpdLogEntry *entry = gtk_list_item_get_item (list_item);
  g_autofree char *text = mpd_stats_view_format_latency (mpd_log_entry_get_latency_us (entry));

  set_text (list_item, text);
}

/* New messages come at the top. A reader who scrolled down to look at older ones keeps
 * looking at them; else the newest stay in view. (A list view keeps the rows it shows in
 * view as rows are added above them, so it is asked to go back to the first row.) */
static void
mpd_log_view_items_changed_cb (MpdLogView *self,
                               guint       position,
                               guint       removed,
                               guint       added,
                               GListModel *model)
{
  if (position != 0 || added == 0 || !self->following)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
}

static void
mpd_log_view_scrolled_cb (MpdLogView    *self,
                          GtkAdjustment *adjustment)
{
  /* At the top, or within a row of it. */
  self->following = gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_lower (adjustment)
                    < 30;
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
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (MPD_IS_LOG_VIEW (self));
  g_return_if_fail (MPD_IS_MESSAGE_LOG (log));
  g_return_if_fail (MPD_IS_STATS (stats));

  g_set_object (&self->stats, stats);
  g_signal_connect_object (log, "items-changed", G_CALLBACK (mpd_log_view_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (log)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

static void
mpd_log_view_dispose (GObject *object)
{
  MpdLogView *self = (MpdLogView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MPD_TYPE_LOG_VIEW);
  g_clear_object (&self->stats);

  G_OBJECT_CLASS (mpd_log_view_parent_class)->dispose (object);
}

static void
mpd_log_view_class_init (MpdLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_log_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/mpd-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdLogView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MpdLogView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_number_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_producer_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_sequence_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_producer_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_time_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_latency_cb);
}

static void
mpd_log_view_init (MpdLogView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->following = TRUE;
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled_window),
                           "value-changed", G_CALLBACK (mpd_log_view_scrolled_cb), self,
                           G_CONNECT_SWAPPED);
}
