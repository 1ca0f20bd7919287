# SPDX-License-Identifier: GPL-3.0-or-later
# sitecustomize.py: MpDemo puts this folder on PYTHONPATH when it runs a lesson's Python.
#
# Into a terminal, Python writes each line as soon as it is printed (line buffering). Into a
# pipe, as MpDemo reads it, Python would hold the output back until its buffer is full, and
# PYTHONUNBUFFERED would write a line's text and its newline apart, so that two processes'
# lines could mix in the middle. Line buffering, as in a terminal, shows each line when it is
# printed, whole (PYTHONUNBUFFERED, when set, is overridden for that reason).
import sys

for stream in (sys.stdout, sys.stderr):
    if stream is not None and hasattr(stream, "reconfigure"):
        stream.reconfigure(line_buffering=True, write_through=False)

# A thread's name is Python's own: the kernel knows every thread of a Python program as
# "python3" (/proc/PID/task/TID/comm), and so would MpDemo's drawing. Python 3.14 gives the
# kernel the name of each thread it starts; for the Pythons before it, each thread of a
# lesson does so here as it starts (prctl(PR_SET_NAME), 15 bytes at most), as a C lesson's
# threads do with pthread_setname_np().
import threading

if not hasattr(threading, "_set_name"):
    _prctl = []  # [prctl], or [None] where ctypes cannot reach it: asked when a thread first starts

    def _set_thread_name(name):
        # ctypes is imported here, not at start: it costs a few milliseconds that most lessons,
        # which start no thread, would pay for nothing.
        if not _prctl:
            try:
                import ctypes

                _prctl.append(ctypes.CDLL(None, use_errno=True).prctl)
            except (OSError, AttributeError, ImportError):
                _prctl.append(None)
        if _prctl[0] is not None:
            _prctl[0](15, str(name).encode("utf-8", "replace")[:15], 0, 0, 0)  # PR_SET_NAME

    _bootstrap_inner = threading.Thread._bootstrap_inner

    def _named_bootstrap_inner(self):
        _set_thread_name(self.name)
        _bootstrap_inner(self)

    threading.Thread._bootstrap_inner = _named_bootstrap_inner

# A pool's tasks, on the page's schedule: when MpDemo runs a lesson, it hands it an event
# channel (MPDEMO_EVENTS_FD, see docs/events.md), and each worker of a multiprocessing.Pool
# says there when each task starts and ends, as MpDemo's C pool does. Python's Pool knows no
# such thing: multiprocessing.pool.worker is wrapped here, when a lesson first imports
# multiprocessing.pool (never before: the import costs 50 ms).
import os

_events_fd = os.environ.get("MPDEMO_EVENTS_FD")


def _event(kind, number, label, value=0):
    """One event frame, written at once: (xiiyxs) in a variant, after its length."""
    import struct
    import time

    payload = struct.pack("<qiic7xq", time.monotonic_ns() // 1000, os.getpid(), number,
                          kind, value)
    payload += label.encode("utf-8", "replace")[:200] + b"\0" + b"\0(xiiyxs)"
    try:
        os.write(int(_events_fd), struct.pack("<I", len(payload)) + payload)
    except OSError:
        pass  # the page is gone: the lesson goes on without it


def _label(func, args):
    name = getattr(func, "__name__", "task")
    return "%s(%s)" % (name, ", ".join(repr(a) for a in args))


def _trace_pool(pool):
    _worker, mapstar, starmapstar = pool.worker, pool.mapstar, pool.starmapstar
    counter = iter(range(1 << 30))

    def run(func, args, label):
        number = next(counter)
        _event(b"S", number, label)
        try:
            return func(*args)
        finally:
            _event(b"E", number, label)

    def traced(func):
        if func is pool._helper_reraises_exception:
            return func  # not a task: how Python passes on an error of the pool itself
        if func is mapstar or func is starmapstar:
            def chunk(args):
                function, items = args
                if func is mapstar:
                    return [run(function, (item,), _label(function, (item,))) for item in items]
                return [run(function, item, _label(function, item)) for item in items]
            return chunk
        return lambda *args, **kwds: run(lambda *a: func(*a, **kwds), args, _label(func, args))

    def worker(inqueue, outqueue, *rest, **kwds):
        get = inqueue.get

        def traced_get():
            task = get()
            if task is not None:
                job, i, func, args, task_kwds = task
                task = (job, i, traced(func), args, task_kwds)
            return task

        inqueue.get = traced_get
        return _worker(inqueue, outqueue, *rest, **kwds)

    pool.worker = worker


