#!/usr/bin/env bash
# Runs the navigator on http://127.0.0.1:8090: the demo city page with the widget (its
# catalog is the published version on the server, the embedded Irkutsk catalog at first),
# the studio for the city's staff at /studio/, and feedback. Creates (or resets) a demo
# editor, reviewer, admin and analyst and prints their passwords. Installs what is missing on the
# first run (see scripts/web-tools.sh).
#   LIFENAV_LISTEN=127.0.0.1:9000 bash scripts/run.sh     another address
#   LIFENAV_ANALYST_TOKEN=secret bash scripts/run.sh       the analysts' dashboard token
#   DATABASE_URL=postgres://… bash scripts/run.sh           PostgreSQL instead of ./lifenav.db
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/web-tools.sh
. scripts/widget.sh

build_demo
listen=${LIFENAV_LISTEN:-127.0.0.1:8090}
# A new token at every start, like the passwords: a fixed demo token would be a
# password anyone who read the README knows.
token=${LIFENAV_ANALYST_TOKEN:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
export DATABASE_URL=${DATABASE_URL:-sqlite://lifenav.db}
server=target/release/lifenav-server
log "demo accounts for the studio (new passwords at every start):"
for account in "demo-editor editor Редактор (демо)" "demo-reviewer reviewer Проверяющий (демо)" "demo-admin admin Администратор (демо)" "demo-analyst analyst Аналитик (демо)"; do
  read -r login role name <<<"${account}"
  "${server}" users add "${login}" --role "${role}" --name "${name}" --reset </dev/null
done
# The demo responder answers for every department of the embedded catalog.
departments=()
while read -r d; do departments+=(--department "${d}"); done < <(sed -n 's/^id = "\(.*\)"$/\1/p' catalog/irkutsk/departments.toml)
"${server}" users add demo-responder --role responder --name "Отвечает на отзывы (демо)" "${departments[@]}" --reset </dev/null
log "the navigator:          http://${listen}/"
log "the studio:             http://${listen}/studio/"
log "one-script embedding:   http://${listen}/embedded.html"
log "analysts' dashboard:    http://${listen}/dashboard  (sign in at /studio/ as demo-analyst; scripts: Authorization: Bearer ${token})"
exec "${server}" \
  --listen "${listen}" \
  --static-dir dist \
  --analyst-token "${token}"
