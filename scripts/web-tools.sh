# Sourced by scripts/run.sh and scripts/test.sh: the web toolchain of the widget.
# Installs what is missing, skips what is there (versions are the ones that work on
# this machine kind, see docs/toolchain.md): the wasm target, trunk, wasm-bindgen-cli at
# the version in Cargo.lock, binaryen's wasm-opt, esbuild and the test packages from npm, Chromium.

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

wasm_bindgen_lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_web_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! trunk --version 2>/dev/null | grep -q "${TRUNK_VERSION}"; then
    log "installing trunk ${TRUNK_VERSION} (about 9 minutes on 2 cores, once)"
    cargo install trunk --version "${TRUNK_VERSION}" --locked
  fi
  local bindgen
  bindgen=$(wasm_bindgen_lock_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q "${bindgen}"; then
    log "installing wasm-bindgen-cli ${bindgen} (the version in Cargo.lock)"
    # Not --locked: the registry lacks one of its locked dependency versions.
    cargo install wasm-bindgen-cli --version "${bindgen}" --force
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
    || [ ! -d node_modules/@axe-core/playwright ] || [ ! -x node_modules/.bin/esbuild ] \
    || [ ! -d node_modules/jsqr ] || [ ! -d node_modules/pngjs ]; then
    log "installing npm packages (binaryen's wasm-opt, esbuild, playwright-core, axe-core, jsqr and pngjs for the posters' test)"
    npm ci --no-audit --no-fund
  fi
  export PATH="${PWD}/node_modules/.bin:${PATH}"
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Chromium from Debian's packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}
