#!/usr/bin/env bash
# Two instances of the server on one PostgreSQL database, under load at once: a wrk
# process per instance posts ratings, a share of them (default 20%) from a sequence both
# processes repeat, so those ids reach both instances (a retry that crossed instances).
# Prints each instance's throughput and latency, the total, the errors, and checks that
# every rating was stored exactly once.
# Usage: bash bench/feedback-two-instances.sh [seconds=15] [connections per instance=32] [shared share=0.2]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-32}
share=${3:-0.2}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build -q --release -p lifenav-server
admin=$(bash scripts/postgres.sh)
db="lifenav_bench_$$"
psql "${admin}" -qc "CREATE DATABASE ${db}"
database="${admin%/*}/${db}"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
# Both start at once on the empty database: the migrations' lock lets one create it.
for port in 18093 18094; do
  target/release/lifenav-server --listen "127.0.0.1:${port}" --database "${database}" --seed-catalog catalog/example \
    --rate-limit 100000000 --rate-burst 100000000 > "/tmp/lifenav-bench-${port}.log" 2>&1 &
  pids+=($!)
done
for port in 18093 18094; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:${port}/healthz" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:${port}/healthz" >/dev/null || { cat "/tmp/lifenav-bench-${port}.log"; exit 1; }
done
echo "== two instances on one PostgreSQL database: ${connections} connections each, ${seconds}s, ${share} of the requests shared by both"
out_a=$(mktemp); out_b=$(mktemp)
wrk -t1 -c"${connections}" -d"${seconds}s" --latency -s bench/feedback-ratings.lua http://127.0.0.1:18093 -- "${share}" > "${out_a}" &
wa=$!
wrk -t1 -c"${connections}" -d"${seconds}s" --latency -s bench/feedback-ratings.lua http://127.0.0.1:18094 -- "${share}" > "${out_b}" &
wb=$!
wait "${wa}" "${wb}"
for f in "${out_a}" "${out_b}"; do grep -E "requests/s|latency p50|non-2xx" "${f}"; done
total=$(cat "${out_a}" "${out_b}" | awk '/^requests\/s/ {s += $2} END {print s}')
errors=$(cat "${out_a}" "${out_b}" | awk '/^non-2xx/ {s += $NF} END {print s}')
echo "total accepted ratings/s: ${total}; errors: ${errors}"
stored=$(psql "${database}" -tAc "SELECT count(*) FROM ratings")
distinct=$(psql "${database}" -tAc "SELECT count(DISTINCT id) FROM ratings")
shared=$(psql "${database}" -tAc "SELECT count(*) FROM ratings WHERE id LIKE '5ba7ed00-%'")
echo "ratings stored: ${stored} (distinct ids ${distinct}; of the shared sequence ${shared})"
kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
psql "${admin}" -qc "DROP DATABASE ${db}" || true
[ "${errors}" = 0 ] && [ "${stored}" = "${distinct}" ]
