#!/usr/bin/env bash
# Installs every build and test dependency of notecoder from Debian 12 packages.
# Idempotent and quiet when everything is already present.
set -euo pipefail

# Packages by purpose; keep this list the single source of truth for what the project uses.
BUILD_PKGS=(build-essential cmake ninja-build ccache pkg-config git)
LIB_PKGS=(libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev
          libhiredis-dev liblinear-dev libspdlog-dev libfmt-dev prometheus-cpp-dev
          libcli11-dev libpugixml-dev zlib1g-dev libmimalloc-dev)
TEST_PKGS=(libgtest-dev libgmock-dev googletest libbenchmark-dev redis-server nginx-light wrk
           curl python3 python3-sklearn python3-joblib chromium)
# The fuzz targets (fuzz/, make fuzz-short): clang with the libFuzzer and sanitizer runtimes.
FUZZ_PKGS=(clang-14 libclang-rt-14-dev)
# The browser test (tests/web) runs on Node 18+ with npm; either Debian's nodejs + npm or an
# already installed Node (which brings its own npm) will do.
WEB_PKGS=(nodejs npm)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

missing_pkgs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

apt_updated=0
apt_install() {
  [ "$#" -eq 0 ] && return 0
  if [ "$apt_updated" -eq 0 ]; then
    $SUDO apt-get update -qq >/dev/null
    apt_updated=1
  fi
  echo "bootstrap: installing $*"
  local log
  log=$(mktemp)
  if ! $SUDO apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
}

# Debian's python3-sklearn depends (through pythran) on libboost-dev, which is Boost 1.74 and
# conflicts with the Boost 1.81 headers we build against. A local metapackage named libboost-dev
# that depends on libboost1.81-dev satisfies pythran without pulling 1.74.
ensure_boost_meta() {
  local ver
  ver=$(dpkg-query -W -f='${Version}' libboost-dev 2>/dev/null || true)
  case "$ver" in *notecoder*) return 0 ;; esac
  mapfile -t need < <(missing_pkgs equivs libboost1.81-dev)
  apt_install "${need[@]}"
  if [ -n "$ver" ]; then
    echo "bootstrap: replacing libboost-dev $ver (Boost 1.74) with a Boost 1.81 metapackage"
  fi
  local dir
  dir=$(mktemp -d)
  cat > "$dir/libboost-dev.ctl" <<CTL
Section: libdevel
Priority: optional
Standards-Version: 4.6.2
Package: libboost-dev
Version: 1.81.0.1+notecoder1
Maintainer: notecoder <noreply@localhost>
Depends: libboost1.81-dev
Provides: libboost-dev (= 1.81.0.1+notecoder1)
Architecture: all
Description: local metapackage: Boost development headers come from libboost1.81-dev
 Lets packages that depend on libboost-dev (python3-pythran) coexist with Boost 1.81.
CTL
  (cd "$dir" && equivs-build libboost-dev.ctl >/dev/null 2>&1)
  $SUDO apt-get install -y -qq --allow-downgrades "$dir"/libboost-dev_*.deb >/dev/null
  $SUDO apt-mark hold libboost-dev >/dev/null
  rm -rf "$dir"
}

mapfile -t need < <(missing_pkgs "${BUILD_PKGS[@]}" "${LIB_PKGS[@]}")
apt_install "${need[@]}"
ensure_boost_meta
mapfile -t need < <(missing_pkgs "${TEST_PKGS[@]}" "${FUZZ_PKGS[@]}")
apt_install "${need[@]}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  mapfile -t need < <(missing_pkgs "${WEB_PKGS[@]}")
  apt_install "${need[@]}"
fi
# playwright-core for the browser test, pinned by tests/web/package-lock.json. It drives
# Debian's chromium: no browser download (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD).
web_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
if [ ! -d "$web_dir/node_modules/playwright-core" ]; then
  echo "bootstrap: npm ci in tests/web"
  (cd "$web_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

# The Python side (sklearn exporter, parity test) must use Debian's interpreter.
/usr/bin/python3 -c "import sklearn, joblib" 2>/dev/null || {
  echo "bootstrap: /usr/bin/python3 cannot import sklearn" >&2; exit 1; }
