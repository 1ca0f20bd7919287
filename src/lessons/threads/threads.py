# SPDX-License-Identifier: GPL-3.0-or-later
# threads.py: five threads of a Worker subclass of threading.Thread (seed 004, section 1.1).
#
# Written for MpDemo after the seed's first example; each worker sleeps 2 seconds (3 in the
# seed). The main thread starts five workers and ends at once: "main thread end" comes before
# the workers end. The program goes on until they have: at its end, Python waits for every
# thread that is not a daemon. The threads are all in one process: MpDemo draws one box, with
# its six threads.

import threading
import time


class Worker(threading.Thread):
    def __init__(self, name):
        super().__init__()
        self.name = name  # the thread's name

    def run(self):
        print(f"sub thread start {threading.current_thread().name}")
        time.sleep(2)
        print(f"sub thread end {threading.current_thread().name}")


def main():
    print("main thread start")
    for i in range(5):
        t = Worker(f"thread {i}")  # a thread, not started yet
        t.start()                  # calls its run() method in the new thread
    print("main thread end")


if __name__ == "__main__":
    main()
