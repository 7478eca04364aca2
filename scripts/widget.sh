# Sourced by scripts/run.sh and scripts/test.sh: builds the widget into dist/ and the
# studio into dist/studio/ with trunk (release, offline, wasm-opt), and the test fixtures.

build_widget() {
  log "building the widget (trunk build --release)"
  trunk build --release --offline
  # embed.js and the first screen's JS glue as one minified file: one request fewer
  # before the situation list shows (the rest of the widget stays a separate import).
  esbuild dist/embed.js --bundle --minify --format=esm --target=es2022 \
    --external:./lifenav-widget.js --outfile=dist/embed.js --allow-overwrite --log-level=warning
  rm dist/lifenav-start.js
  build_studio
}

# The catalog studio, served by lifenav-server at /studio/ (after the widget: trunk clears dist/).
build_studio() {
  log "building the studio (trunk build --release)"
  trunk build --release --offline --config crates/lifenav-studio/Trunk.toml
  node scripts/guide.mjs
}

# The demo as the run command serves it: the CLI and the city's server, the widget,
# and dist/bundle.json (the embedded catalog, for benchmarks of its size).
build_demo() {
  ensure_web_tools
  log "building the lifenav CLI and the city's server"
  cargo build -q --release -p lifenav-cli -p lifenav-server
  build_widget
  target/release/lifenav build catalog/irkutsk -o dist/bundle.json >/dev/null
}

build_test_fixtures() {
  mkdir -p dist/test
  target/release/lifenav build catalog/example -o dist/test/example.json >/dev/null
  target/release/lifenav build crates/lifenav-cli/tests/fixtures/dated -o dist/test/dated.json >/dev/null
  cp tests/e2e/host.html dist/test/host.html
}
