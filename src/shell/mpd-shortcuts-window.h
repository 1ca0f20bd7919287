/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-shortcuts-window.h: the keyboard shortcuts of a window, listed (Ctrl+?). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MPD_TYPE_SHORTCUTS_WINDOW (mpd_shortcuts_window_get_type ())

G_DECLARE_FINAL_TYPE (MpdShortcutsWindow, mpd_shortcuts_window, MPD, SHORTCUTS_WINDOW, GtkWindow)

GtkWindow *mpd_shortcuts_window_new (GtkWindow *window);

G_END_DECLS
