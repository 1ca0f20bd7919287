# SPDX-License-Identifier: GPL-3.0-or-later
# thread-list.py: threads kept in a list, then all joined (seed 004, "a list of threads").
#
# Written for MpDemo after the seed's example; each worker sleeps 2 seconds (5 in the seed).
# The seed names its threads with numbers (Worker(i)): a thread's name is a string, and
# Thread turns the number into one.

import threading
import time


class Worker(threading.Thread):
    def __init__(self, name):
        super().__init__()
        self.name = str(name)

    def run(self):
        print(f"sub thread start {threading.current_thread().name}")
        time.sleep(2)
        print(f"sub thread end {threading.current_thread().name}")


def main():
    print("main thread start")
    threads = []
    for i in range(3):
        thread = Worker(i)
        thread.start()
        threads.append(thread)

    for thread in threads:  # each in turn: the loop ends when the slowest has ended
        thread.join()
    print("main thread post job")
    print("main thread end")


if __name__ == "__main__":
    main()
