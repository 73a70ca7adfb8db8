#!/usr/bin/env bash
# Probes the API with schemathesis (pip install schemathesis) against a fresh server built
# from this checkout: three passes over the OpenAPI document (no token; a staff token holding
# every role but admin, so the fuzzer cannot strip its own roles; an admin token), all checks.
#   bash bench/schemathesis.sh DATABASE_URL PORT OUTPUT_PREFIX [EXAMPLES]
# DATABASE_URL must name an empty database (sqlite:///tmp/x.db or postgres://…/fresh_db).
# Prints, per pass, schemathesis' summary; the full reports are OUTPUT_PREFIX.{anon,staff,admin}.
set -u
DB="$1"; PORT="$2"; OUT="$3"; N="${4:-100}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/target/debug/tramites"
[ -x "$BIN" ] || (cd "$ROOT" && cargo build -q)
WORK="$(mktemp -d)"
export TRAMITES_DATABASE_URL="$DB" TRAMITES_BIND="127.0.0.1:$PORT" TRAMITES_ADMIN_PASSWORD="admin-password-123"
export TRAMITES_WORKFLOWS_DIR="$ROOT/workflows" TRAMITES_DATA_DIR="$WORK/data" RUST_LOG=warn
# Generous limits so the probe measures the API, not the rate limits.
export TRAMITES_COMMENT_LIMIT_PER_HOUR=0 TRAMITES_TRACKING_LOOKUPS_PER_MINUTE=0 TRAMITES_LOGIN_MAX_FAILURES_PER_ADDRESS=1000000 TRAMITES_LOGIN_MAX_FAILURES_PER_USER=1000000
"$BIN" serve > "$OUT.server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
# After the first start (which creates `admin`), a staff member holding every other role.
echo "staff-password-123" | "$BIN" user add --username staff --email staff@x.gt \
  --roles committee,director,minister,auditor --password-stdin >/dev/null
token() {
  curl -s "http://127.0.0.1:$PORT/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'
}
STAFF=$(token staff staff-password-123); ADMIN=$(token admin admin-password-123)
# The login endpoint would otherwise make schemathesis try to sign up on its own.
printf '[auth]\nauto-signup = false\n' > "$WORK/schemathesis.toml"
cd "$WORK"
SPEC="http://127.0.0.1:$PORT/api/v1/openapi.json"
st run "$SPEC" --checks all -n "$N" --workers 2 --no-color > "$OUT.anon" 2>&1
st run "$SPEC" --checks all -n "$N" --workers 2 -H "Authorization: Bearer $STAFF" --no-color > "$OUT.staff" 2>&1
st run "$SPEC" --checks all -n "$N" --workers 2 -H "Authorization: Bearer $ADMIN" --no-color > "$OUT.admin" 2>&1
for pass in anon staff admin; do
  echo "== $pass"
  sed -n '/SUMMARY/,$p' "$OUT.$pass" | grep -E "generated|❌|⚠|failures" || tail -5 "$OUT.$pass"
  grep -cE "Server error|Undocumented HTTP status" "$OUT.$pass" | sed 's/^/server errors + undocumented statuses reported: /'
done
