# SPDX-License-Identifier: GPL-3.0-or-later
# queue-sum.py: five processes count, each puts its subtotal into one Queue, and the parent
# adds them up (seed 003, design pattern 1).
#
# Written for MpDemo after the seed. Each worker counts to COUNT by adding 1, puts its
# subtotal, and ends. The parent joins the five, puts "exit" after their subtotals, then gets
# values until "exit" comes: the queue keeps the order in which values went in, so "exit"
# comes last. The post counts to 100,000,000 in each process, which takes Python about five
# seconds per process; the lesson counts to 10,000,000 so that it takes about a second. Give
# another count on the command line: python3 queue-sum.py 100000000.

import os
import sys
import time
from multiprocessing import Process, Queue, current_process

COUNT = 10_000_000


def worker(count, q):
    sub_total = 0
    for _ in range(count):
        sub_total += 1
    q.put(sub_total)
    print(f"process {current_process().name} (pid {os.getpid()}) put its subtotal {sub_total}")


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    print(f"parent pid {os.getpid()}: five processes each count to {count}")
    start = time.monotonic()
    q = Queue()

    processes = []
    for i in range(5):
        p = Process(name=str(i), target=worker, args=(count, q))
        processes.append(p)
        p.start()
    for p in processes:
        p.join()
    print(f"--- {time.monotonic() - start:.2f} seconds to count, in five processes ---")

    q.put("exit")
    total = 0
    while True:
        value = q.get()
        if value == "exit":
            break
        total += value
    print(f"total {total} = 5 x {count}: {total == 5 * count}")
    print("Main-Processing Done!")


if __name__ == "__main__":
    main()
