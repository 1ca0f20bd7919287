#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-install.sh BUILD_DIR PREFIX VERSION: `meson install` into a DESTDIR puts exactly these
# files in their standard places, and the installed program runs.
set -eu

build_dir=$1
prefix=$2
version=$3
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT

meson install -C "$build_dir" --destdir "$destdir" --no-rebuild --quiet >/dev/null

(cd "$destdir$prefix" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) > "$destdir/installed"
LC_ALL=C sort > "$destdir/expected" <<'LIST'
bin/mpdemo
libexec/mpdemo/lessons/args/args
libexec/mpdemo/lessons/args/args.py
libexec/mpdemo/lessons/current-process/current-process
libexec/mpdemo/lessons/current-process/current-process.py
libexec/mpdemo/lessons/daemon/daemon
libexec/mpdemo/lessons/daemon/daemon.py
libexec/mpdemo/lessons/isolation/isolation
libexec/mpdemo/lessons/isolation/isolation.py
libexec/mpdemo/lessons/join/join
libexec/mpdemo/lessons/join/join.py
libexec/mpdemo/lessons/lifecycle/lifecycle
libexec/mpdemo/lessons/lifecycle/lifecycle.py
libexec/mpdemo/lessons/logging/log_to_stderr
libexec/mpdemo/lessons/logging/log_to_stderr.py
libexec/mpdemo/lessons/producer-consumer/mpdemo-producer
libexec/mpdemo/lessons/producer-consumer/seed-004-pyqt.py
libexec/mpdemo/lessons/spawn/spawn
libexec/mpdemo/lessons/spawn/spawn.py
libexec/mpdemo/lessons/subclass/subclass
libexec/mpdemo/lessons/subclass/subclass.py
libexec/mpdemo/lessons/thread-daemon/thread-daemon
libexec/mpdemo/lessons/thread-daemon/thread-daemon.py
libexec/mpdemo/lessons/pool-map/pool-map
libexec/mpdemo/lessons/pool-map/pool-map.py
libexec/mpdemo/lessons/pool-many/pool-many
libexec/mpdemo/lessons/pool-many/pool-many.py
libexec/mpdemo/lessons/pool-async/pool-async
libexec/mpdemo/lessons/pool-async/pool-async.py
libexec/mpdemo/lessons/process-doubler/process-doubler
libexec/mpdemo/lessons/process-doubler/process-doubler.py
libexec/mpdemo/lessons/gil/gil
libexec/mpdemo/lessons/gil/gil.py
libexec/mpdemo/lessons/queue-basics/queue-basics
libexec/mpdemo/lessons/queue-basics/queue-basics.py
libexec/mpdemo/lessons/queue-sum/queue-sum
libexec/mpdemo/lessons/queue-sum/queue-sum.py
libexec/mpdemo/lessons/queue-api/queue-api
libexec/mpdemo/lessons/queue-api/queue-api.py
libexec/mpdemo/lessons/queue-join-deadlock/queue-join-deadlock
libexec/mpdemo/lessons/queue-join-deadlock/queue-join-deadlock.py
libexec/mpdemo/lessons/pipe-duplex/pipe-duplex
libexec/mpdemo/lessons/pipe-duplex/pipe-duplex.py
libexec/mpdemo/lessons/pipe-sum/pipe-sum
libexec/mpdemo/lessons/pipe-sum/pipe-sum.py
libexec/mpdemo/lessons/pipe-unclosed/pipe-unclosed
libexec/mpdemo/lessons/pipe-unclosed/pipe-unclosed.py
libexec/mpdemo/lessons/thread-join/thread-join
libexec/mpdemo/lessons/thread-join/thread-join.py
libexec/mpdemo/lessons/thread-list/thread-list
libexec/mpdemo/lessons/thread-list/thread-list.py
libexec/mpdemo/lessons/threads/threads
libexec/mpdemo/lessons/threads/threads.py
libexec/mpdemo/mpdemo-supervisor
libexec/mpdemo/python/sitecustomize.py
share/applications/org.example.MpDemo.desktop
share/glib-2.0/schemas/org.example.MpDemo.gschema.xml
share/icons/hicolor/scalable/apps/org.example.MpDemo.svg
share/icons/hicolor/symbolic/apps/org.example.MpDemo-symbolic.svg
share/locale/ko/LC_MESSAGES/mpdemo.mo
share/metainfo/org.example.MpDemo.metainfo.xml
LIST

status=0
if ! diff -u "$destdir/expected" "$destdir/installed"; then
  echo "the installed files are not the expected ones (- expected, + installed)"
  status=1
fi

for program in bin/mpdemo libexec/mpdemo/mpdemo-supervisor \
    libexec/mpdemo/lessons/producer-consumer/mpdemo-producer libexec/mpdemo/lessons/spawn/spawn; do
  [ -x "$destdir$prefix/$program" ] || { echo "not executable: $program"; status=1; }
done

said=$("$destdir$prefix/bin/mpdemo" --version)
if [ "$said" != "mpdemo $version" ]; then
  echo "the installed mpdemo --version said “$said”, not “mpdemo $version”"
  status=1
fi

exit $status
