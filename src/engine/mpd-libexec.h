/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-libexec.h: where MpDemo's helper programs and lesson programs are. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *mpd_libexec_dup_path (const char *first_element,
                            ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
