# SPDX-License-Identifier: GPL-3.0-or-later
# pool-many.py: Pool(4).map(work, range(1, 100)) (seed 004, section 3).
#
# Written for MpDemo after the seed's example. 99 tasks on 4 workers: map() does not send
# them one by one, but in chunks (its chunksize), about four chunks per worker: 99 tasks
# / (4 workers x 4) = 6.2, rounded up to 7 tasks a chunk, so 15 chunks. A worker runs a whole
# chunk, then takes the next one. work() prints its number and the pid that runs it: the
# lines of four processes mix in an order that changes from run to run. In the seed, work()
# only prints; here it also sleeps 50 ms, so that MpDemo's schedule can show the chunks (the
# 99 tasks would otherwise end before MpDemo first looks at the processes).

import os
import time
from collections import Counter
from multiprocessing import Pool


def work(x):
    print(x, "in pid", os.getpid())
    time.sleep(0.05)
    return os.getpid()


def main():
    with Pool(4) as pool:
        data = range(1, 100)
        pids = pool.map(work, data)
    chunksize = -(-len(data) // (4 * 4))  # what map() chose: len / (4 workers x 4), rounded up
    print(f"{len(data)} tasks in chunks of {chunksize}: "
          f"{-(-len(data) // chunksize)} chunks for 4 workers")
    counts = Counter(pids)
    print(f"{len(counts)} worker pids did the tasks, in multiples of {chunksize} "
          "(the last chunk has the rest)")


if __name__ == "__main__":
    main()
