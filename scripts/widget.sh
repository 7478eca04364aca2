# Sourced by scripts/run.sh and scripts/test.sh: builds the widget into dist/ with trunk
# (release, offline, wasm-opt), and the test fixtures beside it.

build_widget() {
  log "building the widget (trunk build --release)"
  trunk build --release --offline
}

build_test_fixtures() {
  mkdir -p dist/test
  target/release/lifenav build catalog/example -o dist/test/example.json >/dev/null
  cp tests/e2e/host.html dist/test/host.html
}