# Queues and pipes, on the page: how many values wait in each queue (a Q event says +1 after
# each put and -1 after each get: a change, whose sum is right in whatever order the events of
# several processes come), and which process waits in put(), get(), join() or recv(), from
# when to when (W, then G), as MpDemo's C queue and pipe say. A queue is named in the order the lesson made it:
# "q", then "q2", "q3"... (the C lessons name theirs so). A call that needs no wait is tried
# first without one, so only a real wait is told.
def _trace_queues(queues):
    import queue as _queue

    names = iter(range(1, 1 << 30))
    init, get = queues.Queue.__init__, queues.Queue.get
    joinable_join = queues.JoinableQueue.join

    def name(q):
        return getattr(q, "_mpdemo_name", "q")

    def tell_change(q, change):
        maxsize = q._maxsize if q._maxsize < (1 << 31) - 1 else 0
        _event(b"Q", maxsize, name(q), change)

    def waiting(q, call, func, *args):
        _event(b"W", 0, "%s.%s()" % (name(q), call))
        try:
            return func(*args)
        finally:
            _event(b"G", 0, "%s.%s()" % (name(q), call))

    def traced_init(self, *args, **kwds):
        init(self, *args, **kwds)
        number = next(names)
        self._mpdemo_name = "q" if number == 1 else "q%d" % number

    def traced(put):
        def traced_put(self, obj, block=True, timeout=None):
            try:
                put(self, obj, False)
            except _queue.Full:
                if not block:
                    raise
                waiting(self, "put", put, self, obj, True, timeout)
            tell_change(self, 1)
        return traced_put

    def traced_get(self, block=True, timeout=None):
        try:
            value = get(self, False)
        except _queue.Empty:
            if not block:
                raise
            value = waiting(self, "get", get, self, True, timeout)
        tell_change(self, -1)
        return value

    def traced_join(self):
        waiting(self, "join", joinable_join, self)

    queues.Queue.__init__ = traced_init
    queues.Queue.put = traced(queues.Queue.put)
    queues.JoinableQueue.put = traced(queues.JoinableQueue.put)
    queues.Queue.get = traced_get
    queues.JoinableQueue.join = traced_join


def _trace_connections(connection):
    recv = connection.Connection.recv

    def traced_recv(self):
        if self.poll():
            return recv(self)
        _event(b"W", 0, "recv()")
        try:
            return recv(self)
        finally:
            _event(b"G", 0, "recv()")

    connection.Connection.recv = traced_recv


# join(): who waits for which child, as MpDemo's C lessons say with mpd_child_join().
def _trace_processes(process):
    join = process.BaseProcess.join

    def traced_join(self, timeout=None):
        popen = self._popen
        if (popen is None or self._parent_pid != os.getpid() or timeout == 0
                or popen.poll() is not None):
            return join(self, timeout)
        label = "join(%d)" % self.pid
        _event(b"W", 0, label)
        try:
            return join(self, timeout)
        finally:
            _event(b"G", 0, label)

    process.BaseProcess.join = traced_join


if _events_fd is not None:
    import sys

    _tracers = {
        "multiprocessing.pool": _trace_pool,
        "multiprocessing.queues": _trace_queues,
        "multiprocessing.connection": _trace_connections,
        "multiprocessing.process": _trace_processes,
    }

    class _Finder:
        """Traces each module of _tracers as it is first imported, never before. (A finder of
        sys.meta_path needs only find_spec(): importlib.abc, its base class, would cost
        35 ms at every start, more than Python's own start.)"""

        def find_spec(self, name, path, target=None):
            trace = _tracers.pop(name, None)
            if trace is None:
                return None
            if not _tracers:
                sys.meta_path.remove(self)
            spec = None
            for finder in sys.meta_path:  # the finders after us find the module itself
                if finder is not self and hasattr(finder, "find_spec"):
                    spec = finder.find_spec(name, path, target)
                    if spec is not None:
                        break
            if spec is None or spec.loader is None:
                return spec
            exec_module = spec.loader.exec_module

            def exec_and_trace(module):
                exec_module(module)
                trace(module)

            spec.loader.exec_module = exec_and_trace
            return spec

    sys.meta_path.insert(0, _Finder())
