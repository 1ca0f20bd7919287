# SPDX-License-Identifier: GPL-3.0-or-later
# lifecycle.py: is_alive() before start(), after start(), after kill(), after join() (seed
# 004, section 3), with the exit code.
#
# Written for MpDemo after the seed's example. The child prints a line every second, forever;
# the main process kills it after 2.5 seconds (3 lines), and waits 2 seconds more before
# join(), so that MpDemo's drawing has time to show the killed child as a zombie.
#
# kill() sends SIGKILL and returns at once: the kernel ends the child a moment later. So
# is_alive() just after kill() says True when it looks before the kernel has finished, as in
# the seed, and False when the kernel was quicker: this one line is a race. is_alive() asks
# the kernel with waitpid(WNOHANG), which also collects a child that has ended: join() does
# the same, but waits. Until one of them does, the ended child is a zombie.

import multiprocessing as mp
import time


def work():
    while True:
        print("sub process is running")
        time.sleep(1)


def main():
    p = mp.Process(target=work, name="SubProcess")
    print("Status before start():", p.is_alive())  # False
    p.start()
    print("Status after start():", p.is_alive())   # True
    time.sleep(2.5)
    p.kill()                                       # SIGKILL
    print("Status after kill():", p.is_alive())    # True if not ended yet: a race
    time.sleep(2)                                  # a zombie now: ended, not joined
    p.join()                                       # waitpid(): collects it
    print("Status after join():", p.is_alive())    # False
    print("exitcode:", p.exitcode)                 # -9: ended by signal 9, SIGKILL


if __name__ == "__main__":
    main()
