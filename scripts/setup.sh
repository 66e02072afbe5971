#!/usr/bin/env bash
# Installs the Debian packages cartd needs to build, test and benchmark.
# Safe to run twice: it installs only what is missing. Works as root or with sudo.
#   scripts/setup.sh            build and test needs: the C libraries (SQLite, libpq, hiredis), the
#                               PostgreSQL and Redis servers the tests start, curl, wrk, spin, and the
#                               sqlite3 shell and chattr that the crash and fault tests use
#   scripts/setup.sh --bench    also nginx and valgrind, for scripts/bench.sh --compare-nginx / --instructions
set -euo pipefail

packages=(libsqlite3-dev sqlite3 e2fsprogs libpq-dev libhiredis-dev pkg-config postgresql redis-server curl wrk spin)
if [ "${1:-}" = "--bench" ]; then packages+=(nginx-light valgrind); fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all packages present (${packages[*]})"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
