/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-child.h: Python's Process.join(timeout), in C. */

#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* A timeout, in seconds, that never ends: join(), put() and get() wait as long as they must. */
#define MPD_WAIT_FOREVER (-1.0)

gboolean mpd_child_join (pid_t  pid,
                         double timeout,
                         int   *status);

G_END_DECLS
