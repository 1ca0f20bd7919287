/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-child.h: Python's Process.join(timeout), in C. */

#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

gboolean mpd_child_join (pid_t  pid,
                         double timeout,
                         int   *status);

G_END_DECLS
