/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-explanations.c: "What just happened", in words: the teacher's last action stays in view. */

/*
 * A lesson page says in a sentence or two what just happened: what the teacher did (Pause,
 * Kill, a new interval) and what happened to a process (it crashed, it closed the pipe). The
 * newest of those is on top, in the normal size; the few before it stay below, smaller and
 * dimmer, so that the class sees what came before; older ones go.
 *
 * Some events repeat by themselves, many times a minute: the pipe fills, the pipe has room
 * again. Added as explanations, they would push the teacher's last action out of view. So
 * they have one live line of their own, above the others, which each of them replaces.
 *
 * The area keeps one height, whatever it holds (it scrolls inside when a long sentence needs
 * more): the buttons below it do not move while the teacher reaches for them.
 */

#define G_LOG_DOMAIN "mpd-explanations"

#include "config.h"

#include <glib/gi18n.h>

#include "mpd-explanations.h"
#include "mpd-wrap.h"

struct _MpdExplanations
{
  GtkWidget  parent_instance;

  GtkWidget *live_label;   /* the repeating events' line, hidden when empty */
  GtkWidget *kept_box;     /* the explanations, newest first */
  guint      n_kept;
};

G_DEFINE_FINAL_TYPE (MpdExplanations, mpd_explanations, GTK_TYPE_WIDGET)

/* The area's height, in lines of text: the newest explanation (three lines at most at
 * 1024×768), and a line or two of the ones before it. */
#define LINES_HIGH 5

static GtkWidget *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  mpd_wrap_between_words (GTK_LABEL (label));
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/**
 * mpd_explanations_add:
 * @self: the explanations
 * @text: what just happened, in a sentence or two
 *
 * Puts @text on top. The one that was on top becomes an older one; there are never more than
 * %MPD_EXPLANATIONS_KEPT.
 */
void
mpd_explanations_add (MpdExplanations *self,
                      const char      *text)
{
  GtkWidget *newest;
  GtkWidget *previous;

  g_return_if_fail (MPD_IS_EXPLANATIONS (self));
  g_return_if_fail (text != NULL);

  previous = gtk_widget_get_first_child (self->kept_box);
  if (previous != NULL)
    {
      gtk_widget_remove_css_class (previous, "newest");
      gtk_widget_add_css_class (previous, "older");
      gtk_widget_add_css_class (previous, "dim-label");
    }

  newest = new_label ("newest");
  gtk_label_set_label (GTK_LABEL (newest), text);
  gtk_box_prepend (GTK_BOX (self->kept_box), newest);
  self->n_kept++;

  while (self->n_kept > MPD_EXPLANATIONS_KEPT)
    {
      gtk_box_remove (GTK_BOX (self->kept_box), gtk_widget_get_last_child (self->kept_box));
      self->n_kept--;
    }
}

/**
 * mpd_explanations_set_live:
 * @self: the explanations
 * @text: (nullable): the state that repeats by itself, such as "The pipe is full", or %NULL
 *   when there is none to show (a run starts or ends)
 *
 * Shows @text on the live line, in place of what it said before. The teacher's explanations
 * stay as they are.
 */
void
mpd_explanations_set_live (MpdExplanations *self,
                           const char      *text)
{
  g_return_if_fail (MPD_IS_EXPLANATIONS (self));

  gtk_label_set_label (GTK_LABEL (self->live_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->live_label, text != NULL && text[0] != '\0');
}

/**
 * mpd_explanations_get_newest:
 * @self: the explanations
 *
 * Returns: (nullable): the newest explanation, or %NULL before the first
 */
const char *
mpd_explanations_get_newest (MpdExplanations *self)
{
  GtkWidget *newest;

  g_return_val_if_fail (MPD_IS_EXPLANATIONS (self), NULL);

  newest = gtk_widget_get_first_child (self->kept_box);
  return newest != NULL ? gtk_label_get_label (GTK_LABEL (newest)) : NULL;
}

/**
 * mpd_explanations_get_live:
 * @self: the explanations
 *
 * Returns: (nullable): what the live line says, or %NULL when it is hidden
 */
const char *
mpd_explanations_get_live (MpdExplanations *self)
{
  g_return_val_if_fail (MPD_IS_EXPLANATIONS (self), NULL);

  return gtk_widget_get_visible (self->live_label)
         ? gtk_label_get_label (GTK_LABEL (self->live_label)) : NULL;
}

/**
 * mpd_explanations_get_n_kept:
 * @self: the explanations
 *
 * Returns: how many explanations are shown, the newest included
 */
guint
mpd_explanations_get_n_kept (MpdExplanations *self)
{
  g_return_val_if_fail (MPD_IS_EXPLANATIONS (self), 0);

  return self->n_kept;
}

/* A height of LINES_HIGH lines of the widget's own font: it follows the zoom and the font
 * size, not a number of pixels. */
static void
mpd_explanations_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, "Ag");
      int line_height;

      pango_layout_get_pixel_size (layout, NULL, &line_height);
      g_object_unref (layout);
      *minimum = *natural = MAX (*minimum, line_height * LINES_HIGH);
    }
}

static void
mpd_explanations_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
mpd_explanations_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mpd_explanations_parent_class)->dispose (object);
}

static void
mpd_explanations_class_init (MpdExplanationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mpd_explanations_dispose;
  widget_class->measure = mpd_explanations_measure;
  widget_class->size_allocate = mpd_explanations_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "explanations");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mpd_explanations_init (MpdExplanations *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("What just happened"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->live_label = new_label ("live");
  gtk_widget_set_visible (self->live_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->live_label);

  self->kept_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), self->kept_box);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What just happened"),
                                  -1);
}

GtkWidget *
mpd_explanations_new (void)
{
  return g_object_new (MPD_TYPE_EXPLANATIONS, NULL);
}
