/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-libexec.h: where the programs that MpDemo runs are. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *mpd_libexec_dup_path (const char *first_element,
                            ...) G_GNUC_NULL_TERMINATED;
char *mpd_find_program     (const char *name);

void  mpd_libexec_keep_variable_for_us (const char          *name);
void  mpd_libexec_clean_environment    (GSubprocessLauncher *launcher);

G_END_DECLS
