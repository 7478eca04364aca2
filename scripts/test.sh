#!/usr/bin/env bash
# All the tests: formatting, lints, the Rust tests (unit, integration, property,
# brute-force questionnaire proofs; the server's API, crash and shutdown tests on SQLite
# and on a real PostgreSQL), every catalog's check and scenarios, and the widget's and the
# studio's end-to-end tests in headless Chromium with axe-core.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/web-tools.sh
. scripts/widget.sh

ensure_rust_components
ensure_web_tools

log "cargo fmt --check"
cargo fmt --all --check
log "cargo clippy"
cargo clippy --workspace --all-targets --all-features -- -D warnings
log "starting PostgreSQL for the server's tests"
LIFENAV_TEST_POSTGRES=$(bash scripts/postgres.sh)
export LIFENAV_TEST_POSTGRES
# The PostgreSQL tests must run, not skip, here.
export LIFENAV_REQUIRE_POSTGRES=1
log "cargo test"
cargo test --workspace --all-features
log "building the lifenav CLI and the city's server"
cargo build -q --release -p lifenav-cli -p lifenav-server
for catalog in catalog/*/; do
  catalog=${catalog%/}
  log "lifenav check ${catalog}"
  target/release/lifenav check "${catalog}"
  log "lifenav test ${catalog}"
  target/release/lifenav test "${catalog}"
done
build_widget
build_test_fixtures
log "browser tests (headless Chromium, axe-core)"
npm run --silent e2e
