#!/usr/bin/env bash
# Formats Sources and Tests with the toolchain's swift-format (.swift-format),
# then fails if that changed anything: `scripts/format.sh --check` in review.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format -i -r Sources Tests Package.swift
if [ "${1:-}" = "--check" ]; then git diff --exit-code -- Sources Tests Package.swift; fi
