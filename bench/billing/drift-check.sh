#!/usr/bin/env bash
# What the drift gauge's check costs, before (V1-V9: every balance against the sums of the whole ledger, every minute)
# and after (V10: balances against ledger_sums and the open holds, plus the ledger of one slice of the tenants), on a
# database made by billing's own migrations and filled as the service would fill it: ACCOUNTS tenants, ENTRIES ledger
# entries (jobs' HOLD then CAPTURE, or RELEASE for every fifth; the newest 1 % still HELD), balances and ledger sums as
# their ledger has them. Also what keeping the sums costs a consumer batch: 1,000 entries a transaction, with and
# without the sums' upsert, alternating.
#
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bench/billing/drift-check.sh
#   ENTRIES=1000000 ACCOUNTS=10000 CHECKS_PER_FULL_PASS=360 ... (defaults)
#
# It creates and drops its own database (bench_drift_check); the server is any PostgreSQL 15+ (psql on the PATH).
set -euo pipefail
ENTRIES=${ENTRIES:-1000000}
ACCOUNTS=${ACCOUNTS:-10000}
CHECKS_PER_FULL_PASS=${CHECKS_PER_FULL_PASS:-360}
ROUNDS=${ROUNDS:-3}
DB=bench_drift_check
MIGRATIONS="$(cd "$(dirname "$0")/../.." && pwd)/billing-service/src/main/resources/db/migration"
psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
trap 'psql -q -d postgres -c "drop database if exists $DB"' EXIT
P="psql -q -X -v ON_ERROR_STOP=1 -d $DB"
for f in $(ls "$MIGRATIONS" | sort -V); do $P -f "$MIGRATIONS/$f" >/dev/null; done

JOBS=$((ENTRIES / 2))
$P <<SQL
insert into accounts (tenant_id, plan, available, held, referral_code, grant_period)
select 't-' || lpad(g::text, 6, '0'), 'pro', 0, 0, 'r' || g, to_char(now(), 'YYYY-MM') from generate_series(1, $ACCOUNTS) g;
-- job g: HOLD 4; then CAPTURE 4, or RELEASE 4 for every fifth; the newest 1 % stay HELD
insert into holds (job_id, tenant_id, amount, captured, status, operation, price_version, expires_at)
select 'j' || g, 't-' || lpad((g % $ACCOUNTS + 1)::text, 6, '0'), 4,
       case when g > $JOBS * 99 / 100 or g % 5 = 0 then null else 4 end,
       case when g > $JOBS * 99 / 100 then 'HELD' when g % 5 = 0 then 'RELEASED' else 'CAPTURED' end,
       'generate', 1, now() + interval '1 hour'
from generate_series(1, $JOBS) g;
insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, job_id, idempotency_key)
select tenant_id, 'GRANT', 1000000, 1000000, 0, null, 'grant:' || tenant_id from accounts;
insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, job_id, idempotency_key)
select h.tenant_id, e.kind, 4, e.av, e.hd, h.job_id, lower(e.kind) || ':' || h.job_id
from holds h cross join lateral (values ('HOLD', -4, 4, 0),
        ('CAPTURE', 0, -4, 1), ('RELEASE', 4, -4, 1)) e(kind, av, hd, o)
where e.kind = 'HOLD' or (h.status = 'CAPTURED' and e.kind = 'CAPTURE') or (h.status = 'RELEASED' and e.kind = 'RELEASE')
order by substr(h.job_id, 2)::int, e.o;
with l as (select tenant_id, sum(available_delta) av, sum(held_delta) hd, count(*) n from ledger_entries group by tenant_id)
update accounts a set available = l.av, held = l.hd from l where l.tenant_id = a.tenant_id;
insert into ledger_sums (tenant_id, available, held, entries)
select tenant_id, sum(available_delta), sum(held_delta), count(*) from ledger_entries group by tenant_id;
vacuum analyze;
SQL
echo "ledger: $($P -t -A -c "select count(*) from ledger_entries") entries, $ACCOUNTS accounts, $($P -t -A -c "select count(*) from holds where status = 'HELD'") open holds"

# The gauge before: LedgerRepository.totals and .mismatches for every tenant (ReconciliationService, as /reconciliation still runs)
BEFORE_TOTALS="select (select count(*) from accounts), (select count(*) from ledger_entries),
  (select coalesce(sum(available), 0)::int8 from accounts), (select coalesce(sum(held), 0)::int8 from accounts),
  (select count(*) from ledger_entries l where not exists (select 1 from accounts a where a.tenant_id = l.tenant_id))"
