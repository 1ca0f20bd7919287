# SPDX-License-Identifier: GPL-3.0-or-later
# queue-join-deadlock.py: joining a process before taking what it put into a queue can wait
# for ever (the "joining processes that use queues" warning of Python's documentation).
#
# Written for MpDemo after seed 003, whose pattern joins its workers first and gets their
# values after: it works only because its values are small. A process that put a value into
# a queue does not end until the value is in the pipe, and a pipe holds 64 KiB. The child here
# puts one value of 1 MB. Its put() returns at once (a thread of the child writes it into the
# pipe later), but when the child's main function ends, it waits for that thread, which waits
# for room in the full pipe. The parent meanwhile waits in join() for the child: each waits for
# the other, for ever. Here the parent gives up after three seconds and says so; then it does
# what it should have done first: it takes the value, and the child can end.

from multiprocessing import Process, Queue

SIZE = 1_000_000


def child(q):
    q.put(b"x" * SIZE)
    print(f"child: put() of {SIZE} bytes")


def main():
    print("1. join() first, then get():")
    q = Queue()
    p = Process(target=child, args=(q,))
    p.start()
    p.join(timeout=3)
    if p.is_alive():
        print("stuck: after 3 s, join() still waits for the child, and the child still waits "
              "to write its value into the pipe, which is full (64 KiB) because nobody reads it")
        value = q.get()
        print(f"the parent took the value ({len(value)} bytes): the child can end")
    p.join()
    print(f"joined: exitcode {p.exitcode}")

    print("2. get() first, then join():")
    q = Queue()
    p = Process(target=child, args=(q,))
    p.start()
    value = q.get()
    print(f"the parent took the value ({len(value)} bytes)")
    p.join()
    print(f"joined: exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
