# SPDX-License-Identifier: GPL-3.0-or-later
# thread-join.py: two threads, both joined, then the main thread's own work (seed 004, "Fork
# and Join").
#
# Written for MpDemo after the seed's example; each worker sleeps 2 seconds (5 in the seed).
# join() waits for a thread to end: the main thread's "post job" comes after both workers.

import threading
import time


class Worker(threading.Thread):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self):
        print(f"sub thread start {threading.current_thread().name}")
        time.sleep(2)
        print(f"sub thread end {threading.current_thread().name}")


def main():
    print("main thread start")
    t1 = Worker("1")
    t1.start()
    t2 = Worker("2")
    t2.start()
    t1.join()  # waits until t1 has ended
    t2.join()
    print("main thread post job")
    print("main thread end")


if __name__ == "__main__":
    main()
