-- The ledger endpoint's kind filter read a tenant's entries newest first until a page was full: for a rare kind of a
-- large ledger that was most of it (each request: 660,000 entries of one tenant, docs/billing.md "Limits"). Indexed by
-- (tenant_id, kind, id) it reads one page of that kind; the unfiltered ledger is the merge of the kinds' newest entries
-- (a handful of index probes a kind). It replaces (tenant_id, id), which nothing needs beside it: the ledger keeps
-- three indexes, and an entry's insert costs what it did (bench/billing/ledger-kind-index.sh).
-- Built under the table's lock (4.6 s for 880,000 entries on the 2-core build machine at load 14): holds and captures
-- wait meanwhile.
create index ledger_entries_by_tenant_kind on ledger_entries (tenant_id, kind, id);
drop index ledger_entries_by_tenant;
