#!/usr/bin/env bash
# The widget's budgets: first-screen size (brotli), time to an interactive situation
# list and answer → plan at 4× CPU slowdown in headless Chromium. Prints JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/web-tools.sh
. scripts/widget.sh
build_demo
node bench/widget.mjs  # LIFENAV_BENCH_BASE=<an older dist/> measures it side by side
