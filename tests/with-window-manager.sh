#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# with-window-manager.sh: runs "$@" with a window manager (openbox) on the X server of
# $DISPLAY. Full screen is the window manager's to grant: without one, F11 asks and nothing
# answers. The test waits until the window manager says it supports full screen. No
# accessibility bus: this X server is not the one the session's bus was started for.
set -u
export GTK_A11Y=none
if command -v openbox >/dev/null 2>&1; then
  openbox --sm-disable >/dev/null 2>&1 &
  wm=$!
  export MPD_TEST_WINDOW_MANAGER=openbox
else
  wm=
fi
"$@"
status=$?
if [ -n "$wm" ]; then
  kill "$wm" 2>/dev/null
  wait "$wm" 2>/dev/null
fi
exit $status
