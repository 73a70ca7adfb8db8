#!/usr/bin/env bash
# The comment path under load, on each backend, in one run on one machine (release build,
# loopback, wrk as the client):
#   1. comments/s, p50, p99 and max at CONNECTIONS (64) for SECONDS (15) against one consultation
#      (between each run and its baseline a tree head is published, see publish_head);
#   2. that backend's own one-row durable rate in the same run: SQLite one-row transactions
#      with the service's pragmas (WAL, synchronous=FULL) on the same disk; pgbench one-row
#      INSERT at the same client count against the same server; and the ratio (on PostgreSQL
#      also the bytes of write-ahead log a comment and a pgbench row add);
#   3. a burst of 75,000 comments from 256 connections into a fresh consultation: time to
#      absorb, answers by status, acknowledged (201) against stored after;
#   4. GET /api/v1/consultations/{id} (median and p99 over 5 s, one connection) at 1,000
#      comments and at 1,000,000 comments (filled through the same POST path);
#   5. a tree head of the transparency log over the whole chain (time to publish it: the Merkle
#      tree extended over the entries since the last head, step 4's fill) and the mean time of an
#      inclusion proof;
#   6. `tramites audit verify` over the whole chain afterwards (held to that head).
# Needs wrk (apt-get install wrk) and, for PostgreSQL, pgbench and psql with a server on
# BENCH_PG (default postgres://postgres@127.0.0.1:5432): a scratch database is created and
# dropped. Usage: bash bench/comments.sh [sqlite|postgres|both]
# Environment: TEXTS (same, distinct or campaign: see post.lua; default "campaign distinct",
# step 1 for each in turn), FILL_TEXTS (campaign: the texts of steps 3 and 4), BIN (see below), SECONDS_RUN (15), CONNECTIONS (64), BURST (75000; 0 skips step 3),
# BURST_CONNECTIONS (256), LARGE (1000000; 0 skips step 4's large size), ROUNDS (1): steps 1
# and 2 alternated ROUNDS times, each round's figures and the median ratio printed (a VM's
# speed drifts over minutes, and a comment run and a one-row run side by side share the drift).
# PERF_OUT=<path>: step 1 also records a whole-machine profile (perf record -a -g) into
# <path>.<backend>, from its 2nd second to 2 s before its end; PERF_GRAPH (-g) is its
# call-graph option ("--call-graph dwarf" for code built without frame pointers).
# Step 4 also prints the public consultation page's, comment listing's and campaign listing's times at both sizes,
# and the page's rate at CONNECTIONS against /healthz on the same server; then the server is
# started again on the existing database: its time to /readyz and its idle RSS 3 s later.
# Step 1 also prints the CPU time per comment of the server, of PostgreSQL and of the whole
# machine (wrk included), and how busy the machine was: whether the rate is bound by CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
which_backends="${1:-both}"
SECONDS_RUN="${SECONDS_RUN:-15}"
CONNECTIONS="${CONNECTIONS:-64}"
BURST="${BURST:-75000}"
BURST_CONNECTIONS="${BURST_CONNECTIONS:-256}"
LARGE="${LARGE:-1000000}"
ROUNDS="${ROUNDS:-1}"
# The kinds of text of step 1, read once: the fill of step 4 sets TEXTS for itself.
KINDS="${TEXTS:-campaign distinct}"
BENCH_PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
# BIN: a server binary built elsewhere (a build with symbols, for perf); default the release build.
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; BIN=./target/release/tramites; fi
root="$(mktemp -d)"
server=""
pg_db=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$pg_db" ] && psql -q "$BENCH_PG/postgres" -c "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT

