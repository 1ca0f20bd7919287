# SPDX-License-Identifier: GPL-3.0-or-later
# pool-async.py: what a Pool offers besides map() (seed 001's list): apply_async(), ready(),
# get(timeout), get(), apply(), map_async().
#
# Written for MpDemo after the seed's list. apply_async() gives a task to a worker and
# returns a result object at once; the program goes on while the worker works. ready() says
# whether the value is there; get(timeout=2) waits two seconds at most, then raises
# TimeoutError (the task goes on); get() waits as long as it takes. apply() is
# apply_async() followed by get(); map_async() is map() without the wait.

import time
from multiprocessing import Pool, TimeoutError


def square(x):
    return x * x


def slow_square(x):
    time.sleep(3)
    return x * x


def main():
    with Pool(processes=4) as pool:
        r1 = pool.apply_async(slow_square, (3,))
        print("apply_async(slow_square, (3,)) returned at once; ready():", r1.ready())
        try:
            r1.get(timeout=2)
        except TimeoutError:
            print("get(timeout=2) raised TimeoutError: slow_square(3) takes 3 s; "
                  "ready():", r1.ready())
        print("get() waited for the rest:", r1.get(), "; ready():", r1.ready())

        print("apply(square, (4,)) waited for its value:", pool.apply(square, (4,)))

        r2 = pool.map_async(square, range(5))
        print("map_async(square, range(5)) returned at once; ready():", r2.ready())
        print("its get():", r2.get())


if __name__ == "__main__":
    main()
