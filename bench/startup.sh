#!/usr/bin/env bash
# startup.sh: how long `klachtdesk serve` takes from start until /api/health answers, on the
# database in KLACHTDESK_DATABASE. Usage: bench/startup.sh BINARY PORT
set -euo pipefail
bin=$1
port=$2
start=$(date +%s.%N)
"$bin" serve --port "$port" >/dev/null 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do sleep 0.01; done
end=$(date +%s.%N)
echo "ready after $(python3 -c "print(f'{$end - $start:.2f}')") s; RSS $(ps -o rss= -p $pid) KB"
kill $pid
wait $pid 2>/dev/null || true
