/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mpd-pool.h: a pool of worker processes, as Python's multiprocessing.Pool, in C. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MPD_POOL_ERROR (mpd_pool_error_quark ())

typedef enum
{
  MPD_POOL_ERROR_TIMEOUT,      /* get(timeout): no result yet, as Python's TimeoutError */
  MPD_POOL_ERROR_TASK_FAILED,  /* the task's function said it failed: its error */
  MPD_POOL_ERROR_WORKER_LOST,  /* the worker running the task died in the middle of it */
  MPD_POOL_ERROR_CLOSED,       /* no task can be given to a closed pool */
  MPD_POOL_ERROR_START,        /* the workers could not be started */
} MpdPoolError;

/* What a worker runs for each task: @argument in, a new value out, or NULL and @error. It runs
 * in the worker process, a copy of the program made by fork(): it can read what the program
 * had when the pool was made, and what it changes stays in the worker. */
typedef GVariant *(*MpdPoolFunc) (GVariant  *argument,
                                  gpointer   user_data,
                                  GError   **error);

/* A function the workers know, by its name: a pool is given all of them when it starts, as
 * the workers are copies of the program as it is then (Python finds a function by its name
 * in the worker's copy of the module, in the same way). The list ends with { NULL }. */
typedef struct
{
  const char  *name;   /* "func": a task is shown as "func(3)" */
  MpdPoolFunc  func;
} MpdPoolFunction;

typedef struct _MpdPool MpdPool;
typedef struct _MpdPoolResult MpdPoolResult;

GQuark         mpd_pool_error_quark      (void);
MpdPool       *mpd_pool_new              (guint           n_workers,
                                          const MpdPoolFunction *functions,
                                          gpointer        user_data,
                                          GError        **error);
guint          mpd_pool_get_n_workers    (MpdPool        *self);
int            mpd_pool_get_worker_pid   (MpdPool        *self,
                                          guint           index);
MpdPoolResult *mpd_pool_apply_async      (MpdPool        *self,
                                          const char     *func_name,
                                          GVariant       *argument);
MpdPoolResult *mpd_pool_map_async        (MpdPool        *self,
                                          const char     *func_name,
                                          GVariant       *arguments,
                                          guint           chunksize);
GVariant      *mpd_pool_apply            (MpdPool        *self,
                                          const char     *func_name,
                                          GVariant       *argument,
                                          GError        **error);
GVariant      *mpd_pool_map              (MpdPool        *self,
                                          const char     *func_name,
                                          GVariant       *arguments,
                                          guint           chunksize,
                                          GError        **error);
void           mpd_pool_close            (MpdPool        *self);
void           mpd_pool_terminate        (MpdPool        *self);
void           mpd_pool_join             (MpdPool        *self);
void           mpd_pool_free             (MpdPool        *self);

MpdPoolResult *mpd_pool_result_ref       (MpdPoolResult  *self);
void           mpd_pool_result_unref     (MpdPoolResult  *self);
gboolean       mpd_pool_result_ready     (MpdPoolResult  *self);
gboolean       mpd_pool_result_wait      (MpdPoolResult  *self,
                                          double          timeout_s);
GVariant      *mpd_pool_result_get       (MpdPoolResult  *self,
                                          double          timeout_s,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpdPool, mpd_pool_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpdPoolResult, mpd_pool_result_unref)

G_END_DECLS
