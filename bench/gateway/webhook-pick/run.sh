#!/usr/bin/env bash
# What one webhook pick costs with a large backlog (docs/api.md, Webhooks, Fairness): EXPLAIN ANALYZE of the pick
# before 2026-12-07 and of WebhookRepository.lockDue's, each twice, on a scratch PostgreSQL.
# Usage: bench/gateway/webhook-pick/run.sh [PGURL]   (default: a throwaway cluster of Debian's PostgreSQL, run as the
# postgres user, in a temporary directory, removed afterwards). Needs psql (and initdb/pg_ctl without a PGURL).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${1:-}"
if [[ -z "$url" ]]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -x "$bin/initdb" ]] || { echo "no PostgreSQL server here: give a PGURL" >&2; exit 1; }
  dir=$(mktemp -d)
  chown postgres "$dir"
  port=55432
  as_pg() { if [[ "$(id -un)" == postgres ]]; then "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi; }
  as_pg "$bin/initdb" -D "$dir/data" -A trust -U bench >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir" -l "$dir/log" -w start >/dev/null
  trap 'as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
  url="postgresql://bench@localhost:$port/postgres?host=$dir"
fi
psql -q -X -v ON_ERROR_STOP=1 "$url" -f "$here/setup.sql"
for round in 1 2; do
  echo "== round $round"
  psql -q -X -v ON_ERROR_STOP=1 "$url" -f "$here/picks.sql" \
    | awk '/Execution Time/ { print (++n == 1 ? "before 2026-12-07:" : "lockDue now:      "), $3, $4 }'
done
