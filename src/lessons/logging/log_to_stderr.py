# SPDX-License-Identifier: GPL-3.0-or-later
# log_to_stderr.py: what multiprocessing's own log says about the processes' lives, at the INFO
# level and at the DEBUG level (seeds 000 and 001: log_to_stderr()).
#
# Written for MpDemo after the seeds. log_to_stderr() makes multiprocessing's logger write to
# stderr, each line as [LEVEL/process name] message; the level chosen decides which lines.
# A child started with fork() gets a copy of the logger, with the level it had then.
#
# 1) At INFO: one child, started and joined. It says when it starts its work (run()), and
#    when it shuts down and exits, with its exit code.
# 2) At DEBUG: two children, which the program does not join. DEBUG adds the "atexit"
#    finalizers, Python's clean-up at the end of each process. At the end of the program, the
#    main process joins both children itself, and says so. (Each child works half a second:
#    a child that had already ended would be collected without a word, and the lines would
#    depend on which was quicker.)
#
# (This file is not named logging.py, as its lesson is: "import logging" would then import
# this file instead of Python's module, since Python looks first in the script's folder.)

import logging
import multiprocessing as mp
import time


def worker(count):
    print(f"count: {count}")
    time.sleep(0.5)  # still working when the main process reaches its end


def main():
    logger = mp.log_to_stderr()

    print("1) INFO")
    logger.setLevel(logging.INFO)
    p = mp.Process(target=worker, args=(0,))
    p.start()
    p.join()

    print("2) DEBUG")
    logger.setLevel(logging.DEBUG)
    for count in (1, 2):
        mp.Process(target=worker, args=(count,)).start()


if __name__ == "__main__":
    main()
