#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# flatpak-check.sh: build org.example.MpDemo.json as a Flatpak, install it, run it, and see it
# work, all offline and on this machine alone.
#
# Flathub (and so org.gnome.Platform) cannot be reached from here, so this script makes a
# Platform and an Sdk runtime of its own from Debian 13 "trixie" packages: GTK 4.18 and
# GLib 2.84, newer than what the app is written for, as the GNOME runtime is. Then:
#
#   1. debootstrap a minimal trixie, and apt-get the runtime's and the Sdk's packages into
#      two copies of it (inside bwrap, so that nothing is mounted on the host);
#   2. export both as Flatpak runtimes into a local OSTree repository;
#   3. build the app with flatpak-builder from a temporary copy of org.example.MpDemo.json
#      in which only the runtime and Sdk names are swapped for these, and the C compiler is
#      told -Werror=deprecated-declarations with the API pin lifted (-Dpin_api=false): any
#      GLib or GTK call deprecated in the runtime's versions fails the build;
#   4. install the app from that repository and start it with `flatpak run` on a virtual
#      display (Xvfb) with its own session bus and accessibility bus;
#   5. read the window through the accessibility tree, as a screen reader would
#      (tests/check-a11y.py): the window is there, its status bar shows one timestamp and then
#      a later one, and every control has a name.
#
# On the way, the Sdk's own validators (AppStream 1.0) check the metainfo and desktop file
# that the Flatpak installs.
#
# Everything lives in _flatpak/ (about 3 GB); the Debian trees are kept there and reused
# until the package lists below change. Flatpak itself is pointed at _flatpak/flatpak-user,
# so no Flatpak installation of the machine is touched.
#
# Usage: build-aux/flatpak-check.sh   (as root, or with sudo for apt-get)
# It ends with "N passed, N failed", one for each check above.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
APP_ID=org.example.MpDemo
WORK=$ROOT/_flatpak
SUITE=trixie
BRANCH=13
PLATFORM_ID=org.example.Trixie.Platform
SDK_ID=org.example.Trixie.Sdk
ARCH=$(uname -m)
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

# What the host needs to build, install and run a Flatpak, and to look at it.
HOST_PACKAGES=(
  debootstrap flatpak flatpak-builder ostree elfutils bubblewrap python3
  xvfb xauth dbus at-spi2-core python3-pyatspi imagemagick
)
# The Platform: what the app needs at run time (as org.gnome.Platform would have it).
PLATFORM_PACKAGES=(
  libgtk-4-1 libglib2.0-0t64 libgtksourceview-5-0 librsvg2-common shared-mime-info
  hicolor-icon-theme adwaita-icon-theme fonts-cantarell
)
# The Sdk: the Platform and what building the app needs (as org.gnome.Sdk would have it).
# appstream-util brings appstream-compose, which flatpak-builder 1.2 runs inside the Sdk.
SDK_PACKAGES=(
  "${PLATFORM_PACKAGES[@]}"
  meson ninja-build pkgconf gcc libc6-dev libgtk-4-dev libglib2.0-dev libglib2.0-dev-bin
  libgtksourceview-5-dev
  libglib2.0-bin gettext desktop-file-utils appstream appstream-util libxml2-utils
)

passed=0
failed=0
finish() {
  echo "$passed passed, $failed failed"
}
trap finish EXIT

say() { printf '\nflatpak-check: %s\n' "$*" >&2; }
ok() { passed=$((passed + 1)); printf 'ok %d - %s\n' $((passed + failed)) "$*"; }
not_ok() { failed=$((failed + 1)); printf 'not ok %d - %s\n' $((passed + failed)) "$*"; }
# A step that the later ones need: when it fails, the check ends here.
fatal() { not_ok "$*"; exit 1; }

# shellcheck source=build-aux/install-packages.sh
source build-aux/install-packages.sh

# Runs a command as root inside the Debian tree $1, with the host's network, and with the
# package archive shared by both trees, so that each .deb is downloaded once.
in_tree() {
  local tree=$1
  shift
  bwrap --bind "$tree" / --proc /proc --dev /dev --perms 1777 --tmpfs /tmp \
        --bind "$WORK/debs" /var/cache/apt/archives \
        --ro-bind /etc/resolv.conf /etc/resolv.conf \
        --unshare-pid --die-with-parent \
        --setenv PATH /usr/sbin:/usr/bin --setenv DEBIAN_FRONTEND noninteractive \
        --setenv LC_ALL C.UTF-8 -- "$@"
}

