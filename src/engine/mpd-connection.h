/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-connection.h: Python's multiprocessing.Pipe() and its two connections, in C. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MPD_CONNECTION_ERROR (mpd_connection_error_quark ())

typedef enum
{
  MPD_CONNECTION_ERROR_EOF,      /* recv(): every process closed the other end, as EOFError */
  MPD_CONNECTION_ERROR_CLOSED,   /* this end was closed, as Python's OSError */
  MPD_CONNECTION_ERROR_ONE_WAY,  /* send() on an end that only receives, or the other way */
} MpdConnectionError;

typedef struct _MpdConnection MpdConnection;

GQuark          mpd_connection_error_quark (void);
gboolean        mpd_pipe_new               (gboolean        duplex,
                                            MpdConnection **conn1,
                                            MpdConnection **conn2,
                                            GError        **error);
gboolean        mpd_connection_send        (MpdConnection  *self,
                                            GVariant       *value,
                                            GError        **error);
GVariant       *mpd_connection_recv        (MpdConnection  *self,
                                            GError        **error);
gboolean        mpd_connection_poll        (MpdConnection  *self,
                                            double          timeout);
void            mpd_connection_close       (MpdConnection  *self);
void            mpd_connection_free        (MpdConnection  *self);
int             mpd_connection_get_fd      (MpdConnection  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpdConnection, mpd_connection_free)

G_END_DECLS
