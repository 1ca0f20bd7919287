# SPDX-License-Identifier: GPL-3.0-or-later
# daemon.py: what daemon=True really does (seeds 001 and 004), when the main process ends
# normally and when it is killed with SIGKILL.
#
# Written for MpDemo after the seeds. Each example runs its main process ("Main") as a child
# of this program, which plays the terminal: it starts Main, waits for it, and says how it
# ended. Main starts two children, a daemon and a worker (daemon=False, the default), waits
# until both have started (a Barrier), and then:
#
# 1) ends normally. Python then terminates its daemon children (SIGTERM), and joins the
#    others: the worker finishes its work, the daemon never does. Seed 001 says a daemon
#    "remains in the background" after the main process ends: it does not, Python ends it.
# 2) is killed with SIGKILL. Then no Python code runs in Main at all: nobody terminates the
#    daemon, nobody joins the worker. Both are orphans: the kernel gives them a new parent
#    (MpDemo's supervisor, in MpDemo; init, or systemd, in a terminal), and both finish.
#
# The daemon says when it gets SIGTERM: it catches it, prints a line, and then lets SIGTERM
# end it as it would have without the handler.

import multiprocessing as mp
import os
import signal
import time


def on_sigterm(signum, frame):
    print("Daemon: SIGTERM (terminate()), the main process is ending")
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def child(started):
    name = mp.current_process().name
    signal.signal(signal.SIGTERM, on_sigterm)
    parent = os.getppid()
    print(f"{name}: start")
    started.wait()
    time.sleep(1)
    if os.getppid() != parent:
        print(f"{name}: my parent is gone; my new parent is pid {os.getppid()}")
    time.sleep(1)
    print(f"{name}: end")


def main_process(killed):
    started = mp.Barrier(3)
    mp.Process(name="Daemon", target=child, args=(started,), daemon=True).start()
    mp.Process(name="Worker", target=child, args=(started,)).start()
    started.wait()
    if killed:
        print("Main: killed with SIGKILL")
        os.kill(os.getpid(), signal.SIGKILL)
    print("Main: end of the program")


def run(killed):
    # The children of Main keep this pipe's writing end open as long as they live: reading it
    # to its end waits for all of them, whoever their parent is by then.
    done_reading, done_writing = os.pipe()
    main = mp.Process(name="Main", target=main_process, args=(killed,))
    main.start()
    os.close(done_writing)
    main.join()
    print(f"Terminal: Main ended with exitcode {main.exitcode}")
    os.read(done_reading, 1)
    os.close(done_reading)
    print("Terminal: every child of Main has ended")


def main():
    # Main's children get the pipe's writing end by inheriting it: fork() is how they start,
    # as on Linux by default until Python 3.14.
    mp.set_start_method("fork")
    print("1) Main ends normally")
    run(killed=False)
    print("2) Main is killed with SIGKILL")
    run(killed=True)


if __name__ == "__main__":
    main()
