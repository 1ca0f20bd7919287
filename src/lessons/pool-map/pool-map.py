# SPDX-License-Identifier: GPL-3.0-or-later
# pool-map.py: Pool(3).map(func, range(10)), each call sleeping one second (seed 002).
#
# Written for MpDemo after the seed's Pool example. A pool starts its three worker processes
# once and gives them the ten tasks one after another: each worker takes the next task as
# soon as it is free. So the same three pids do all the work, and ten one-second tasks on
# three workers take four seconds: three rounds of three, then one more for the tenth.
# func also returns the pid that computed each value, to count who did what.

import os
import time
from collections import Counter
from multiprocessing import Pool


def func(x):
    print("value", x, "work in pid", os.getpid())
    time.sleep(1)
    return x * x, os.getpid()


def main():
    start = time.monotonic()
    with Pool(3) as p:
        results = p.map(func, range(0, 10))
    elapsed = time.monotonic() - start

    print([square for square, pid in results])
    counts = Counter(pid for square, pid in results).most_common()
    print(f"{len(counts)} worker pids did the 10 tasks:",
          ", ".join(f"pid {pid} did {n}" for pid, n in counts))
    print(f"total time: {round(elapsed)} s (10 tasks of 1 s on 3 workers: 3 rounds of 3, "
          "then 1 more)")


if __name__ == "__main__":
    main()
