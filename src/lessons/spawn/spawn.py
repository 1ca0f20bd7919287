# SPDX-License-Identifier: GPL-3.0-or-later
# spawn.py: five processes, each with a name and an argument (seed 000, first example).
#
# Written for MpDemo after the seed's example, which does not run as printed: it calls
# multiprocessing.curren_process() (current_process) and passes args(i,) (args=(i,)).
# Each worker sleeps a second before it ends, so that you can see the five processes in
# MpDemo's table; the seed's workers end at once.

import multiprocessing
import os
import time


def worker(count):
    print("name: %s, argument : %s" % (multiprocessing.current_process().name, count))
    print("parent pid:%s  pid:%s" % (os.getppid(), os.getpid()))
    print("")
    time.sleep(1)


def main():
    for i in range(5):
        p = multiprocessing.Process(target=worker, name="process %i" % i, args=(i,))
        p.start()
    # The main process ends here, but Python waits for its children before it exits.


if __name__ == "__main__":
    main()
