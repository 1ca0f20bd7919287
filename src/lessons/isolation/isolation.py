# SPDX-License-Identifier: GPL-3.0-or-later
# isolation.py: each process has its own memory (seed 004: num = 42, and section 6).
#
# Written for MpDemo after the seed's three examples, run one after the other.
#
# 1) A global: each child adds 1 to num and prints 43; the parent's num is still 42, and so
#    is the second child's when it starts: a child gets a copy of the parent's memory, not
#    the parent's memory itself.
# 2) An object: run() sets self.name in the child; the parent's object never changes, and
#    still says None after join().
# 3) A class as the target: Worker(...) is called in the child, so its __init__ runs there.

import multiprocessing as mp
import os

num = 42


def f(name):
    global num
    num += 1
    print("-" * 20)
    print("PID of parent: %d" % os.getppid())
    print("PID of %s : %d" % (name, os.getpid()))
    print("%d" % num)


class Worker:
    def __init__(self):
        print("__init__", mp.current_process().name)
        self.name = None

    def run(self, name):
        self.name = name
        print("run", self.name)
        print("run", mp.current_process().name)


class TargetWorker:
    def __init__(self, name):
        print("__init__", mp.current_process().name)
        self.name = name
        self.run()

    def run(self):
        print("run", self.name)
        print("run", mp.current_process().name)


def main():
    # 1) A global
    print("PID of %s : %d" % (mp.current_process().name, os.getpid()))
    print("%d" % num)
    p1 = mp.Process(target=f, args=("proc_1",))
    p2 = mp.Process(target=f, args=("proc_2",))
    p1.start()
    p1.join()
    p2.start()
    p2.join()
    print("%d" % num)

    # 2) An object
    w = Worker()
    p = mp.Process(target=w.run, name="SubProcess", args=("bob",))
    p.start()
    p.join()
    print(w.name)

    # 3) A class as the target
    p = mp.Process(target=TargetWorker, name="SubProcess", args=("bob",))
    p.start()
    p.join()


if __name__ == "__main__":
    main()
