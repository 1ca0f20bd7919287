# SPDX-License-Identifier: GPL-3.0-or-later
# queue-api.py: a Queue with a maxsize, and what each call does when it is full or empty;
# then a JoinableQueue with task_done() and join() (seed 001's list of the Queue's methods).
#
# Written for MpDemo after the seed. Queue(3) holds three values at most. A fast producer
# puts five: its fourth put() waits until the parent takes one (the drawing shows it waiting).
# put(timeout=1) on a full queue raises queue.Full after one second; get_nowait() on an empty
# one raises queue.Empty at once. qsize(), empty() and full() are only approximate between
# processes: another process may change the queue the moment after they answer.

import queue
import time
from multiprocessing import JoinableQueue, Process, Queue


def producer(q):
    for i in range(1, 6):
        print(f"producer: put({i})")
        q.put(i)
    print("producer: all five are in")


def consumer(jq):
    for _ in range(3):
        task = jq.get()
        print(f"consumer: did {task}, task_done()")
        jq.task_done()


def show(q, when):
    print(f"{when}: qsize() {q.qsize()}, empty() {q.empty()}, full() {q.full()}")


def main():
    q = Queue(maxsize=3)
    show(q, "new Queue(maxsize=3)")

    p = Process(target=producer, args=(q,))
    p.start()
    time.sleep(2)  # the producer has put three, and waits in its fourth put()
    show(q, "after 2 s")

    start = time.monotonic()
    try:
        q.put(99, timeout=1)
    except queue.Full:
        print(f"put(99, timeout=1) raised Full after {time.monotonic() - start:.0f} s: "
              "the queue holds its maxsize")

    for _ in range(5):
        print(f"parent: get() -> {q.get()}")
    p.join()
    show(q, "after five get()")
    try:
        q.get_nowait()
    except queue.Empty:
        print("get_nowait() raised Empty: no value is waiting")

    jq = JoinableQueue()
    for task in ("task A", "task B", "task C"):
        jq.put(task)
    c = Process(target=consumer, args=(jq,))
    c.start()
    jq.join()
    print("jq.join() returned: every task got its task_done()")
    c.join()


if __name__ == "__main__":
    main()
