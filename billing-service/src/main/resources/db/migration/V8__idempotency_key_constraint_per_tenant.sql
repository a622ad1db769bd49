-- V7's index becomes the unique constraint and the constraint across tenants goes: both only change the catalogue
-- (no scan, no build), so the table's lock is held for moments.
alter table ledger_entries add constraint ledger_entries_tenant_key unique using index ledger_entries_tenant_key;
alter table ledger_entries drop constraint ledger_entries_idempotency_key_key;
