#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reference: seed 004's PyQt example, copied as the blog post gives it.

Only one thing is added, and only when MPD_BENCH_STARTUP is set: once the first timestamp
has been painted in the status bar, it prints "The first timestamp is on screen" to stdout,
as MpDemo's window does with G_MESSAGES_DEBUG=mpd-window, so that bench/run.py can time
both from launch to the same moment. The busy-waiting consumer is the seed's, on purpose:
the idle-cost benchmark measures it.
"""

import os
import sys
from PyQt5.QtWidgets import *
from PyQt5.QtCore import *
from multiprocessing import Process, Queue
import multiprocessing as mp
import datetime
import time


def producer(q):
    proc = mp.current_process()
    print(proc.name)

    while True:
        now = datetime.datetime.now()
        data = str(now)
        q.put(data)
        time.sleep(1)


class Consumer(QThread):
    poped = pyqtSignal(str)

    def __init__(self, q):
        super().__init__()
        self.q = q

    def run(self):
        while True:
            if not self.q.empty():
                data = q.get()
                self.poped.emit(data)


class FirstPaintReporter(QObject):
    """Not in the seed: reports the first paint of the status bar after it got a message."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.armed = False

    def eventFilter(self, obj, event):
        if self.armed and event.type() == QEvent.Paint:
            self.armed = False
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: print("The first timestamp is on screen", flush=True))
        return False


class MyWindow(QMainWindow):
    def __init__(self, q):
        super().__init__()
        self.setGeometry(200, 200, 300, 200)

        # thread for data consumer
        self.consumer = Consumer(q)
        self.consumer.poped.connect(self.print_data)
        self.consumer.start()

        self.reporter = None
        if os.environ.get("MPD_BENCH_STARTUP"):
            self.reporter = FirstPaintReporter(self)
            self.statusBar().installEventFilter(self.reporter)

    @pyqtSlot(str)
    def print_data(self, data):
        self.statusBar().showMessage(data)
        if self.reporter is not None:  # not in the seed: the first message arms the reporter
            self.reporter.armed = True
            self.reporter = None


if __name__ == "__main__":
    q = Queue()

    # producer process
    p = Process(name="producer", target=producer, args=(q, ), daemon=True)
    p.start()

    # Main process
    app = QApplication(sys.argv)
    mywindow = MyWindow(q)
    mywindow.show()
    app.exec_()
