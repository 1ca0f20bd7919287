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
