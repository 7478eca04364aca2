#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time (default 60 s each), seeded with
# the example catalog. Needs cargo-fuzz (installed if missing) and, since libFuzzer
# builds use unstable flags, RUSTC_BOOTSTRAP=1 on this stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/corpus/condition fuzz/corpus/catalog fuzz/corpus/bundle
grep -rhoE 'when = "[^"]*"' catalog/example | sed -e 's/^when = "//' -e 's/"$//' | while read -r c; do
  printf '%s' "$c" > "fuzz/corpus/condition/$(printf '%s' "$c" | md5sum | cut -c1-16)"
done
{ cat catalog/example/catalog.toml; printf '\0'; cat catalog/example/questions.toml; printf '\0'; cat catalog/example/documents.toml; printf '\0'
  cat catalog/example/departments.toml; printf '\0'; cat catalog/example/situations/birth.toml; printf '\0'; cat catalog/example/services/birth-registration.toml; } > fuzz/corpus/catalog/example
cargo run -q --release -p lifenav-cli -- build catalog/example -o fuzz/corpus/bundle/example.json >/dev/null
for target in condition catalog bundle; do
  echo "== fuzzing ${target} for ${seconds}s"
  (cd fuzz && cargo fuzz run "${target}" --sanitizer none -- -max_total_time="${seconds}" -max_len=65536 2>&1 | tail -n 3)
done
