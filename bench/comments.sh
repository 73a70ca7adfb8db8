#!/usr/bin/env bash
# Comment submissions per second and latency at 64 connections for 20 s (wrk, loopback),
# against the release build on a fresh SQLite file, and in the same run the raw rate of
# single-row durable inserts with the same settings. Needs wrk (apt-get install wrk).
# Usage: bash bench/comments.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${1:-20}"
CONNECTIONS="${2:-64}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
cargo build --release --quiet
tmp="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
TRAMITES_DATABASE_URL="sqlite://$tmp/bench.db" TRAMITES_BIND="127.0.0.1:$port" TRAMITES_DATA_DIR="$tmp/data" \
  TRAMITES_ADMIN_PASSWORD=bench-admin-password TRAMITES_COMMENT_LIMIT_PER_HOUR=0 TRAMITES_LOG=warn \
  ./target/release/tramites serve > "$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.1; done

consultation=$(BASE="$base" python3 - <<'PY'
import json, os, urllib.request
base = os.environ["BASE"]
def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")
def login(u, p):
    return call("POST", "/api/v1/auth/token", {"username": u, "password": p})["access_token"]
admin = login("admin", "bench-admin-password")
for name, role in [("comite", "committee"), ("directora", "director")]:
    call("POST", "/api/v1/users", {"username": name, "display_name": name, "email": name + "@x.gt", "password": "bench-password", "roles": [role]}, admin)
committee, director = login("comite", "bench-password"), login("directora", "bench-password")
p = call("POST", "/api/v1/procedures", {"code": "BENCH-1", "name": "Trámite", "responsible_unit": "Unidad",
         "category": "general", "audience": "citizens", "channel": "in_person"}, committee)
for t in ["start_analysis", "authorize_simplification"]:
    r = call("POST", f"/api/v1/procedures/{p['id']}/transitions", {"transition": t}, committee)
    call("POST", f"/api/v1/transition-requests/{r['id']}/approve", {}, director)
c = call("POST", f"/api/v1/procedures/{p['id']}/consultations", {"title": "Bench", "proposal_text": "Propuesta"}, committee)
print(c["id"])
PY
)
cat > "$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"body":"Propongo que el trámite sea en línea y sin copias del DPI.","author_name":"Ana"}'
LUA
echo "== wrk: $CONNECTIONS connections, ${SECONDS_RUN}s, POST /api/v1/consultations/{id}/comments"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s "$tmp/post.lua" "$base/api/v1/consultations/$consultation/comments" | tee "$tmp/wrk.txt"
kill $server; wait $server 2>/dev/null || true
stored=$(./target/release/tramites --help >/dev/null; TRAMITES_DATABASE_URL="sqlite://$tmp/bench.db" TRAMITES_DATA_DIR="$tmp/data" ./target/release/tramites audit verify 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])')
echo "== audit chain after the run: $stored entries verify"
echo "== raw single-row durable inserts (same pragmas)"
RAW_SECONDS=5 cargo bench --quiet --bench sqlite_raw 2>/dev/null | tee "$tmp/raw.txt"
comments=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
raw=$(awk '/raw single-row/ {print $(NF-1)}' "$tmp/raw.txt")
python3 -c "print(f'== comments/s {float($comments):.0f} vs raw single-row inserts/s {float($raw):.0f}: ratio {float($comments)/float($raw):.2f}')"
