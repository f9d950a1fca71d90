# build-aux/setup.sh: shared by build-aux/run and build-aux/test (sourced, not run).
# Installs the Debian/Ubuntu packages the build and the tests need, when missing, then
# configures the build directory.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-"$TOP/build"}

DEPS=(
  meson ninja-build pkg-config gcc python3
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  gettext desktop-file-utils appstream yelp-tools itstool
  xvfb xauth dbus dbus-daemon
  xdotool at-spi2-core python3-pyatspi gir1.2-atspi-2.0 imagemagick xsettingsd xclip locales
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme
)

install_missing_deps () {
  local missing=() pkg sudo=()

  for pkg in "${DEPS[@]}" "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  echo "build-aux: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

configure_and_build () {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" "$TOP" "$@"
  elif [ $# -gt 0 ]; then
    meson configure "$BUILD_DIR" "$@"
  fi
  ninja -C "$BUILD_DIR"
}
