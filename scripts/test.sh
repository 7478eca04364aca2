#!/usr/bin/env bash
# All the tests: formatting, lints, the Rust tests (unit, integration, property,
# brute-force questionnaire proofs; the feedback service's API, crash and shutdown
# tests on SQLite and on a real PostgreSQL), and every catalog's check and scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_rust_components

log "cargo fmt --check"
cargo fmt --all --check
log "cargo clippy"
cargo clippy --workspace --all-targets --all-features -- -D warnings
log "starting PostgreSQL for the feedback service's tests"
LIFENAV_TEST_POSTGRES=$(bash scripts/postgres.sh)
export LIFENAV_TEST_POSTGRES
# The PostgreSQL tests must run, not skip, here.
export LIFENAV_REQUIRE_POSTGRES=1
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
