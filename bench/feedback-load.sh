#!/usr/bin/env bash
# Load benchmark of the server's feedback routes: wrk (Debian's package) posts new ratings
# on loopback for a bounded time and prints throughput and latency percentiles.
# Usage: bash bench/feedback-load.sh [seconds=15] [connections=64] [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-64}
backend=${3:-sqlite}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build -q --release -p lifenav-server
if [ "${backend}" = postgres ]; then
  admin=$(bash scripts/postgres.sh)
  db="lifenav_bench_$$"
  psql "${admin}" -qc "CREATE DATABASE ${db}"
  database="${admin%/*}/${db}"
else
  dir=$(mktemp -d)
  database="sqlite://${dir}/bench.db"
fi
target/release/lifenav-server --listen 127.0.0.1:18091 --database "${database}" --seed-catalog catalog/example \
  --rate-limit 100000000 --rate-burst 100000000 > /dev/null 2>&1 &
server=$!
trap 'kill ${server} 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf http://127.0.0.1:18091/healthz >/dev/null && break; sleep 0.1; done
echo "== ${backend}: ${connections} connections, 2 wrk threads, ${seconds}s, every request a new rating"
wrk -t2 -c"${connections}" -d"${seconds}s" --latency -s bench/feedback-ratings.lua http://127.0.0.1:18091 | grep -E "requests/s|latency p50|non-2xx|Latency Distribution" -A0
count=$(curl -s http://127.0.0.1:18091/api/v1/summary | python3 -c 'import json,sys; print(json.load(sys.stdin)["all"]["count"])')
echo "ratings stored: ${count}"
