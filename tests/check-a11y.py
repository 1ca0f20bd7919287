#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-a11y.py COMMAND...: the window as a screen reader reads it, through AT-SPI.

Starts COMMAND (the real mpdemo, or `flatpak run org.example.MpDemo`) on the display and
session bus it is given (build-aux/dev.sh test gives both), and walks its accessibility tree,
on the Live view and then on the Code view (switched to through AT-SPI's own action, as a
screen reader user would). Every control (button, toggle, text field, spin button, drop-down,
list, table, tab) must have a name to read, and the name must be the words a user sees: no
mnemonic underscore, no GTK class name. The status bar must be there, with its role and its
name, and show a timestamp and then a later one. With MPD_A11Y_SCREENSHOT=FILE.png, the
screen is saved there (with ImageMagick's import) before the app is closed.

Then COMMAND --run join: the drawing of the run's processes is a list, each process an
element of it named with its name, pid, parent and state, as a screen reader reads them.

Run with the system's Python (/usr/bin/python3): pyatspi is Debian's python3-pyatspi.
"""
import os
import re
import signal
import subprocess
import sys
import time

# mpdemo finds the accessibility bus through this session bus. Without this, pyatspi would
# look first on the X display, where another program's bus may be announced (other tests
# share the display): forget the display here, and give it back to mpdemo only.
APP_ENV = dict(os.environ, GTK_A11Y="atspi")
os.environ.pop("DISPLAY", None)
# libatspi warns when an application it lists has just gone: not fatal here (mpdemo itself
# keeps G_DEBUG=fatal-warnings).
os.environ.pop("G_DEBUG", None)

import pyatspi  # noqa: E402 (after the environment is set)

CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "spin button", "entry",
    "text", "password text", "combo box", "list", "list box", "list item", "table",
    "tree table", "page tab", "page tab list", "slider", "menu item", "switch", "link",
}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def wait_for(what, predicate, seconds=90):
    """Asks again and again, up to a deadline: AT-SPI has no event we could wait on for
    'the other process has registered'."""
    global app_process, app_restarted
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if app_process.poll() is not None:
            # Seen about once in six runs of the suite, when other tests start X servers of
            # their own (xvfb-run -a) at the same moment: mpdemo finds no display in its first
            # second, and says so (status 1). Its cause is not found; the app gets one more
            # start, and this log says so. A second failure is a failure.
            if app_process.returncode == 1 and not app_restarted and \
                    time.monotonic() - app_started < 5:
                print("mpdemo could not open the display at its start; starting it again once",
                      file=sys.stderr)
                app_restarted = True
                app_process = start_app(app_process.args)
                continue
            sys.exit(f"mpdemo ended ({app_process.returncode}) while waiting for {what}")
        found = predicate()
        if found:
            return found
        time.sleep(0.1)
    sys.exit(f"gave up waiting for {what}")


def find_app(pid):
    """The application with this pid, or the one named mpdemo: inside a Flatpak sandbox, the
    app has a pid of its own namespace, which AT-SPI does not see."""
    desktop = pyatspi.Registry.getDesktop(0)
    # The list of applications is cached, and kept up to date by events that only a main
    # loop would read: ask the registry afresh each time.
    desktop.clearCache()
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is not None and (app.get_process_id() == pid or
                                    app.name in ("mpdemo", "org.example.MpDemo")):
                return app
        except Exception:
            pass
    return None


def walk(node, path=()):
    """Yields (node, path of role names) for node and everything showing under it."""
    try:
        role = node.getRoleName()
        states = node.getState()
    except Exception:
        return
    # GTK 4.8 marks only windows "showing"; "visible" is what it keeps up to date.
    if path and not states.contains(pyatspi.STATE_VISIBLE):
        return
    yield node, path + (role,)
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child, path + (role,))


def problems_in(app, view):
    problems = []
    controls = 0
    for node, path in walk(app):
        role = path[-1]
        if role not in CONTROL_ROLES:
            continue
        # A text that cannot be edited is a label's text, not a control.
        if role == "text" and not node.getState().contains(pyatspi.STATE_EDITABLE):
            continue
        controls += 1
        name = node.name or ""
        where = " > ".join(path[-4:])
        print(f"  {view}: [{role}] {name!r}")
        if not name.strip():
            problems.append(f"{view}: a {role} has no name ({where})")
        elif re.search(r"(^|\s)_\w", name):  # "_Save"; "is_alive()" is a name, not a mnemonic
            problems.append(f"{view}: the {role} {name!r} is read with its mnemonic underscore")
        elif name.startswith("Gtk"):
            problems.append(f"{view}: the {role} is read as its GTK class, {name!r} ({where})")
    return controls, problems


def main():
    try:
        app = wait_for("mpdemo in the accessibility tree", lambda: find_app(app_process.pid))
        window = wait_for("its window",
                          lambda: next((n for n, p in walk(app) if p[-1] == "frame"), None))

        status_bar = wait_for("the status bar", lambda: next(
            (n for n, p in walk(window) if p[-1] == "status bar"), None))

        def timestamp(other_than=None):
            for node, path in walk(status_bar):
                node.clearCache()
                if path[-1] == "label" and TIMESTAMP.match(node.name or "") \
                   and node.name != other_than:
                    return node.name
            return None

        first = wait_for("a timestamp in the status bar", timestamp)
        second = wait_for("a later timestamp in the status bar", lambda: timestamp(first))
        print(f"status bar: {first}, then {second}")
        if os.environ.get("MPD_A11Y_SCREENSHOT"):
            subprocess.run(["import", "-window", "root", os.environ["MPD_A11Y_SCREENSHOT"]],
                           env=APP_ENV, check=False)
        problems = []
        # GTK 4.8 reads the bar's name, "Status"; newer GTK gives a status region no name of
        # its own (ARIA's rule), and a screen reader reads what it says.
        if status_bar.name not in ("Status", ""):
            problems.append(f"the status bar is named {status_bar.name!r}, not 'Status'")
        if second < first:
            problems.append(f"the status bar went back in time: {first}, then {second}")

        # Each view in turn, chosen as a screen reader user would: with the tab's own action.
        counts = {}
        for view in ("Live", "Code", "Live"):
            tab = next((n for n, p in walk(window) if p[-1] == "page tab" and n.name == view),
                       None)
            if tab is None:
                problems.append(f"no '{view}' tab")
                continue
            tab.queryAction().doAction(0)
            wait_for(f"the {view} tab to be selected",
                     lambda: tab.getState().contains(pyatspi.STATE_SELECTED))
            if view not in counts:
                counts[view], view_problems = problems_in(app, view)
                problems += view_problems
        live_controls = counts.get("Live", 0)
        code_controls = counts.get("Code", 0)

        for problem in problems:
            print("problem:", problem)
        print(f"{live_controls} controls on the Live view and {code_controls} on the Code view; "
              f"{len(problems)} problems")
        return 1 if problems or live_controls < 15 else 0
    finally:
        app_process.send_signal(signal.SIGTERM)  # mpdemo quits as its Quit action does
        app_process.wait(timeout=30)


PROCESS_ITEM = re.compile(r"^join · pid \d+, parent \d+: |^Sub Process · pid \d+, parent \d+: ")


def check_drawing():
    """The processes of a run of join, each an element of the drawing's list."""
    try:
        app = wait_for("mpdemo in the accessibility tree", lambda: find_app(app_process.pid))

        def items():
            found = [n.name for n, p in walk(app)
                     if p[-1] == "list item" and PROCESS_ITEM.match(n.name or "")]
            return found if len(found) >= 2 else None

        names = wait_for("the main process and its child in the drawing", items)
        for name in names:
            print(f"  drawing: [list item] {name!r}")
        return 0
    finally:
        app_process.send_signal(signal.SIGTERM)
        app_process.wait(timeout=30)


def gdbus(*args):
    return subprocess.run(["gdbus", "call", "--session", *args], capture_output=True,
                          text=True, env=APP_ENV)


def first_app_gone():
    """Makes sure the first mpdemo has ended and let go of its name on the session bus. Under
    `flatpak run`, SIGTERM ends `flatpak run` but not the app in its sandbox, which a second
    mpdemo would then hand its --run over to (it is the same app, for the bus): so the app is
    asked to quit, with its own Quit action, over the bus, as the desktop would."""
    asked = False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        owned = gdbus("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                      "--method", "org.freedesktop.DBus.NameHasOwner", "org.example.MpDemo")
        if owned.returncode != 0 or "false" in owned.stdout:
            return
        if not asked:
            gdbus("--dest", "org.example.MpDemo", "--object-path", "/org/example/MpDemo",
                  "--method", "org.gtk.Actions.Activate", "quit", "[]", "{}")
            asked = True
        time.sleep(0.1)


def start_app(argv):
    global app_started
    app_started = time.monotonic()
    return subprocess.Popen(argv, env=APP_ENV)


app_restarted = False
app_process = start_app(sys.argv[1:])
status = main()
if status == 0:
    first_app_gone()
    app_restarted = False
    app_process = start_app(sys.argv[1:] + ["--run", "join"])
    status = check_drawing()
sys.exit(status)
