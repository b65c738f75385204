#!/usr/bin/env bash
# Install the Debian packages archiveviewer needs, when run as root on Debian/Ubuntu.
#   tools/system-packages.sh run    Qt's libraries, to show the window
#   tools/system-packages.sh test   those, plus the real servers and tools the tests use
# Anything already installed is left alone, so a second run costs no network.
set -euo pipefail

run_packages=(
    libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
    libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0
    libxcb-xinerama0 libxcb-xfixes0 libxcb-shm0 libxcb-sync1 libxcb-util1
    python3-venv
)
test_packages=(
    prosody   # the real XMPP server the integration tests run, with our XEP-0136 module
    lua-dbi-sqlite3  # SQL storage for Prosody's own message archive (mod_mam) in the MAM tests
    xmlsec1   # an independent XML Encryption implementation to check our crypto against
    openssl   # makes the test server's TLS certificate
    xvfb xauth  # a real X display for screenshots
    desktop-file-utils appstream  # validate the desktop entry and the AppStream metainfo
    dbus gnome-keyring libsecret-tools  # a real Secret Service for the keyring tests
)

case "${1:-run}" in
    run) wanted=("${run_packages[@]}") ;;
    test) wanted=("${run_packages[@]}" "${test_packages[@]}") ;;
    *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "archiveviewer needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a system-wide Prosody on install; the tests run their own on other ports.
if command -v service >/dev/null 2>&1; then service prosody stop >/dev/null 2>&1 || true; fi
