#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reference: seed 004's PyQt example, run from src/lessons/producer-consumer/seed-004-pyqt.py, the very file
that MpDemo's Code view shows.

Only one thing is added, and only when MPD_BENCH_STARTUP is set: once the first timestamp
has been painted in the status bar, it prints "The first timestamp is on screen" to stdout,
as MpDemo's window does with G_MESSAGES_DEBUG=mpd-pipeline-page, so that bench/run.py can time
both from launch to the same moment. The busy-waiting consumer is the seed's, on purpose:
the idle-cost benchmark measures it.
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "src", "lessons", "producer-consumer", "seed-004-pyqt.py")

_spec = importlib.util.spec_from_file_location("seed_004", SEED)
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)

from PyQt5.QtCore import QEvent, QObject, QTimer, pyqtSlot  # noqa: E402


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


class ReportingWindow(seed.MyWindow):
    """The seed's window, and, with MPD_BENCH_STARTUP, the reporter."""

    def __init__(self, q):
        self.reporter = None
        super().__init__(q)
        if os.environ.get("MPD_BENCH_STARTUP"):
            self.reporter = FirstPaintReporter(self)
            self.statusBar().installEventFilter(self.reporter)

    @pyqtSlot(str)
    def print_data(self, data):
        super().print_data(data)
        if self.reporter is not None:  # the first message arms the reporter
            self.reporter.armed = True
            self.reporter = None


if __name__ == "__main__":
    # The seed's own main block, with the reporting window.
    q = seed.Queue()
    seed.q = q  # the seed's Consumer.run() reads the global q, not self.q

    # producer process
    p = seed.Process(name="producer", target=seed.producer, args=(q, ), daemon=True)
    p.start()

    # Main process
    app = seed.QApplication(sys.argv)
    mywindow = ReportingWindow(q)
    mywindow.show()
    app.exec_()
