# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# install-packages.sh: sourced by dev.sh and flatpak-check.sh.
#
# install_packages PACKAGE...: installs with apt-get those of the Debian packages that are
# missing (as root, or through sudo), and nothing when none is.
install_packages() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  printf '%s: installing %s\n' "$(basename "$0")" "${missing[*]}" >&2
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}
