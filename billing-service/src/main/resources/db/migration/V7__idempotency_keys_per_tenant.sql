-- A ledger entry's idempotency key is its tenant's own (docs/billing.md, "Money model"). Unique across all tenants, an
-- admin grant, purchase or adjustment for tenant B under a key already used for tenant A was refused (409) and B's
-- credits were not booked. Every key derived by billing names its job (one hold per job, so one tenant) or its tenant
-- already, so none of them can collide across tenants either way.
-- The unique index (tenant_id, idempotency_key) also finds a job's entries by their keys (the ledger's jobId filter).
-- It is built concurrently: holds and captures go on writing the ledger meanwhile (a plain build locks them out, 3.3 s
-- per 920,000 entries). CONCURRENTLY runs outside a transaction, so Flyway runs this file outside one; a build that
-- failed leaves an invalid index behind, which the drop removes before a second attempt. V8 makes it the constraint.
drop index concurrently if exists ledger_entries_tenant_key;
create unique index concurrently ledger_entries_tenant_key on ledger_entries (tenant_id, idempotency_key);
