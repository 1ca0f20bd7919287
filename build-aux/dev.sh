#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# dev.sh: the two commands of the README, on Debian 12 (or newer).
#
#   build-aux/dev.sh run [MPDEMO OPTIONS]   install what is needed, build, open the window
#   build-aux/dev.sh test [MESON TEST ARGS] install what is needed, build, run every test
#                                           headless (Xvfb), and end with "N passed, N failed"
#   build-aux/dev.sh build                  install what is needed and build, nothing more
#   build-aux/dev.sh fuzz [SECONDS]         build the libFuzzer targets with clang (in
#                                           _build-fuzz/) and fuzz each for SECONDS (60)
#   build-aux/dev.sh asan                   every test, built with AddressSanitizer and
#                                           UndefinedBehaviorSanitizer (in _build-asan/)
#   build-aux/dev.sh tsan                   the engine tests under ThreadSanitizer (_build-tsan/)
#   build-aux/dev.sh valgrind               the engine tests under valgrind's memcheck
#   build-aux/dev.sh bench                  the benchmarks (bench/): figures beside references
#                                           measured in the same run, into BENCHMARKS.md
#   build-aux/dev.sh flatpak                build org.example.MpDemo.json as a Flatpak against
#                                           GTK 4.18, install it and see it run
#                                           (build-aux/flatpak-check.sh, in _flatpak/)
#
# Each of test, asan, tsan and valgrind ends with "N passed, N failed, N skipped"; .ci/run
# runs them all, and the fuzzer.
#
# Packages are installed with apt-get when missing (as root, or through sudo). The build goes
# into _build/, and is installed into _build/prefix/, so that the app runs as it would when
# installed: with its translations, settings schema and icon.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR=_build
PREFIX="$PWD/$BUILD_DIR/prefix"

# What building needs, and the tests' library (the build includes the tests).
BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libglib-testing-0-dev
  libgtksourceview-5-dev
  desktop-file-utils appstream libxml2-utils
)
# What the tests need besides: a virtual display, a session bus, the accessibility bus and
# Python's client of it (to read the window as a screen reader does), a font and the SVG
# loader for icons.
TEST_PACKAGES=(xvfb xauth dbus at-spi2-core python3-pyatspi fonts-cantarell librsvg2-common xdotool
               openbox)
# What a person looking at the window needs: fonts, Korean ones included, icons, and the
# locales, so that LANGUAGE=ko LANG=ko_KR.UTF-8 shows the window in Korean.
RUN_PACKAGES=(fonts-cantarell fonts-noto-cjk librsvg2-common locales)

say() { printf 'dev.sh: %s\n' "$*" >&2; }

# shellcheck source=build-aux/install-packages.sh
source build-aux/install-packages.sh

build() {
  install_packages "${BUILD_PACKAGES[@]}"
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup --prefix="$PREFIX" "$BUILD_DIR"
  fi
  meson compile -C "$BUILD_DIR"
  meson install -C "$BUILD_DIR" --quiet --no-rebuild
}

# Prints the counts of the last `meson test` run in build folder $1 (with test setup $2, if
# any) as "N passed, N failed, N skipped": each subtest of a TAP test counts once, and a test
# that crashed or timed out counts as failed.
print_summary() {
  python3 - "$1/meson-logs/testlog${2:+-$2}.json" <<'PY'
import json, re, sys
passed = failed = skipped = 0
try:
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
except OSError:
    lines = []
for line in lines:
    test = json.loads(line)
    out = test.get("stdout") or ""
    ok = re.findall(r"^ok \d+.*$", out, re.M)
    not_ok = re.findall(r"^not ok \d+.*$", out, re.M)
    if re.search(r"^1\.\.\d+$", out, re.M):
        skipped += sum("# SKIP" in l for l in ok)
        passed += sum("# SKIP" not in l for l in ok)
        failed += len(not_ok)
        if test["result"] not in ("OK", "EXPECTEDFAIL") and not not_ok:
            failed += 1
    elif test["result"] in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif test["result"] == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}

run_tests() {
  install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  build
  local status=0
  rm -f "$BUILD_DIR/meson-logs/testlog.json"
  headless meson test -C "$BUILD_DIR" --print-errorlogs "$@" || status=$?
  print_summary "$BUILD_DIR"
  return $status
}

# A display of its own and a session bus of its own: the tests never touch the desktop's.
headless() {
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$@"
}

# A build folder of its own for each sanitizer, set up once with the options given.
build_variant() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup -Dbuildtype=debug -Db_lundef=false "$@" "$dir"
  fi
  meson compile -C "$dir"
}

SANITIZERS_DIR="$PWD/build-aux/sanitizers"

# AddressSanitizer (out-of-bounds, use-after-free, leaks) and UndefinedBehaviorSanitizer, on
# every test, the window's included, and on every program they start.
run_asan() {
  install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  build_variant _build-asan -Db_sanitize=address,undefined
  local status=0
  rm -f _build-asan/meson-logs/testlog.json
  # fast_unwind_on_malloc=0: GLib has no frame pointers, so the fast unwinder stops every
  # stack at g_malloc; the slow one names the caller, which lsan.supp needs to tell GLib's
  # own deliberate leak (its old table of quarks) from one of ours. malloc_context_size=12:
  # that leak's stack is 7 frames deep (malloc to _dl_init), and the slow unwinder's cost
  # grows with every frame it walks; GTK's stacks are deep (the window test: 122 s with the
  # default 30 frames, 47 s with 12).
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:fast_unwind_on_malloc=0:malloc_context_size=12 \
  LSAN_OPTIONS=suppressions="$SANITIZERS_DIR/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
    headless meson test -C _build-asan --timeout-multiplier 4 --print-errorlogs "$@" || status=$?
  print_summary _build-asan
  return $status
}

