# SPDX-License-Identifier: GPL-3.0-or-later
# args.py: passing arguments to a child process, to a function and to a method (seed 004, 1).
#
# Written for MpDemo after the seed's two examples, run one after the other. args=("hello",)
# is a tuple: Process calls target(*args) in the child. A bound method (w.run) is a target
# like any function: the child gets a copy of the object w, made when it was started.

import multiprocessing as mp


def work(value):
    pname = mp.current_process().name
    print(pname)
    print(value)


class Worker:
    def __init__(self):
        pass

    def run(self, value):
        pname = mp.current_process().name
        print(pname)
        print(value)


def main():
    # 1) A function
    p = mp.Process(name="Sub Process", target=work, args=("hello",))
    p.start()
    p.join()
    print("Main Process")

    # 2) A method of a class instance
    w = Worker()
    p = mp.Process(name="Sub Process", target=w.run, args=("hello",))
    p.start()
    p.join()
    print("Main Process")


if __name__ == "__main__":
    main()
