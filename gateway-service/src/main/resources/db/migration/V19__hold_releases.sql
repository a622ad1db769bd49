-- Holds to release at billing later (docs/billing.md, "Holds of jobs that were never created"): a job whose hold call
-- ended without an answer (billing may have placed it after the gateway gave up), or whose release failed. A row is
-- deleted once billing has released the hold, or has none at or after settle_after, when no late request of the
-- gateway can place it any more.
create table hold_releases (
    job_id       text primary key,
    tenant_id    text        not null,
    created_at   timestamptz not null default now(),
    settle_after timestamptz not null,
    due_at       timestamptz not null,
    attempts     integer     not null default 0,
    last_error   text
);
create index hold_releases_due on hold_releases (due_at);