# Makes the Debian tree $1 with the packages $2..., unless it was made with the same list.
make_tree() {
  local tree=$1 stamp
  shift
  stamp="$SUITE $MIRROR $*"
  if [ -f "$tree.done" ] && [ "$(cat "$tree.done")" = "$stamp" ]; then
    say "reusing $tree"
    return 0
  fi
  if [ ! -f "$WORK/base.done" ] || [ "$(cat "$WORK/base.done")" != "$SUITE $MIRROR" ]; then
    say "debootstrap $SUITE into $WORK/base"
    rm -rf "$WORK/base"
    mkdir -p "$WORK/debs"
    debootstrap --variant=minbase --cache-dir="$WORK/debs" "$SUITE" "$WORK/base" "$MIRROR" \
      >"$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log"; return 1; }
    echo "$SUITE $MIRROR" >"$WORK/base.done"
  fi
  say "installing $# packages into $tree"
  rm -rf "$tree" "$tree.done"
  cp -a "$WORK/base" "$tree"
  if ! { in_tree "$tree" apt-get update -q \
           && in_tree "$tree" apt-get install -y -q --no-install-recommends "$@" \
           && in_tree "$tree" apt-get clean; } >"$tree.log" 2>&1; then
    tail -n 20 "$tree.log"
    return 1
  fi
  echo "$stamp" >"$tree.done"
}

# Exports the Debian tree $1 as the Flatpak runtime $2 into the local repository. Inside a
# sandbox, a runtime's files are mounted on /usr, with its etc/ as /etc.
export_runtime() {
  local tree=$1 id=$2 dir=$WORK/runtime-$2
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -al "$tree/usr" "$dir/files"
  cp -al "$tree/etc" "$dir/files/etc"
  # Flatpak runs ldconfig from the runtime's PATH (/usr/bin) to make the library cache.
  [ -e "$dir/files/bin/ldconfig" ] || ln -s ../sbin/ldconfig "$dir/files/bin/ldconfig"
  cat >"$dir/metadata" <<EOF
[Runtime]
name=$id
runtime=$PLATFORM_ID/$ARCH/$BRANCH
sdk=$SDK_ID/$ARCH/$BRANCH
EOF
  flatpak build-export --runtime --files=files --no-update-summary \
    "$WORK/repo" "$dir" "$BRANCH" >/dev/null
  rm -rf "$dir"
}

# The manifest as it is, but for the runtime, the Sdk, and the deprecation check.
write_manifest_copy() {
  python3 - "$ROOT/$APP_ID.json" "$WORK/$APP_ID.json" "$ROOT" \
            "$PLATFORM_ID" "$SDK_ID" "$BRANCH" <<'PY'
import json, sys
source, target, root, platform, sdk, branch = sys.argv[1:]
manifest = json.load(open(source, encoding="utf-8"))
manifest["runtime"] = platform
manifest["sdk"] = sdk
manifest["runtime-version"] = branch
app = next(m for m in manifest["modules"] if isinstance(m, dict) and m["name"] == "mpdemo")
app["config-opts"] = app.get("config-opts", []) + ["-Dpin_api=false"]
flags = app.setdefault("build-options", {})
flags["cflags"] = (flags.get("cflags", "") + " -Werror=deprecated-declarations").strip()
for src in app["sources"]:
    if src.get("type") == "dir":
        src["path"] = root      # the copy lives in _flatpak/, the sources do not
json.dump(manifest, open(target, "w", encoding="utf-8"), indent=2)
PY
}


