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
    try:
        import ctypes

        _prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        _prctl = None

    if _prctl is not None:
        _bootstrap_inner = threading.Thread._bootstrap_inner

        def _named_bootstrap_inner(self):
            _prctl(15, str(self.name).encode("utf-8", "replace")[:15], 0, 0, 0)  # PR_SET_NAME
            _bootstrap_inner(self)

        threading.Thread._bootstrap_inner = _named_bootstrap_inner
