# SPDX-License-Identifier: GPL-3.0-or-later
# pipe-sum.py: five processes count, and each sends its subtotal on the same end of one Pipe;
# the parent receives five times and adds them up (seed 003, design pattern 2).
#
# Written for MpDemo after the seed. All five workers hold a copy of the same end, child_conn,
# and send on it; the parent receives on parent_conn. Each subtotal is one small message,
# so they do not mix. The parent receives one subtotal, then joins one process, five times.
# The post counts to 100,000,000; the lesson to 10,000,000, about a second in all. Give
# another count on the command line: python3 pipe-sum.py 100000000.

import os
import sys
import time
from multiprocessing import Pipe, Process, current_process

COUNT = 10_000_000


def worker(count, conn):
    sub_total = 0
    for _ in range(count):
        sub_total += 1
    conn.send(sub_total)
    conn.close()
    print(f"process {current_process().name} (pid {os.getpid()}) sent its subtotal {sub_total}")


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    print(f"parent pid {os.getpid()}: five processes each count to {count}")
    start = time.monotonic()
    parent_conn, child_conn = Pipe()

    processes = []
    for i in range(5):
        p = Process(name=str(i), target=worker, args=(count, child_conn))
        processes.append(p)
        p.start()

    total = 0
    for p in processes:
        total += parent_conn.recv()
        p.join()
    print(f"--- {time.monotonic() - start:.2f} seconds, in five processes ---")
    print(f"total {total} = 5 x {count}: {total == 5 * count}")
    print("Main-Processing Done!")


if __name__ == "__main__":
    main()