BEFORE_MISMATCHES="with l as (select tenant_id, sum(available_delta) as available, sum(held_delta) as held from ledger_entries group by tenant_id),
  h as (select tenant_id, sum(amount) as held from holds where status = 'HELD' group by tenant_id)
  select a.tenant_id from accounts a left join l on l.tenant_id = a.tenant_id left join h on h.tenant_id = a.tenant_id
  where a.available <> coalesce(l.available, 0) or a.held <> coalesce(l.held, 0) or a.held <> coalesce(h.held, 0)"
# The check after (LedgerSumsRepository): the candidates, then one slice of the tenants (the first slice: from the first)
AFTER_CANDIDATES="with h as (select tenant_id, sum(amount) as held from holds where status = 'HELD' group by tenant_id)
  select coalesce(a.tenant_id, s.tenant_id) from accounts a full join ledger_sums s on s.tenant_id = a.tenant_id
  left join h on h.tenant_id = coalesce(a.tenant_id, s.tenant_id)
  where case when a.tenant_id is null then s.entries <> 0 else a.available <> coalesce(s.available, 0)
    or a.held <> coalesce(s.held, 0) or a.held <> coalesce(h.held, 0) end order by 1"
PER_CHECK=$(( (ACCOUNTS + CHECKS_PER_FULL_PASS - 1) / CHECKS_PER_FULL_PASS ))
UPTO=$($P -t -A -c "select tenant_id from accounts order by tenant_id offset $((PER_CHECK - 1)) limit 1")
W="tenant_id <= '$UPTO'"
AFTER_SLICE="with a as (select tenant_id, available, held from accounts where $W),
  l as (select tenant_id, sum(available_delta) as available, sum(held_delta) as held, count(*) as entries from ledger_entries where $W group by tenant_id),
  s as (select tenant_id, available, held, entries, version from ledger_sums where $W),
  h as (select tenant_id, sum(amount) as held from holds where status = 'HELD' and $W group by tenant_id),
  t as (select tenant_id from a union select tenant_id from l union select tenant_id from s)
  select t.tenant_id, l.available, s.available, a.available, h.held from t left join a on a.tenant_id = t.tenant_id
  left join l on l.tenant_id = t.tenant_id left join s on s.tenant_id = t.tenant_id left join h on h.tenant_id = t.tenant_id"

ms() { $P -c "explain (analyze, costs off) $1" | grep -E "Execution Time" | sed -E 's/.*: ([0-9.]+) ms/\1/'; }
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round: before: totals $(ms "$BEFORE_TOTALS") ms + mismatches $(ms "$BEFORE_MISMATCHES") ms" \
    "| after: candidates $(ms "$AFTER_CANDIDATES") ms + slice of $PER_CHECK accounts $(ms "$AFTER_SLICE") ms"
done
echo "--- plans after (the ledger is read only for the slice)"
$P -c "explain (costs off) $AFTER_CANDIDATES" | grep -E "Scan" | sort | uniq -c
$P -c "explain (costs off) $AFTER_SLICE" | grep -E "Scan|Cond" | sed -n 1,12p

# A consumer batch's ledger part: 1,000 entries over 50 tenants in one transaction, with the sums' upsert or without;
# 100 transactions a measure, the two alternating each round
batch_rate() {
  local start end
  start=$(date +%s%N)
  for batch in $(seq 1 100); do
    echo "begin;
      insert into ledger_entries (tenant_id, kind, amount, available_delta, held_delta, job_id, idempotency_key)
      select 't-' || lpad((g % 50 + 1)::text, 6, '0'), 'CAPTURE', 4, 0, 0, 'b$1-$batch-' || g, 'capture:b$1-$batch-' || g
      from generate_series(1, 1000) g;"
    if [ "$2" = with ]; then
      echo "insert into ledger_sums (tenant_id, available, held, entries)
        select 't-' || lpad((g % 50 + 1)::text, 6, '0'), 0, 0, 20 from generate_series(0, 49) g order by 1
        on conflict (tenant_id) do update set available = ledger_sums.available + excluded.available,
          held = ledger_sums.held + excluded.held, entries = ledger_sums.entries + excluded.entries;"
    fi
    echo "commit;"
  done | $P
  end=$(date +%s%N)
  echo $(( 100000 * 1000000000 / (end - start) ))
}
without="" with=""
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then without+=" $(batch_rate "n$round" without)"; with+=" $(batch_rate "w$round" with)"
  else with+=" $(batch_rate "w$round" with)"; without+=" $(batch_rate "n$round" without)"; fi
done
echo "--- ledger entries per second, 1,000 a transaction (50 tenants), alternating"
echo "without the sums' upsert (V9):$without"
echo "with it (V10):$with"
