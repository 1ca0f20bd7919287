/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-status-bar.c: the bar at the bottom of the window: latest message, producer, count. */

/*
 * GtkStatusbar is deprecated in newer GTK, so this is a plain widget with three labels. Its
 * accessible role is "status", so a screen reader knows that its text is the window's
 * status, and reads the labels' text as it is shown.
 *
 * What is new is also announced, politely (after what the screen reader is saying), with
 * gtk_accessible_announce() where GTK has it (4.14 and newer). A new timestamp every second
 * would drown everything else, so only the first one after each event is announced: the
 * listener hears that messages flow, and then hears the next event.
 */

#define G_LOG_DOMAIN "mpd-status-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-figure.h"
#include "mpd-status-bar.h"

struct _MpdStatusBar
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkInscription *text_label;  /* see mpd-figure.c: a new text does not lay the window out */
  GtkLabel  *producer_label;
  GtkInscription *count_label;

  char      *last_announcement;
  gboolean   time_announced;
};

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MpdStatusBar, mpd_status_bar, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static void
mpd_status_bar_dispose (GObject *object)
{
  MpdStatusBar *self = MPD_STATUS_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), MPD_TYPE_STATUS_BAR);
  g_clear_pointer (&self->last_announcement, g_free);

  G_OBJECT_CLASS (mpd_status_bar_parent_class)->dispose (object);
}

static void
mpd_status_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MpdStatusBar *self = MPD_STATUS_BAR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, mpd_status_bar_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_status_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MpdStatusBar *self = MPD_STATUS_BAR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      mpd_status_bar_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mpd_status_bar_class_init (MpdStatusBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_status_bar_dispose;
  object_class->get_property = mpd_status_bar_get_property;
  object_class->set_property = mpd_status_bar_set_property;

  /* The main text: the newest message's time, or what went wrong. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mpd-status-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MpdStatusBar, text_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatusBar, producer_label);
  gtk_widget_class_bind_template_child (widget_class, MpdStatusBar, count_label);

  gtk_widget_class_set_css_name (widget_class, "statusbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

/* A long error message is cut to fit: its tooltip shows all of it. The tooltip is made only
 * when asked for, and only for a cut text: setting one with every new timestamp would cost
 * more than showing the timestamp. */
static gboolean
mpd_status_bar_query_tooltip_cb (GtkInscription *label,
                                 int             x,
                                 int             y,
                                 gboolean        keyboard_mode,
                                 GtkTooltip     *tooltip,
                                 gpointer        user_data)
{
  const char *text = gtk_inscription_get_text (label);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (label), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (GTK_WIDGET (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
mpd_status_bar_init (MpdStatusBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_label), TRUE);
  g_signal_connect (self->text_label, "query-tooltip",
                    G_CALLBACK (mpd_status_bar_query_tooltip_cb), NULL);

  mpd_status_bar_set_producer_pid (self, 0);
  mpd_status_bar_set_n_messages (self, 0);
}

/**
 * mpd_status_bar_get_text:
 * @self: a status bar
 *
 * Returns: the main text: the latest message's time, or what went wrong
 */
const char *
mpd_status_bar_get_text (MpdStatusBar *self)
{
  g_return_val_if_fail (MPD_IS_STATUS_BAR (self), NULL);

  return gtk_inscription_get_text (self->text_label);
}

static void
mpd_status_bar_announce (MpdStatusBar *self,
                         const char   *text)
{
  g_free (self->last_announcement);
  self->last_announcement = g_strdup (text);

#if GTK_CHECK_VERSION (4, 14, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (self), text,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

static gboolean
mpd_status_bar_show (MpdStatusBar *self,
                     const char   *text)
{
  if (g_strcmp0 (text, gtk_inscription_get_text (self->text_label)) == 0)
    return FALSE;

  gtk_inscription_set_text (self->text_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  return TRUE;
}

/**
 * mpd_status_bar_set_text:
 * @self: a status bar
 * @text: news: what happened, or what went wrong
 *
 * Shows @text, and announces it to a screen reader.
 */
void
mpd_status_bar_set_text (MpdStatusBar *self,
                         const char   *text)
{
  g_return_if_fail (MPD_IS_STATUS_BAR (self));

  if (mpd_status_bar_show (self, text))
    {
      mpd_status_bar_announce (self, text);
      self->time_announced = FALSE;
    }
}

/**
 * mpd_status_bar_set_time:
 * @self: a status bar
 * @time: the newest message's time
 *
 * Shows @time. Only the first time after news is announced to a screen reader.
 */
void
mpd_status_bar_set_time (MpdStatusBar *self,
                         const char   *time)
{
  g_return_if_fail (MPD_IS_STATUS_BAR (self));

  if (mpd_status_bar_show (self, time) && !self->time_announced)
    {
      mpd_status_bar_announce (self, time);
      self->time_announced = TRUE;
    }
}

/**
 * mpd_status_bar_get_last_announcement:
 * @self: a status bar
 *
 * Returns: (nullable): the text last announced to a screen reader (on GTK older than 4.14,
 *   the text that would have been)
 */
const char *
mpd_status_bar_get_last_announcement (MpdStatusBar *self)
{
  g_return_val_if_fail (MPD_IS_STATUS_BAR (self), NULL);

  return self->last_announcement;
}

/**
 * mpd_status_bar_set_producer_pid:
 * @self: a status bar
 * @pid: the producer's process id, or 0 when none runs
 */
void
mpd_status_bar_set_producer_pid (MpdStatusBar *self,
                                 int           pid)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MPD_IS_STATUS_BAR (self));

  if (pid > 0)
    text = g_strdup_printf (_("Producer pid %d"), pid);
  else
    text = g_strdup (_("No producer"));

  gtk_label_set_label (self->producer_label, text);
}

void
mpd_status_bar_set_n_messages (MpdStatusBar *self,
                               guint64       n_messages)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MPD_IS_STATUS_BAR (self));

  /* With the locale's thousands separators: "1,234,567 messages received". */
  text = g_strdup_printf (ngettext ("%'llu message received", "%'llu messages received",
                                    (unsigned long) MIN (n_messages, G_MAXULONG)),
                          (unsigned long long) n_messages);
  mpd_figure_set_text (self->count_label, text, 0);
}

/**
 * mpd_status_bar_set_counters_visible:
 * @self: a status bar
 * @visible: whether to show the producer's pid and the count of messages
 *
 * They belong to the lessons that have producers; the others hide them.
 */
void
mpd_status_bar_set_counters_visible (MpdStatusBar *self,
                                     gboolean      visible)
{
  g_return_if_fail (MPD_IS_STATUS_BAR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->producer_label), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), visible);
}
