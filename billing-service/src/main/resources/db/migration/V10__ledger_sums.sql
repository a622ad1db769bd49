-- Each account's ledger sums, written in the transaction that appends the entries (LedgerSumsRepository.add, after
-- the account's row lock, as every balance change), so any snapshot sees the sums of exactly the entries it sees,
-- whatever order transactions commit in. The drift gauge compares the balances with these rows each minute instead of
-- summing the whole ledger (docs/billing.md "Reconciliation drift"). A new table: nothing here locks the ledger.
-- Entries booked before this version (or by a replica of before it during a rolling upgrade, or behind billing's back)
-- are not in the sums: the gauge sums each account's ledger once per full pass and adds what is missing; version
-- guards that correction against another replica making the same one at the same time.
create table ledger_sums (
    tenant_id text   primary key,
    available bigint not null,
    held      bigint not null,
    entries   bigint not null,
    version   bigint not null default 0
);
