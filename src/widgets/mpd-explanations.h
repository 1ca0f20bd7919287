/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-explanations.h: "What just happened", in words: the teacher's last action stays in view. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_EXPLANATIONS (mpd_explanations_get_type ())

G_DECLARE_FINAL_TYPE (MpdExplanations, mpd_explanations, MPD, EXPLANATIONS, GtkWidget)

/* The newest explanation, and the ones before it that stay, smaller and dimmer. */
#define MPD_EXPLANATIONS_KEPT 3

GtkWidget  *mpd_explanations_new        (void);
void        mpd_explanations_add        (MpdExplanations *self,
                                         const char      *text);
void        mpd_explanations_set_live   (MpdExplanations *self,
                                         const char      *text);
const char *mpd_explanations_get_newest (MpdExplanations *self);
const char *mpd_explanations_get_live   (MpdExplanations *self);
guint       mpd_explanations_get_n_kept (MpdExplanations *self);

G_END_DECLS
