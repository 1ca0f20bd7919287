# SPDX-License-Identifier: GPL-3.0-or-later
# queue-basics.py: a Queue carries values in order, and between processes (seed 004, 4.1).
#
# Written for MpDemo after the seed. First one process alone puts 1, 2 and 3 and gets them
# back in the order they went in: first in, first out. Then two child processes each put a
# list, and the parent gets them: the queue is a pipe underneath, and each list crosses it as
# bytes (pickled), so the parent gets a copy, not the child's own list.

from multiprocessing import Process, Queue


def f(q, values):
    q.put(values)


def main():
    q = Queue()
    q.put(1)
    q.put(2)
    q.put(3)
    print(q.get())
    print(q.get())
    print(q.get())

    p1 = Process(target=f, args=(q, [42, None, "process 1"]))
    p2 = Process(target=f, args=(q, [31, None, "process 2"]))
    p1.start()
    print("the parent got", q.get())
    p1.join()
    p2.start()
    print("the parent got", q.get())
    p2.join()
    print("both children joined")


if __name__ == "__main__":
    main()
