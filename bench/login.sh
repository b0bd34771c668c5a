#!/usr/bin/env bash
# login.sh: logs in as the demo coordinator of an organisation and prints the shell lines
# that export KD_COOKIE and KD_CSRF for wrk. Usage: eval "$(bench/login.sh BASE-URL SLUG)"
set -euo pipefail
base=$1
slug=$2
headers=$(mktemp)
body=$(curl -s -D "$headers" -X POST "$base/api/v1/session" -H 'Content-Type: application/json' \
  -d "{\"email\": \"kwaliteit@$slug.example\", \"password\": \"klachtdesk-demo\"}")
cookie=$(grep -i '^set-cookie:' "$headers" | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
rm -f "$headers"
csrf=$(echo "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
echo "export KD_COOKIE='$cookie' KD_CSRF='$csrf'"
