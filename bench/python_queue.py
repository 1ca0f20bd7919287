#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reference: the seed's multiprocessing.Queue between two processes, as the seeds use it.

    python_queue.py throughput N   a producer process puts N str(datetime.now()) strings
                                   (26 characters) as fast as it can; this process gets them.
                                   Prints "messages N seconds S".
    python_queue.py latency N      the producer puts (time.monotonic_ns(), str(now)) every
                                   millisecond (1 kHz) on a fixed schedule; this process
                                   takes them with a blocking get(). Prints
                                   "messages N p50_us X p99_us Y max_us Z".
    python_queue.py latency-qt N   the seed's own design (seed 004, section 5): the same
                                   producer; a thread of this process blocks on the Queue and
                                   hands each message to the Qt main loop with a signal, whose
                                   handler takes the time (put -> the status bar's handler).
                                   Needs PyQt5; run with QT_QPA_PLATFORM=offscreen.
"""

import datetime
import multiprocessing as mp
import sys
import time


def produce_flood(q, count):
    for _ in range(count):
        q.put(str(datetime.datetime.now()))


def produce_timed(q, count, interval_s):
    next_put = time.monotonic()
    for _ in range(count):
        q.put((time.monotonic_ns(), str(datetime.datetime.now())))
        next_put += interval_s
        delay = next_put - time.monotonic()
        if delay > 0:
            time.sleep(delay)


def throughput(count):
    q = mp.Queue()
    started = time.monotonic()
    p = mp.Process(target=produce_flood, args=(q, count), daemon=True)
    p.start()
    for _ in range(count):
        q.get()
    seconds = time.monotonic() - started
    p.join()
    print(f"messages {count} seconds {seconds:.6f}")


def percentile(sorted_values, fraction):
    return sorted_values[int(fraction * (len(sorted_values) - 1) + 0.5)]


def latency(count):
    q = mp.Queue()
    p = mp.Process(target=produce_timed, args=(q, count, 0.001), daemon=True)
    p.start()
    latencies = []
    for _ in range(count):
        sent_ns, _text = q.get()
        latencies.append((time.monotonic_ns() - sent_ns) / 1000)
    p.join()
    latencies.sort()
    print(f"messages {count} p50_us {percentile(latencies, 0.5):.1f} "
          f"p99_us {percentile(latencies, 0.99):.1f} max_us {latencies[-1]:.1f}")


def latency_qt(count):
    import threading

    from PyQt5.QtCore import QCoreApplication, QObject, pyqtSignal

    class Consumer(QObject):
        message = pyqtSignal(object)  # a Python int: a C++ int would cut the ns

    app = QCoreApplication(sys.argv)
    q = mp.Queue()
    p = mp.Process(target=produce_timed, args=(q, count, 0.001), daemon=True)
    consumer = Consumer()
    latencies = []

    def handler(sent_ns):
        latencies.append((time.monotonic_ns() - sent_ns) / 1000)
        if len(latencies) == count:
            app.quit()

    def drain():
        for _ in range(count):
            sent_ns, _text = q.get()
            consumer.message.emit(sent_ns)

    consumer.message.connect(handler)  # queued: the thread emits, the main loop runs it
    p.start()
    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    app.exec_()
    thread.join()
    p.join()
    latencies.sort()
    print(f"messages {count} p50_us {percentile(latencies, 0.5):.1f} "
          f"p99_us {percentile(latencies, 0.99):.1f} max_us {latencies[-1]:.1f}")


if __name__ == "__main__":
    modes = {"throughput": throughput, "latency": latency, "latency-qt": latency_qt}
    if len(sys.argv) != 3 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    modes[sys.argv[1]](int(sys.argv[2]))
