# Shared by scripts/run.sh and scripts/test.sh: install what is missing, skip what is there.
# Every step is idempotent, so a fresh CI machine and a developer's machine run the same code.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_rust_components() {
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
      log "installing rust component ${component}"
      rustup component add "${component}"
    fi
  done
}
