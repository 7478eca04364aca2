#!/usr/bin/env bash
# Runs the navigator: the demo city page with the widget (embedded Irkutsk catalog) and
# the feedback service that serves it and receives the ratings, on http://127.0.0.1:8090.
# Installs what is missing on the first run (see scripts/web-tools.sh).
#   LIFENAV_LISTEN=127.0.0.1:9000 bash scripts/run.sh     another address
#   LIFENAV_ANALYST_TOKEN=secret bash scripts/run.sh       the analysts' dashboard token
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/web-tools.sh
. scripts/widget.sh

# The feedback service accepts ratings only for services of the embedded catalog.
build_demo
listen=${LIFENAV_LISTEN:-127.0.0.1:8090}
token=${LIFENAV_ANALYST_TOKEN:-demo-analyst}
log "the navigator:          http://${listen}/"
log "one-script embedding:   http://${listen}/embedded.html"
log "analysts' dashboard:    http://${listen}/dashboard  (token: ${token})"
log "ratings summary (JSON): http://${listen}/api/v1/summary"
exec target/release/lifenav-feedback \
  --listen "${listen}" \
  --database "${DATABASE_URL:-sqlite://lifenav-feedback.db}" \
  --catalog dist/bundle.json \
  --static-dir dist \
  --analyst-token "${token}"
