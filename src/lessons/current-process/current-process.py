# SPDX-License-Identifier: GPL-3.0-or-later
# current-process.py: a main process that does not wait for its child (seed 004, section 2).
#
# Written for MpDemo after the seed's example. It prints each pid as "pid: N" (the seed prints
# the bare number), so that MpDemo's tests can tell a pid from other numbers.

import multiprocessing as mp
import time


def worker():
    proc = mp.current_process()
    print(proc.name)
    print("pid:", proc.pid)
    time.sleep(5)
    print("SubProcess End")


if __name__ == "__main__":
    # the main process
    proc = mp.current_process()
    print(proc.name)
    print("pid:", proc.pid)

    # process spawning
    p = mp.Process(name="SubProcess", target=worker)
    p.start()

    # The main process does not wait: it says so first. Python still waits for the child
    # before the program really ends.
    print("MainProcess End")