# Posts comments until every thread's share of `quota` has been answered; prints
# "answered <n> created <n> other <statuses>" at the end.
cat > "$root/post.lua" <<'LUA'
local threads = {}
local quota = tonumber(os.getenv("QUOTA") or "0")
local shares = tonumber(os.getenv("THREADS") or "2")
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
function init(args)
  answered, created, others = 0, 0, {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end
-- TEXTS=same: every comment says the same short text (identical copies, the usual flash
-- crowd; the issue's measurements); TEXTS=distinct: every comment is a new text of 13 words
-- (a new group each, fingerprinted and looked up in the LSH buckets); TEXTS=campaign: a form
-- letter of 60 words signed with a different name each time (near-duplicates: one campaign,
-- every comment fingerprinted, its buckets full).
local texts = os.getenv("TEXTS") or "same"
local letter = "Señores del Ministerio de Trabajo: pedimos que la constancia de inscripción patronal se entregue en línea y sin visitar la ventanilla, porque las empresas pequeñas del interior pierden un día completo de trabajo en cada viaje a la capital. Pedimos además un plazo máximo de cinco días hábiles, el pago en cualquier agencia bancaria y un código verificable."
local n = 0
function request()
  n = n + 1
  local body = '{"body":"Propongo que el trámite sea en línea y sin copias del DPI.","author_name":"Ana"}'
  if texts == "distinct" then
    body = string.format('{"body":"Propongo que el trámite sea en línea y sin copias del DPI (%d-%d).","author_name":"Ana"}', math.random(1, 1000000000), n)
  elseif texts == "campaign" then
    body = string.format('{"body":"%s Atentamente, persona %d-%d.","author_name":"Ana"}', letter, math.random(1, 1000000000), n)
  end
  return wrk.format(nil, nil, nil, body)
end
function response(status, headers, body)
  answered = answered + 1
  if status == 201 then created = created + 1 else others[status] = (others[status] or 0) + 1 end
  if quota > 0 and answered == math.ceil(quota / shares) then
    -- wrk's main thread sleeps for the whole duration: the last thread to finish ends it.
    wrk.thread:stop()
    local dir = os.getenv("DONE_DIR")
    io.open(string.format("%s/thread-%d", dir, id), "w"):close()
    local count = io.popen("ls " .. dir .. " | wc -l"):read("*n")
    -- system() ignores SIGINT while its shell runs: send it once the shell has returned.
    if count >= shares then os.execute("(sleep 0.05; kill -INT $PPID 2>/dev/null) &") end
  end
end
function done(summary, latency, requests)
  local a, c, o = 0, 0, {}
  for _, t in ipairs(threads) do
    a = a + t:get("answered"); c = c + t:get("created")
    for s, k in pairs(t:get("others")) do o[s] = (o[s] or 0) + k end
  end
  local rest = ""
  for s, k in pairs(o) do rest = rest .. string.format(" %s:%d", s, k) end
  io.write(string.format("answered %d created %d other%s\n", a, c, rest == "" and " none" or rest))
end
LUA

# The API calls of the Python steps below (set-up, tree heads), imported from $root.
cat > "$root/bench_api.py" <<'PY'
import json, os, urllib.request
base = os.environ["BASE"]
def call(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else b"" if method == "POST" else None
    req = urllib.request.Request(base + path, method=method, data=data,
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")
def login(u, p):
    return call("POST", "/api/v1/auth/token", {"username": u, "password": p})["access_token"]
PY

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts the release server on $url; sets $base and $server.
start_server() {
  local url="$1" port
  port=$(free_port)
  base="http://127.0.0.1:$port"
  TRAMITES_DATABASE_URL="$url" TRAMITES_BIND="127.0.0.1:$port" TRAMITES_DATA_DIR="$root/data" \
    TRAMITES_ADMIN_PASSWORD=bench-admin-password TRAMITES_COMMENT_LIMIT_PER_HOUR=0 TRAMITES_LOG=warn,tramites::stalls=info \
    "$BIN" serve > "$root/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 2000); do curl -sf "$base/readyz" >/dev/null && return 0; sleep 0.01; done
  cat "$root/server.log" >&2
  exit 1
}

# SERVER_LOG=<path>: the servers' logs (warnings, and the steps over 10 ms: target tramites::stalls) are appended to it.
stop_server() {
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  [ -n "${SERVER_LOG:-}" ] && cat "$root/server.log" >> "$SERVER_LOG"
  return 0
}

# Prints the ids of `n` open consultations.
consultations() {
  BASE="$base" N="$1" PYTHONPATH="$root" python3 - <<'PY'
import os
from bench_api import call, login
admin = login("admin", "bench-admin-password")
for name, role in [("comite", "committee"), ("directora", "director")]:
    call("POST", "/api/v1/users", {"username": name, "display_name": name, "email": name + "@x.gt", "password": "bench-password", "roles": [role]}, admin)
committee, director = login("comite", "bench-password"), login("directora", "bench-password")
for i in range(int(os.environ["N"])):
    p = call("POST", "/api/v1/procedures", {"code": f"BENCH-{i}", "name": "Trámite", "responsible_unit": "Unidad",
             "category": "general", "audience": "citizens", "channel": "in_person"}, committee)
    for t in ["start_analysis", "authorize_simplification"]:
        r = call("POST", f"/api/v1/procedures/{p['id']}/transitions", {"transition": t}, committee)
        call("POST", f"/api/v1/transition-requests/{r['id']}/approve", {}, director)
    c = call("POST", f"/api/v1/procedures/{p['id']}/consultations", {"title": "Bench", "proposal_text": "Propuesta"}, committee)
    print(c["id"])
PY
}

# post <consultation> <connections> <quota (0: for SECONDS_RUN)> <output file>
post() {
  local duration="${SECONDS_RUN}s"
  [ "$3" -gt 0 ] && duration=600s
  rm -rf "$root/done"; mkdir -p "$root/done"
  DONE_DIR="$root/done" QUOTA="$3" THREADS=2 wrk -t2 -c"$2" -d"$duration" --timeout 30s --latency -s "$root/post.lua" \
    "$base/api/v1/consultations/$1/comments" > "$4"
}

# get_time <consultation>: "median p99" in ms of GET /api/v1/consultations/{id}.
get_time() {
  wrk -t1 -c1 -d5s --latency "$base/api/v1/consultations/$1" > "$root/get.txt"
  python3 - "$root/get.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
print(f"{ms('50'):.3f} {ms('99'):.3f}")
PY
}

# wrk_figures <file>: "rate p99_ms seconds p50_ms max_ms"
wrk_figures() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v, unit):
    return float(v) / 1000 if unit == "us" else float(v) * 1000 if unit == "s" else float(v)
def pct(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return ms(m.group(1), m.group(2))
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
m = re.search(r"^\s*Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)", text, re.M)
top = ms(m.group(1), m.group(2))
secs = float(re.search(r"requests in ([\d.]+)(m?s)", text).group(1))
secs = secs / 1000 if re.search(r"requests in [\d.]+ms", text) else secs
print(f"{rate:.0f} {pct('99'):.1f} {secs:.1f} {pct('50'):.2f} {top:.1f}")
PY
}

# read_rate <path>: requests/s and p99 of GET <path> at CONNECTIONS connections for 5 s.
read_rate() {
  wrk -t2 -c"$CONNECTIONS" -d5s --latency "$base$1" > "$root/read.txt"
  read -r r p _ < <(wrk_figures "$root/read.txt")
  echo "$r/s (p99 $p ms)"
}

# listing_time <consultation> [comments|campaigns]: "median p99" in ms of a public listing
# (published comments, or campaigns with published comments).
listing_time() {
  wrk -t1 -c1 -d5s --latency "$base/api/v1/consultations/$1/${2:-comments}" > "$root/get.txt"
  read -r _ p99 _ p50 _ < <(wrk_figures "$root/get.txt")
  echo "$p50 $p99"
}

sqlite_one_row() {
  python3 - "$1" "$SECONDS_RUN" <<'PY'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
for p in ["busy_timeout = 10000", "journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
          "temp_store = MEMORY"]:  # src/db/mod.rs SQLITE_PRAGMAS
    c.execute("PRAGMA " + p)
c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
body = "Propongo que el trámite sea en línea y sin copias del DPI."
secs, n, t0 = float(sys.argv[2]), 0, time.perf_counter()
while time.perf_counter() - t0 < secs:
    c.execute("BEGIN IMMEDIATE"); c.execute("INSERT INTO t (body) VALUES (?)", (body,)); c.execute("COMMIT"); n += 1
print(f"{n / (time.perf_counter() - t0):.0f}")
PY
}

# The URL as the service hands it to libpq (src/db/pg_url.rs): on the loopback interface without
# TLS, unless the URL or PGSSLMODE says otherwise. pgbench connects the same way, so that the
# one-row rate is measured over the same kind of connection as the service's.
as_the_service() {
  if [ -n "${PGSSLMODE:-}" ]; then echo "$1"; return; fi
  case "$1" in
    *\?*ssl*|*\&ssl*|*\?*host*|*\&host*) echo "$1" ;;
    postgres*://127.*|postgres*://*@127.*|postgres*://localhost[:/]*|postgres*://*@localhost[:/]*|postgres*://\[::1\]*|postgres*://*@\[::1\]*)
      case "$1" in *\?*) echo "$1&sslmode=disable" ;; *) echo "$1?sslmode=disable" ;; esac ;;
    *) echo "$1" ;;
  esac
}

