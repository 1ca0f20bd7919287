/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-application.h: the application: command line, settings, app actions, windows. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_APPLICATION (mpd_application_get_type ())

G_DECLARE_FINAL_TYPE (MpdApplication, mpd_application, MPD, APPLICATION, GtkApplication)

MpdApplication *mpd_application_new          (const char        *application_id,
                                              GApplicationFlags  flags);
guint           mpd_application_get_interval (MpdApplication    *self);
GSettings      *mpd_application_get_settings (MpdApplication    *self);
int             mpd_application_get_exit_status (MpdApplication *self,
                                                 int             run_status);

void            mpd_application_choose_renderer (void);

G_END_DECLS
