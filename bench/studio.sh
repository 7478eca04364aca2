#!/usr/bin/env bash
# The studio's budgets: its first load (brotli), the live check in the browser at 1× and
# 4× CPU slowdown, and the time from a publish to the new bundle being served (same and
# another instance on one database). Prints JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/web-tools.sh
. scripts/widget.sh
build_demo
node bench/studio.mjs
