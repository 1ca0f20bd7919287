/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-libexec.h: where the programs that MpDemo runs are. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *mpd_libexec_dup_path (const char *first_element,
                            ...) G_GNUC_NULL_TERMINATED;
char *mpd_find_program     (const char *name);

G_END_DECLS
