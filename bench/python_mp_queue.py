# SPDX-License-Identifier: GPL-3.0-or-later
# python_mp_queue.py: how fast Python's multiprocessing.Queue carries values from a child to
# its parent: the reference of bench/shared-queue.c, for bench/run.py.
#
#   python3 python_mp_queue.py COUNT SIZE   a child puts COUNT values (bytes of SIZE, or an int
#                                           when SIZE is 0), the parent gets them all
#
# Prints "values COUNT seconds S": from the child's start to the last get(), the child joined.

import sys
import time
from multiprocessing import Process, Queue


def child(q, count, size):
    for i in range(count):
        q.put(bytes([i % 256]) * size if size else i)


def main():
    count, size = int(sys.argv[1]), int(sys.argv[2])
    q = Queue()
    start = time.monotonic()
    p = Process(target=child, args=(q, count, size))
    p.start()
    for _ in range(count):
        q.get()
    p.join()
    print(f"values {count} seconds {time.monotonic() - start:.6f}")


if __name__ == "__main__":
    main()
