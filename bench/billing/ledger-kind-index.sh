#!/usr/bin/env bash
# What an index of the ledger by (tenant_id, kind, id) costs the hot path, side by side in one run on one server:
# ledger inserts shaped as the consumer writes them (one multi-row INSERT of 1,000 HOLD/CAPTURE/RELEASE entries) with
# the ledger's indexes of V1-V8, with (tenant_id, kind, id) added beside them, and with it instead of (tenant_id, id)
# (V9). Also the ledger page of a rare kind, EXPLAIN ANALYZE, before and after.
#
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bench/billing/ledger-kind-index.sh
#   ENTRIES=660000 ROUNDS=3 ... (defaults)
#
# It creates and drops its own database (bench_ledger_kind); the server is any PostgreSQL 15+ (psql on the PATH).
set -euo pipefail
ENTRIES=${ENTRIES:-660000}
ROUNDS=${ROUNDS:-3}
DB=bench_ledger_kind
psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
trap 'psql -q -d postgres -c "drop database if exists $DB"' EXIT
P="psql -q -X -v ON_ERROR_STOP=1 -d $DB"

$P <<SQL
create table ledger_entries (
    id bigserial primary key, tenant_id text not null, kind text not null, amount bigint not null,
    available_delta bigint not null, held_delta bigint not null, job_id text, idempotency_key text not null,
    reason text, created_at timestamptz not null default now(), unique (tenant_id, idempotency_key));
create index ledger_entries_by_tenant on ledger_entries (tenant_id, id);
-- one large tenant (jobs: HOLD, CAPTURE, a RELEASE for every 5th) with a few rare entries, 20 others beside it
insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, job_id, idempotency_key)
select t, k, 4, 0, 0, j, key from (
  select 'big' t, e.k, 'job-' || g j, lower(e.k) || ':job-' || g key, g * 10 + e.o ord
  from generate_series(1, $ENTRIES * 10 / 22) g cross join (values ('HOLD', 0), ('CAPTURE', 1), ('RELEASE', 2)) e(k, o)
  where e.k <> 'RELEASE' or g % 5 = 0
  union all
  select 'big', 'REFUND', 'job-' || n * 50000, 'refund:job-' || n * 50000, n * 500000 + 6 from generate_series(1, 5) n
  union all
  select 'other-' || g % 20, e.k, 'o-' || g, lower(e.k) || ':o-' || g, g * 15 + e.o
  from generate_series(1, $ENTRIES / 6) g cross join (values ('HOLD', 0), ('CAPTURE', 1)) e(k, o)) s order by ord;
vacuum analyze ledger_entries;
SQL
echo "ledger: $($P -t -A -c "select count(*) from ledger_entries") entries, tenant big $($P -t -A -c "select count(*) from ledger_entries where tenant_id = 'big'")"

PAGE="select * from ledger_entries where tenant_id = 'big' and kind = 'REFUND' order by id desc limit 51"
echo "--- page of a rare kind, indexes of V1-V8"
$P -c "explain (analyze, costs off) $PAGE" | grep -E "Scan|Cond|Filter|Removed|Execution"

# 1,000 entries a statement, as a consumer batch books them; timed over 100 statements (100,000 entries)
insert_rate() {
  local start end
  start=$(date +%s%N)
  for batch in $(seq 1 100); do
    echo "insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, job_id, idempotency_key)
      select 'other-' || (g % 20), k, 4, 0, 0, 'b$1-$batch-' || g, lower(k) || ':b$1-$batch-' || g
      from generate_series(1, 1000) g, lateral (select case g % 3 when 0 then 'HOLD' when 1 then 'CAPTURE' else 'RELEASE' end k) c;"
  done | $P
  end=$(date +%s%N)
  echo $(( 100000 * 1000000000 / (end - start) ))
}

# the index sets, each as a list of the secondary indexes beside the primary key and the unique (tenant_id, key)
declare -A indexes=([v8]="by_tenant" [added]="by_tenant by_tenant_kind" [instead]="by_tenant_kind")
use_indexes() {
  for name in by_tenant by_tenant_kind; do
    case " ${indexes[$1]} " in
      *" $name "*) ;;
      *) $P -c "drop index if exists ledger_entries_$name" ;;
    esac
  done
  [[ " ${indexes[$1]} " == *" by_tenant "* ]] && $P -c "create index if not exists ledger_entries_by_tenant on ledger_entries (tenant_id, id)"
  [[ " ${indexes[$1]} " == *" by_tenant_kind "* ]] && $P -c "create index if not exists ledger_entries_by_tenant_kind on ledger_entries (tenant_id, kind, id)"
  return 0
}

# the order turns each round, so that no variant always inserts into the largest ledger
declare -A rates
order=(v8 added instead)
for round in $(seq 1 "$ROUNDS"); do
  for variant in "${order[@]}"; do
    use_indexes "$variant"
    rates[$variant]+=" $(insert_rate "$variant$round")"
  done
  order=("${order[@]:1}" "${order[0]}")
done
echo "--- ledger entries inserted per second, 100,000 a round in statements of 1,000 (order turning each round)"
echo "indexes of V1-V8 (pkey, (tenant_id, idempotency_key), (tenant_id, id)):${rates[v8]}"
echo "(tenant_id, kind, id) added beside them:${rates[added]}"
echo "(tenant_id, kind, id) instead of (tenant_id, id) (V9):${rates[instead]}"

use_indexes instead
echo "--- page of a rare kind, V9"
$P -c "analyze ledger_entries" -c "explain (analyze, costs off) $PAGE" | grep -E "Scan|Cond|Filter|Removed|Execution"
