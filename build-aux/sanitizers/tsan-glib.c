/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tsan-glib.c: lets ThreadSanitizer see GLib's locks. Linked only into a -Db_sanitize=thread build. */

/*
 * ThreadSanitizer knows that one thread happens before another when they meet in a lock it
 * sees: pthread_mutex_lock() and friends, which it intercepts. GLib's GMutex and GCond do not
 * go through pthread on Linux: they use futex(2) directly, inside a libglib that was not
 * built with -fsanitize=thread. Without help, every piece of data handed over under a GMutex
 * (a batch of messages from the consumer thread to the main loop, say) looks like a data
 * race.
 *
 * So this file defines g_mutex_lock() and the others in the program itself. The dynamic
 * linker then uses them, for calls from our code and from GLib alike. Each calls GLib's own
 * function, and tells ThreadSanitizer what it means: an unlock releases, a lock acquires.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <glib.h>
#include <sanitizer/tsan_interface.h>

#define REAL(name, ...)                                                          \
  static void (*real) (__VA_ARGS__);                                             \
  if (real == NULL)                                                              \
    real = (void (*) (__VA_ARGS__)) dlsym (RTLD_NEXT, name)

void
g_mutex_lock (GMutex *mutex)
{
  REAL ("g_mutex_lock", GMutex *);
  real (mutex);
  __tsan_acquire (mutex);
}

void
g_mutex_unlock (GMutex *mutex)
{
  REAL ("g_mutex_unlock", GMutex *);
  __tsan_release (mutex);
  real (mutex);
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  static gboolean (*real) (GMutex *);
  gboolean locked;

  if (real == NULL)
    real = (gboolean (*) (GMutex *)) dlsym (RTLD_NEXT, "g_mutex_trylock");
  locked = real (mutex);
  if (locked)
    __tsan_acquire (mutex);
  return locked;
}

void
g_rec_mutex_lock (GRecMutex *mutex)
{
  REAL ("g_rec_mutex_lock", GRecMutex *);
  real (mutex);
  __tsan_acquire (mutex);
}

void
g_rec_mutex_unlock (GRecMutex *mutex)
{
  REAL ("g_rec_mutex_unlock", GRecMutex *);
  __tsan_release (mutex);
  real (mutex);
}

void
g_rw_lock_writer_lock (GRWLock *lock)
{
  REAL ("g_rw_lock_writer_lock", GRWLock *);
  real (lock);
  __tsan_acquire (lock);
}

void
g_rw_lock_writer_unlock (GRWLock *lock)
{
  REAL ("g_rw_lock_writer_unlock", GRWLock *);
  __tsan_release (lock);
  real (lock);
}

void
g_rw_lock_reader_lock (GRWLock *lock)
{
  REAL ("g_rw_lock_reader_lock", GRWLock *);
  real (lock);
  __tsan_acquire (lock);
}

void
g_rw_lock_reader_unlock (GRWLock *lock)
{
  REAL ("g_rw_lock_reader_unlock", GRWLock *);
  __tsan_release (lock);
  real (lock);
}

/* Waiting unlocks the mutex and locks it again. */
void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  REAL ("g_cond_wait", GCond *, GMutex *);
  __tsan_release (mutex);
  real (cond, mutex);
  __tsan_acquire (mutex);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  static gboolean (*real) (GCond *, GMutex *, gint64);
  gboolean signalled;

  if (real == NULL)
    real = (gboolean (*) (GCond *, GMutex *, gint64)) dlsym (RTLD_NEXT, "g_cond_wait_until");
  __tsan_release (mutex);
  signalled = real (cond, mutex, end_time);
  __tsan_acquire (mutex);
  return signalled;
}
