-- A ledger entry's idempotency key is its tenant's own (docs/billing.md, "Money model"). Unique across all tenants, an
-- admin grant, purchase or adjustment for tenant B under a key already used for tenant A was refused (409) and B's
-- credits were not booked. Every key derived by billing names its job (one hold per job, so one tenant) or its tenant
-- already, so none of them can collide across tenants either way.
-- The unique index (tenant_id, idempotency_key) also finds a job's entries by their keys (the ledger's jobId filter).
alter table ledger_entries drop constraint ledger_entries_idempotency_key_key;
alter table ledger_entries add constraint ledger_entries_tenant_key unique (tenant_id, idempotency_key);
