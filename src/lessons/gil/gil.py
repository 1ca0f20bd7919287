# SPDX-License-Identifier: GPL-3.0-or-later
# gil.py: the same CPU-bound work once, in N threads and in N processes, in C and then in
# Python, measured on this machine (seeds 002 and 004, section 5).
#
# Written for MpDemo after the seeds' explanation of the GIL. The work is arithmetic and
# nothing else: steps of a random-number generator, each needing the one before. Python does
# 7,000,000 steps, C 600,000,000: about a second each on a PC of 2026, because Python runs
# each step through its interpreter. The work is done once, to know its time; then N times
# in N threads at once; then N times in N processes at once (N = the cores, at least 2).
#
# CPython's threads take turns holding the GIL (global interpreter lock): only the one that
# holds it runs Python code, so N threads of arithmetic take about N times as long as one.
# Processes each have their own interpreter and their own GIL, and run side by side. A
# free-threaded Python (3.13t and later) has no GIL: then its threads run side by side too.
#
# This program runs the C program beside it (gil) to measure C first, so that one run shows
# all six figures; gil does the same the other way round. When MpDemo runs it, each figure
# also goes to the page's table, on the event channel (docs/events.md): see tell_page().

import os
import struct
import subprocess
import sys
import threading
import time
from multiprocessing import Process

PYTHON_STEPS = 7_000_000


def work():
    x = 1
    for _ in range(PYTHON_STEPS):
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
    return x


def tell_page(label, times, seconds):
    """A result event for MpDemo's table: one frame, as docs/events.md says."""
    fd = os.environ.get("MPDEMO_EVENTS_FD")
    if fd is None:
        return  # not run by MpDemo
    payload = struct.pack("<qiic7xq", time.monotonic_ns() // 1000, os.getpid(), times, b"R",
                          int(seconds * 1e6))
    payload += label.encode() + b"\0" + b"\0(xiiyxs)"
    os.write(int(fd), struct.pack("<I", len(payload)) + payload)


def report(label, how, times, seconds, reference):
    if times == 1:
        print(f"{label}: the work once, {how}: {seconds:.2f} s")
    else:
        print(f"{label}: the work {times} times, {how}: {seconds:.2f} s, "
              f"{times * reference / seconds:.2f}x as fast as one after the other")
    tell_page(f"{label}, {how}", times, seconds)


def measure_python(n):
    start = time.monotonic()
    work()
    once = time.monotonic() - start
    report("Python", "in the main thread", 1, once, once)

    start = time.monotonic()
    threads = [threading.Thread(target=work, name=f"worker {i + 1}") for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report("Python", f"in {n} threads at once", n, time.monotonic() - start, once)

    start = time.monotonic()
    processes = [Process(target=work, name=f"worker {i + 1}") for i in range(n)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    report("Python", f"in {n} processes at once", n, time.monotonic() - start, once)

    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()
    if gil_enabled:
        print("This python3 has a GIL: its threads take turns, one at a time.")
    else:
        print("This python3 is free-threaded: it has no GIL, and its threads run side by "
              "side, as C's do.")


def main():
    n = max(os.cpu_count() or 2, 2)
    if sys.argv[1:] == ["--python-only"]:
        measure_python(n)
        return
    print(f"N = {n}: the cores of this machine, at least 2")
    program = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gil")
    sys.stdout.flush()
    try:
        subprocess.run([program, "--c-only"], check=False)
    except OSError:
        print("the C program is not beside gil.py: only Python is measured")
    measure_python(n)


if __name__ == "__main__":
    main()