main() {
  local started=$SECONDS
  install_packages "${HOST_PACKAGES[@]}"
  mkdir -p "$WORK"

  say "making the Platform and the Sdk from Debian $SUITE"
  if ! { make_tree "$WORK/platform" "${PLATFORM_PACKAGES[@]}" \
           && make_tree "$WORK/sdk" "${SDK_PACKAGES[@]}"; }; then
    fatal "Debian $SUITE trees for the Platform and the Sdk"
  fi

  export FLATPAK_USER_DIR=$WORK/flatpak-user
  rm -rf "$WORK/repo" "$FLATPAK_USER_DIR"
  # bare-user-only: files are stored as they are, not compressed: about ten times faster.
  ostree init --mode=bare-user-only --repo="$WORK/repo"
  if export_runtime "$WORK/platform" "$PLATFORM_ID" \
     && export_runtime "$WORK/sdk" "$SDK_ID" \
     && flatpak build-update-repo "$WORK/repo" >/dev/null \
     && flatpak --user remote-add --no-gpg-verify mpdemo-check "$WORK/repo" \
     && flatpak --user install -y --noninteractive mpdemo-check "$PLATFORM_ID//$BRANCH" \
          "$SDK_ID//$BRANCH"; then
    ok "runtimes $PLATFORM_ID and $SDK_ID (Debian $SUITE) installed"
  else
    fatal "runtimes $PLATFORM_ID and $SDK_ID"
  fi

  say "building $APP_ID.json"
  write_manifest_copy
  local log=$WORK/flatpak-builder.log
  if flatpak-builder --user --force-clean --disable-rofiles-fuse --disable-cache \
       --state-dir="$WORK/state" --repo="$WORK/repo" \
       "$WORK/app" "$WORK/$APP_ID.json" >"$log" 2>&1; then
    ok "$APP_ID.json built against GTK 4.18 with -Werror=deprecated-declarations"
  else
    tail -n 40 "$log"
    fatal "$APP_ID.json built (the whole log: $log)"
  fi
  if grep -q 'warning:' "$log"; then
    grep 'warning:' "$log" | head -n 20
    not_ok "the build inside the sandbox printed no compiler warning"
  else
    ok "the build inside the sandbox printed no compiler warning"
  fi

  # The metainfo and the desktop file as the Flatpak installs them, checked by the Sdk's own
  # validators: AppStream 1.0, stricter than Debian 12's 0.16. flatpak-builder 1.2 moves the
  # metainfo to share/appdata/.
  local said
  if said=$(bwrap --ro-bind "$WORK/sdk" / --proc /proc --dev /dev --tmpfs /run \
              --ro-bind "$WORK/app/files" /run/app \
              --setenv PATH /usr/bin --setenv LC_ALL C.UTF-8 -- sh -c "
              appstreamcli validate --no-net --explain /run/app/share/appdata/$APP_ID.appdata.xml \
                && desktop-file-validate /run/app/share/applications/$APP_ID.desktop" 2>&1) \
     && ! grep -qE '^(W|E): |(warning|error):' <<<"$said"; then
    ok "the Sdk's appstreamcli and desktop-file-validate find nothing to warn about"
  else
    printf '%s\n' "$said"
    not_ok "the Sdk's appstreamcli and desktop-file-validate find nothing to warn about"
  fi

  flatpak build-update-repo "$WORK/repo" >/dev/null
  if flatpak --user install -y --noninteractive mpdemo-check "$APP_ID" \
     && flatpak --user info "$APP_ID"; then
    ok "$APP_ID installed as a Flatpak"
  else
    fatal "$APP_ID installed as a Flatpak"
  fi

  say "starting it with flatpak run, on a virtual display"
  local runtime_dir
  runtime_dir=$(mktemp -d)
  chmod 700 "$runtime_dir"
  export XDG_RUNTIME_DIR=$runtime_dir
  # A home of its own, so that the app starts with its default settings (~/.var/app/).
  export HOME=$runtime_dir/home
  mkdir -p "$HOME"
  # tests/check-a11y.py reads the window as a screen reader does: the status bar shows a
  # timestamp and then a later one, and every control has a name, here in GTK 4.18.
  # shellcheck disable=SC2016 # expanded by the inner shell
  if xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
       /usr/libexec/at-spi-bus-launcher --launch-immediately &
       MPD_A11Y_SCREENSHOT="$1/flatpak-window.png" /usr/bin/python3 tests/check-a11y.py \
         flatpak run --env=GSK_RENDERER=cairo "$2"' check "$WORK" "$APP_ID" \
       >"$WORK/app.log" 2>&1; then
    grep -E '^(status bar:|[0-9]+ controls)' "$WORK/app.log"
    ok "the window is up, its status bar updates, and every control has a name (screenshot: $WORK/flatpak-window.png)"
  else
    cat "$WORK/app.log"
    not_ok "the window is up, its status bar updates, and every control has a name"
  fi
  rm -rf "$runtime_dir"
  say "done in $((SECONDS - started)) s"
}

main
