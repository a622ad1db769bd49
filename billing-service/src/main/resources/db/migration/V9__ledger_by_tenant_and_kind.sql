-- The ledger endpoint's kind filter read a tenant's entries newest first until a page was full: for a rare kind of a
-- large ledger that was most of it (each request: 660,000 entries of one tenant, docs/billing.md "Ledger pages by
-- kind"). Indexed by (tenant_id, kind, id) it reads one page of that kind; the unfiltered ledger is the merge of the
-- kinds' newest entries (a handful of index probes a kind). It replaces (tenant_id, id), which nothing needs beside it:
-- the ledger keeps three indexes, and an entry's insert costs what it did (bench/billing/ledger-kind-index.sh).
-- Built and dropped concurrently, as V7 (holds and captures go on writing; under the table's lock they waited 4.6 s
-- for 880,000 entries); a build that failed leaves an invalid index, which the first drop removes on the next attempt.
drop index concurrently if exists ledger_entries_by_tenant_kind;
create index concurrently ledger_entries_by_tenant_kind on ledger_entries (tenant_id, kind, id);
drop index concurrently if exists ledger_entries_by_tenant;
