# SPDX-License-Identifier: GPL-3.0-or-later
# thread-daemon.py: daemon threads vanish when the program ends; a thread that is not a
# daemon keeps it going (seed 004, "daemon threads").
#
# Written for MpDemo after the seed's example, with one more thread: three daemon threads
# that would work 4 seconds, and one worker (daemon=False, the default) that works 2. The
# main thread ends at once. Python then waits for the worker, which finishes; and when the
# program ends, the daemon threads are stopped where they are: their "end" lines never come.
# (Nothing tells a daemon thread: it cannot clean up. The seed's example, with five daemons
# and no worker, ends the moment its main thread does.)

import threading
import time


class Worker(threading.Thread):
    def __init__(self, name, seconds, daemon):
        super().__init__(daemon=daemon)
        self.name = name
        self.seconds = seconds

    def run(self):
        print(f"sub thread start {threading.current_thread().name}")
        time.sleep(self.seconds)
        print(f"sub thread end {threading.current_thread().name}")


def main():
    print("main thread start")
    for i in range(3):
        Worker(f"daemon {i}", 4, daemon=True).start()
    Worker("worker", 2, daemon=False).start()
    print("main thread end")


if __name__ == "__main__":
    main()
