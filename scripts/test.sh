#!/usr/bin/env bash
# All the tests: formatting, lints, the Rust tests (unit, integration, property,
# brute-force questionnaire proofs), and every catalog's check and scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_rust_components

log "cargo fmt --check"
cargo fmt --all --check
log "cargo clippy"
cargo clippy --workspace --all-targets --all-features -- -D warnings
log "cargo test"
cargo test --workspace --all-features
log "building the lifenav CLI"
cargo build -q --release -p lifenav-cli
for catalog in catalog/*/; do
  catalog=${catalog%/}
  log "lifenav check ${catalog}"
  target/release/lifenav check "${catalog}"
  log "lifenav test ${catalog}"
  target/release/lifenav test "${catalog}"
done
