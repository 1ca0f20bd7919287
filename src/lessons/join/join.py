# SPDX-License-Identifier: GPL-3.0-or-later
# join.py: the order of start and end, without join() and with it (seed 004, 2).
#
# Written for MpDemo after the seed's two examples, run one after the other; the child sleeps
# 2 seconds here (5 in the seed), which is enough to see it in MpDemo's process view.
#
# Without join(), the main process prints its last line at once, while its child still
# sleeps. It has not ended yet, though: when it reaches the end of the program, Python joins
# every child that is not a daemon before it exits. With join(), the main process waits for
# the child where join() is called, and its last line comes after the child's.

import multiprocessing as mp
import time


def work():
    print("Sub Process start")
    time.sleep(2)
    print("Sub Process end")


def main():
    # 1) Without join()
    print("Main Process start")
    proc = mp.Process(name="Sub Process", target=work)
    proc.start()
    print("Main Process end")
    # (Python would join proc here anyway, at the end of the program. Join it now, so that
    # the second example does not mix with the first.)
    proc.join()

    # 2) With join()
    print("Main Process start")
    proc = mp.Process(name="Sub Process", target=work)
    proc.start()
    proc.join()
    print("Main Process end")


if __name__ == "__main__":
    main()
