# SPDX-License-Identifier: GPL-3.0-or-later
# subclass.py: a Worker subclass of Process that overrides run() (seed 000, second example).
#
# Written for MpDemo after the seed's example, which does not run as printed: it creates each
# Worker with name="process %i" % args(i,), where it means name="process %i" % i, args=(i,).
# Each worker sleeps a second before it ends, so that you can see the five processes in
# MpDemo's table.

import multiprocessing
import os
import time


class Worker(multiprocessing.Process):
    def __init__(self, name, args):
        multiprocessing.Process.__init__(self)
        self.name = name
        self.args = args

    def run(self):
        # start() forks a child, and the child calls run(): the parent never does.
        print("name: %s, argument: %s" % (self.name, self.args[0]))
        print("parent pid: %s, pid: %s" % (os.getppid(), os.getpid()))
        time.sleep(1)


def main():
    for i in range(5):
        p = Worker(name="process %i" % i, args=(i,))
        p.start()


if __name__ == "__main__":
    main()
