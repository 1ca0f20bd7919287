# SPDX-License-Identifier: GPL-3.0-or-later
# pipe-duplex.py: Pipe() gives two connected ends, and each end both sends and receives
# (seed 004, 4.2).
#
# Written for MpDemo after the seed. The parent sends a list on its end before the child
# even starts: the pipe keeps it. The child receives it on the other end, prints it, and
# sends a list back on the same end; the parent receives that one. Underneath, Pipe() is a
# pair of connected Unix sockets: the drawing shows one socket between the two processes.

from multiprocessing import Pipe, Process


def f(conn):
    print("child got", conn.recv())
    conn.send([42, None, "send from child_conn"])
    conn.close()


def main():
    parent_conn, child_conn = Pipe()
    parent_conn.send([31, None, "send from parent_conn"])
    p = Process(target=f, args=(child_conn,))
    p.start()
    print("parent got", parent_conn.recv())
    p.join()
    print("child joined")


if __name__ == "__main__":
    main()
