#!/usr/bin/env bash
# Runs the navigator. Until the browser widget lands (issue 4), this is the
# navigator in the terminal on the embedded catalog: pick a situation, answer, get
# the plan. Pass another catalog folder as the first argument if you like.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

catalog=${1:-catalog/example}
[ -d catalog/irkutsk ] && [ $# -eq 0 ] && catalog=catalog/irkutsk
log "building the lifenav CLI"
cargo build -q --release -p lifenav-cli
target/release/lifenav check "${catalog}" | tail -n 1
exec target/release/lifenav ask "${catalog}"
