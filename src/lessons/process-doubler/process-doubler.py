# SPDX-License-Identifier: GPL-3.0-or-later
# process-doubler.py: one process for each number, each adding 10 to it (seed 002's Process
# example).
#
# Written for MpDemo after the seed. Unlike a Pool, which gives many tasks to a few workers,
# here each Process runs one function once, with its own argument, and ends. Five processes
# start one after the other; the order of their lines is the order in which the kernel ran
# them, which changes from run to run. The parent joins all five, then says so.

import os
from multiprocessing import Process


def func():
    print("the work that many processes share")


def doubler(num):
    result = num + 10
    func()
    print(f"num: {num}, result: {result}, pid: {os.getpid()}")


def main():
    nums = [1, 2, 3, 4, 5]
    procs = []

    for number in nums:
        proc = Process(target=doubler, args=(number,))
        procs.append(proc)
        proc.start()

    for proc in procs:
        proc.join()
    print("all 5 processes joined")


if __name__ == "__main__":
    main()