# pg_one_row <url>: "rate wal_bytes_per_row" of pgbench's one-row INSERT.
pg_one_row() {
  local w0 rate
  psql -q "$1" -c "CREATE TABLE bench_one_row (id bigserial PRIMARY KEY, body text NOT NULL)" >/dev/null
  echo "INSERT INTO bench_one_row (body) VALUES ('Propongo que el trámite sea en línea y sin copias del DPI.');" > "$root/insert.sql"
  w0=$(wal_lsn "$1")
  rate=$(pgbench -n -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" -f "$root/insert.sql" "$(as_the_service "$1")" 2>/dev/null \
    | awk '/^tps/ {printf "%.0f\n", $3}')
  echo "$rate $(wal_per_row "$1" "$w0" "$(psql -qAt "$1" -c "SELECT count(*) FROM bench_one_row")")"
  psql -q "$1" -c "DROP TABLE bench_one_row" >/dev/null
}

# wal_lsn <url>: PostgreSQL's current write-ahead log position (the whole server's, so other
# databases' writes count too: the bench's is the only load on a bench machine).
wal_lsn() { psql -qAt "$1" -c "SELECT pg_current_wal_lsn()"; }

# wal_per_row <url> <position> <rows>: bytes of write-ahead log written since <position>, a row.
wal_per_row() {
  psql -qAt "$1" -c "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$2') / greatest($3, 1))"
}

# cpu_ms <pid>|postgres|all: CPU time used so far (user + system, ms) by the server's process,
# by every PostgreSQL process, or by the whole machine (all cores). A process's figure includes
# its children that have exited (the postmaster's count holds the backends it has reaped), so
# PostgreSQL's total never falls when a backend exits between two readings.
cpu_ms() {
  python3 - "$1" <<'PY'
import os, sys
hz = os.sysconf("SC_CLK_TCK")
what = sys.argv[1]
if what == "all":
    f = open("/proc/stat").readline().split()[1:]
    busy = sum(int(x) for i, x in enumerate(f[:8]) if i not in (3, 4))  # not idle, not iowait
    print(busy * 1000 // hz); sys.exit()
total = 0
for pid in (os.listdir("/proc") if what == "postgres" else [what]):
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        continue
    name = stat[stat.index("(") + 1:stat.rindex(")")]
    if what == "postgres" and name not in ("postgres", "postmaster"):
        continue
    fields = stat[stat.rindex(")") + 2:].split()
    total += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
print(total * 1000 // hz)
PY
}

stored_in() { # stored_in <backend> <url-or-file> <consultation>
  if [ "$1" = sqlite ]; then
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM comments WHERE consultation_id = ?', (sys.argv[2],)).fetchone()[0])" "$2" "$3"
  else
    psql -qAt "$2" -c "SELECT count(*) FROM comments WHERE consultation_id = '$3'"
  fi
}

# Publishes a tree head now (POST /api/v1/transparency/tree-heads); prints "<entries> <seconds>".
# Step 1 calls it after setting up and after each of its runs, so that the Merkle tree is extended
# over each run's entries between the timed windows: the server's timer otherwise extends it over
# every entry so far at its first round (30 s after start, no head being older than the default 600 s),
# which fell inside whichever window was running then, a comment run or a one-row baseline.
publish_head() {
  BASE="$base" PYTHONPATH="$root" python3 - <<'PY'
import time
from bench_api import call, login
admin = login("admin", "bench-admin-password")
start = time.monotonic()
head = call("POST", "/api/v1/transparency/tree-heads", None, admin)
print(head["tree_size"], f"{time.monotonic() - start:.2f}")
PY
}

run_backend() {
  local backend="$1" url db one_row
  if [ "$backend" = sqlite ]; then
    db="$root/bench.db"; url="sqlite://$db"
  else
    pg_db="tramites_bench_$$"
    psql -q "$BENCH_PG/postgres" -c "CREATE DATABASE $pg_db" >/dev/null
    db="$BENCH_PG/$pg_db"; url="$db"
  fi
  rm -rf "$root/data"
  start_server "$url"
  mapfile -t ids < <(consultations 3)
  publish_head >/dev/null
  local main="${ids[0]}" small="${ids[1]}" burst="${ids[2]}"
  local ratios=() round texts kinds="$KINDS"
  for round in $(seq 1 "$ROUNDS"); do
  for texts in $kinds; do
    export TEXTS="$texts"
    echo "== $backend: $CONNECTIONS connections, ${SECONDS_RUN} s, POST /api/v1/consultations/{id}/comments$([ "$ROUNDS" -gt 1 ] && echo " (round $round of $ROUNDS)")"
    local s0 p0 a0 s1 p1 a1
    local w0="" n0=""
    if [ "$backend" = postgres ]; then w0=$(wal_lsn "$db"); n0=$(stored_in "$backend" "$db" "$main"); fi
    s0=$(cpu_ms "$server"); p0=$(cpu_ms postgres); a0=$(cpu_ms all)
    local profiler=""
    if [ -n "${PERF_OUT:-}" ]; then
      (sleep 2; perf record -q -a ${PERF_GRAPH:--g} -o "$PERF_OUT.$backend" -- sleep $((SECONDS_RUN - 4)) 2>/dev/null) &
      profiler=$!
    fi
    post "$main" "$CONNECTIONS" 0 "$root/load.txt"
    [ -n "$profiler" ] && wait "$profiler"
    s1=$(cpu_ms "$server"); p1=$(cpu_ms postgres); a1=$(cpu_ms all)
    [ -n "${SHOW_WRK:-}" ] && cat "$root/load.txt"
    read -r rate p99 secs p50 top < <(wrk_figures "$root/load.txt")
    echo "   TEXTS=${TEXTS:-same}: comments/s $rate, p50 $p50 ms, p99 $p99 ms, max $top ms ($(tail -1 "$root/load.txt"))"
    python3 -c "
n = $rate * $secs
print(f'   CPU per comment: server {($s1 - $s0) * 1000 / n:.0f} µs, PostgreSQL {($p1 - $p0) * 1000 / n:.0f} µs, '
      f'whole machine {($a1 - $a0) * 1000 / n:.0f} µs; machine busy {($a1 - $a0) / ($secs * 10 * $(nproc)):.0f} %')"
    local wal="" row_wal head_size head_secs
    if [ "$backend" = postgres ]; then
      wal=$(wal_per_row "$db" "$w0" $(($(stored_in "$backend" "$db" "$main") - n0)))
    fi
    read -r head_size head_secs < <(publish_head)
    echo "   tree head over $head_size entries published after the run in $head_secs s (outside both timed windows)"
    if [ "$backend" = sqlite ]; then
      rm -f "$root/one-row.db"*
      one_row=$(sqlite_one_row "$root/one-row.db")
      echo "   SQLite one-row durable transactions/s (same pragmas, same disk): $one_row"
    else
      read -r one_row row_wal < <(pg_one_row "$db")
      echo "   pgbench one-row INSERT/s at $CONNECTIONS clients: $one_row"
      echo "   write-ahead log: $wal bytes a comment, $row_wal bytes a pgbench row"
    fi
    ratios+=("$(python3 -c "print(f'{$rate / $one_row:.2f}')")")
    echo "   ratio: ${ratios[-1]}"
  done
  done
  export TEXTS="${FILL_TEXTS:-campaign}"
  if [ "$ROUNDS" -gt 1 ]; then
    echo "   ratio over $ROUNDS rounds: median $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'), each ${ratios[*]}"
  fi

  if [ "$BURST" -gt 0 ]; then
    echo "== $backend: burst of $BURST comments from $BURST_CONNECTIONS connections"
    post "$burst" "$BURST_CONNECTIONS" "$BURST" "$root/burst.txt"
    read -r brate bp99 bsecs _ _ < <(wrk_figures "$root/burst.txt")
    echo "   absorbed in $bsecs s ($brate/s, p99 $bp99 ms); $(tail -1 "$root/burst.txt"); stored: $(stored_in "$backend" "$db" "$burst")"
  fi

  echo "== $backend: GET /api/v1/consultations/{id}, median and p99 in ms"
  post "$small" 8 1000 "$root/small.txt"
  echo "   at $(stored_in "$backend" "$db" "$small") comments: $(get_time "$small")"
  if [ "$LARGE" -gt 0 ]; then
    local have; have=$(stored_in "$backend" "$db" "$main")
    if [ "$have" -lt "$LARGE" ]; then
      post "$main" "$CONNECTIONS" $((LARGE - have)) "$root/fill.txt"
    fi
    echo "   at $(stored_in "$backend" "$db" "$main") comments: $(get_time "$main")"
  fi
  echo "== $backend: the public reads, median and p99 in ms at one connection; rates at $CONNECTIONS"
  local c
  for c in "$small" "$main"; do
    local n; n=$(stored_in "$backend" "$db" "$c")
    echo "   at $n comments: GET /consultas/{id} $(wrk -t1 -c1 -d5s --latency "$base/consultas/$c" > "$root/get.txt"; read -r _ p99 _ p50 _ < <(wrk_figures "$root/get.txt"); echo "$p50 $p99"), comment listing $(listing_time "$c"), campaign listing $(listing_time "$c" campaigns)"
    echo "   at $n comments: /consultas/{id} $(read_rate "/consultas/$c") against /healthz $(read_rate /healthz)"
  done
  echo "== $backend: a tree head over the whole chain (transparency log), and one proof"
  local built size took
  built=$(BASE="$base" PYTHONPATH="$root" python3 -c 'from bench_api import call; print(call("GET", "/api/v1/transparency/tree-heads/latest")["tree_size"])' 2>/dev/null || echo 0)
  read -r size took < <(publish_head)
  BASE="$base" PYTHONPATH="$root" SIZE="$size" TOOK="$took" BUILT="$built" python3 - <<'PY'
import os, time
from bench_api import call
size, built = int(os.environ["SIZE"]), int(os.environ["BUILT"])
seqs = range(1, size + 1, max(1, size // 100))
start = time.monotonic()
for seq in seqs:
    call("GET", f"/api/v1/transparency/proof/inclusion?seq={seq}&tree_size={size}")
proofs = (time.monotonic() - start) / len(seqs)
before = f"the last head was over {built}" if built else "the first head: the whole tree built"
print(f"   head over {size} entries published in {os.environ['TOOK']} s ({before}); "
      f"an inclusion proof in {proofs * 1000:.2f} ms (mean of 100)")
PY
  stop_server
  echo "== $backend: start on the existing database (time to /readyz) and idle RSS 3 s after"
  local t0 t1 rss
  t0=$(date +%s%N)
  start_server "$url"
  t1=$(date +%s%N)
  sleep 3
  rss=$(awk '/^Rss:/ {r = $2} /^Anonymous:/ {a = $2} END {printf "%.1f MB (anonymous %.1f, file-backed %.1f)", r / 1024, a / 1024, (r - a) / 1024}' \
    "/proc/$server/smaps_rollup")
  echo "   ready in $(( (t1 - t0) / 1000000 )) ms (polling every 10 ms); idle RSS $rss"
  stop_server
  echo "== $backend: audit verify"
  TRAMITES_DATABASE_URL="$url" TRAMITES_DATA_DIR="$root/data" "$BIN" audit verify \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print("   %s entries, valid=%s, sealed=%s" % (r["entries"], r["valid"], r["sealed"]))'
  if [ "$backend" = postgres ]; then
    psql -q "$BENCH_PG/postgres" -c "DROP DATABASE $pg_db" >/dev/null; pg_db=""
  fi
}

case "$which_backends" in
  sqlite|postgres) run_backend "$which_backends" ;;
  both) run_backend sqlite; run_backend postgres ;;
  *) echo "usage: bash bench/comments.sh [sqlite|postgres|both]" >&2; exit 2 ;;
esac
