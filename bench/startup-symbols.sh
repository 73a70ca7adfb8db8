#!/bin/bash
# Regenerates bench/startup-symbols.txt, the functions the release server runs from `tramites serve` on an
# existing database until three seconds after /readyz answered, on SQLite and on PostgreSQL (with and without
# TLS). build.rs hands the list to the linker, which lays those functions out together at the start of the code (see build.rs and
# docs/PERFORMANCE.md, "Memory at rest").
#
# Usage: bash bench/startup-symbols.sh
# Needs valgrind (callgrind records every function that runs) and, for the PostgreSQL start, psql and a server
# on PG_URL (default postgres://postgres@127.0.0.1:5432; a database tramites_startup_symbols is made and dropped).
# Takes about 20 minutes the first time: a release build with symbols, in target/symbols (SYMBOLS_TARGET_DIR).
#
# Run it again after changing what start-up does, and after any change of code before measuring memory or
# releasing (some names move with the code: CONTRIBUTING.md). A function renamed or added since is laid out with the rest
# of the code; nothing breaks, the server only keeps a little more of its code mapped at rest.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}

target=${SYMBOLS_TARGET_DIR:-target/symbols}
CARGO_TARGET_DIR="$target" TRAMITES_KEEP_SYMBOLS=1 cargo build --release
bin=$(realpath "$target/release/tramites")
root=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  psql -q "$PG_URL/postgres" -c 'DROP DATABASE IF EXISTS tramites_startup_symbols' 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT

# record <name> <database url>: one start under callgrind, on a database an earlier plain start made.
record() {
  local name=$1 url=$2 port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export TRAMITES_DATABASE_URL="$url" TRAMITES_BIND="127.0.0.1:$port" TRAMITES_DATA_DIR="$root/data-$name" \
    TRAMITES_ADMIN_PASSWORD=startup-symbols-password TRAMITES_LOG=warn
  "$bin" migrate > "$root/$name-migrate.log" 2>&1
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$root/$name.out" "$bin" serve \
    > "$root/$name.log" 2>&1 &
  server=$!
  for _ in $(seq 1 1500); do
    curl -sf "http://127.0.0.1:$port/readyz" > /dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$root/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  sleep 3
  kill -TERM "$server"; wait "$server" 2>/dev/null || true; server=""
  echo "$name: $(grep -c '^fn=' "$root/$name.out") functions recorded" >&2
}

record sqlite "sqlite://$root/startup.db"
psql -q "$PG_URL/postgres" -c 'DROP DATABASE IF EXISTS tramites_startup_symbols' \
  -c 'CREATE DATABASE tramites_startup_symbols'
record postgresql "$PG_URL/tramites_startup_symbols"
# A server on this machine is reached without TLS (src/db/pg_url.rs), one on another machine usually with it:
# the same start once more over TLS, so that libpq's and OpenSSL's handshake lie with the rest.
record postgresql-tls "$PG_URL/tramites_startup_symbols?sslmode=require"

# The names of the functions of the binary itself (not of the C library or the loader) that ran, sorted so
# that a new list differs from the old by what start-up does differently.
python3 - "$bin" "$root/sqlite.out" "$root/postgresql.out" "$root/postgresql-tls.out" > bench/startup-symbols.txt <<'EOF'
import re, sys
binary, names = sys.argv[1], set()
for path in sys.argv[2:]:
    objects, functions, current = {}, {}, None
    def name(table, text):
        m = re.match(r'\((\d+)\)(?: (.*))?$', text)
        if not m:
            return text
        if m.group(2) is not None:
            table[m.group(1)] = m.group(2)
        return table.get(m.group(1))
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        if line.startswith('ob='):
            current = name(objects, line[3:])
        elif line.startswith('cob='):
            name(objects, line[4:])
        elif line.startswith('cfn='):
            name(functions, line[4:])
        elif line.startswith('fn='):
            function = name(functions, line[3:])
            if current == binary and function and not function.startswith(('0x', '(')):
                names.add(function)
print('\n'.join(sorted(names)))
EOF
echo "bench/startup-symbols.txt: $(wc -l < bench/startup-symbols.txt) functions" >&2
