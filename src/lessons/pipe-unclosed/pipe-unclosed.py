# SPDX-License-Identifier: GPL-3.0-or-later
# pipe-unclosed.py: a reader gets end-of-file only when no process holds the write end open
# (seed 001: "unused ends must be closed, or a process may never leave its blocking call").
#
# Written for MpDemo after the seed. The reader receives until end-of-file (EOFError). The
# parent sends three values and is done with the pipe, but forgets to close its write end:
# the kernel counts the open copies of the write end, not who means to write, so recv() waits
# for ever. The drawing shows the pipe still going from the parent to the reader. Here the
# parent gives up after three seconds and says so; then it closes its end, and end-of-file
# comes at once. The second time it closes its end as soon as it has sent.

from multiprocessing import Pipe, Process


def reader(r, w):
    w.close()  # the reader's own copy of the write end: it never writes
    while True:
        try:
            print(f"reader got {r.recv()}")
        except EOFError:
            print("reader: end of file (EOFError)")
            return


def run(close_at_once):
    r, w = Pipe(duplex=False)
    p = Process(target=reader, args=(r, w))
    p.start()
    r.close()  # the parent's copy of the read end: it never reads
    for i in (1, 2, 3):
        w.send(i)
    if close_at_once:
        w.close()
    p.join(timeout=3)
    if p.is_alive():
        print("stuck: after 3 s, the reader still waits in recv(), because the parent "
              "still holds the write end open")
        w.close()
        p.join()
    print(f"reader joined: exitcode {p.exitcode}")


def main():
    print("1. the parent forgets to close its write end:")
    run(close_at_once=False)
    print("2. the parent closes its write end when it is done:")
    run(close_at_once=True)


if __name__ == "__main__":
    main()