# ThreadSanitizer, on the engine: the consumer thread and everything it shares.
run_tsan() {
  install_packages "${BUILD_PACKAGES[@]}"
  build_variant _build-tsan -Db_sanitize=thread
  local status=0
  rm -f _build-tsan/meson-logs/testlog.json
  # G_SLICE=always-malloc: GLib 2.74's slice allocator hands memory freed by one thread to
  # another through its own lock, which TSan does not see (a GObject freed by the main loop,
  # made again by the sampling thread, looked like a race); malloc it sees.
  G_SLICE=always-malloc \
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions="$SANITIZERS_DIR/tsan.supp" \
    meson test -C _build-tsan --suite engine --timeout-multiplier 3 --print-errorlogs "$@" || status=$?
  print_summary _build-tsan
  return $status
}

# valgrind's memcheck, on the engine: any memory error or definite leak fails the test.
run_valgrind() {
  install_packages "${BUILD_PACKAGES[@]}" valgrind
  build
  local status=0
  rm -f "$BUILD_DIR/meson-logs/testlog-valgrind.json"
  meson test -C "$BUILD_DIR" --setup valgrind --suite engine --print-errorlogs "$@" || status=$?
  print_summary "$BUILD_DIR" valgrind
  return $status
}

# Makes the Korean locale, which a fresh Debian does not have: gettext shows no translation
# in a locale that does not exist.
ensure_korean_locale() {
  locale -a 2>/dev/null | grep -qix 'ko_KR.utf-\?8' && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "making the ko_KR.UTF-8 locale"
  "${sudo[@]}" localedef -i ko_KR -c -f UTF-8 -A /usr/share/locale/locale.alias ko_KR.UTF-8 || true
}

run_app() {
  install_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
  ensure_korean_locale
  build
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "there is no display here. To try the window on a virtual one: xvfb-run -a $0 run"
    say "or run the demo in this terminal: $BUILD_DIR/src/mpdemo --console"
  fi
  # The settings schema and the icon are found through XDG_DATA_DIRS.
  XDG_DATA_DIRS="$PREFIX/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    exec "$PREFIX/bin/mpdemo" "$@"
}

# Fuzzing: clang with libFuzzer and the sanitizers, in a build folder of its own. New inputs
# go to _build-fuzz/corpus; a crash is saved as _build-fuzz/crash-*: add it to
# tests/fuzz/corpus/ to keep it as a regression test once it is fixed.
run_fuzz() {
  local seconds=${1:-60}
  install_packages "${BUILD_PACKAGES[@]}" clang libclang-rt-14-dev
  if [ ! -f _build-fuzz/build.ninja ]; then
    CC=clang meson setup -Dfuzzing=true -Dbuildtype=debugoptimized _build-fuzz
  fi
  meson compile -C _build-fuzz tests/fuzz-queue tests/fuzz-shared-queue
  # Each target, SECONDS each: the producer's queue (its corpus: tests/fuzz/corpus) and the
  # queue of the Queues chapter (tests/fuzz/shared-queue-corpus). One test each, in the sense
  # of the other commands: passed when libFuzzer found no crash.
  local status=0 passed=0 failed=0 target
  for target in fuzz-queue:corpus fuzz-shared-queue:shared-queue-corpus; do
    local program=${target%%:*} corpus=${target#*:}
    mkdir -p "_build-fuzz/$corpus"
    if (cd _build-fuzz && "./tests/$program" -max_total_time="$seconds" -print_final_stats=1 \
          "$corpus" "../tests/fuzz/$corpus"); then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      status=1
      say "the fuzzer found a crash in $program: see _build-fuzz/crash-* (or leak-*, timeout-*)"
    fi
  done
  echo "$passed passed, $failed failed, 0 skipped"
  return $status
}

# The benchmarks, on a release build of their own: bench/run.py compares MpDemo with the seed's
# Python (the system's python3, and its PyQt5 for the seed's window) and writes BENCHMARKS.md;
# then the soak sends 10 million messages from 4 producers and counts what was lost.
run_bench() {
  install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" python3 python3-pyqt5
  build_variant _build-bench -Dbuildtype=release
  headless /usr/bin/python3 bench/run.py _build-bench "$@"
  meson test -C _build-bench --benchmark --verbose soak
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  run) run_app "$@" ;;
  test) run_tests "$@" ;;
  build) build ;;
  fuzz) run_fuzz "$@" ;;
  asan) run_asan "$@" ;;
  tsan) run_tsan "$@" ;;
  valgrind) run_valgrind "$@" ;;
  bench) run_bench "$@" ;;
  flatpak) exec build-aux/flatpak-check.sh "$@" ;;
  *)
    echo "usage: $0 run|test|build|fuzz|asan|tsan|valgrind|bench|flatpak" >&2
    exit 2
    ;;
esac
