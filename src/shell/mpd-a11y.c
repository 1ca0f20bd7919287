/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-a11y.c: names for the parts that GTK builds inside its own widgets. */

/*
 * A screen reader reads each control by its accessible name. We give our own widgets theirs
 * (in the .ui files), but some widgets are made of parts that GTK builds inside them: the
 * button that opens a GtkDropDown, the list inside a GtkColumnView, the rows of a
 * GtkStackSidebar. GTK 4.8 gives such a part no name, and AT-SPI then reads out its class
 * name ("GtkToggleButton"). These helpers name those parts; on a newer GTK, which names
 * them itself, they do no harm.
 */

#define G_LOG_DOMAIN "mpd-a11y"

#include "config.h"

#include "mpd-a11y.h"

/**
 * mpd_a11y_label_parts:
 * @widget: a widget
 * @part_type: the type of the parts to name
 * @label: (nullable): their name; %NULL to name each part by the text of its first label
 *   (as a list row is read by what it shows)
 *
 * Names every widget of type @part_type under @widget, as it is now.
 */
void
mpd_a11y_label_parts (GtkWidget  *widget,
                      GType       part_type,
                      const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, part_type))
        {
          const char *name = label;

          if (name == NULL)
            {
              GtkWidget *text = child;

              while (text != NULL && !GTK_IS_LABEL (text))
                text = gtk_widget_get_first_child (text);
              name = text != NULL ? gtk_label_get_text (GTK_LABEL (text)) : NULL;
            }

          if (name != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                            -1);
        }

      mpd_a11y_label_parts (child, part_type, label);
    }
}
