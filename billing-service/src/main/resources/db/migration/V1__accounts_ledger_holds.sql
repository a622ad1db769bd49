-- Plans and prices are data: a new plan or a new price list version is a new migration, never a code change.
create table plans (
    code                  text primary key,
    monthly_grant         bigint  not null check (monthly_grant >= 0),
    premium_models        boolean not null,
    max_output_megapixels numeric(6, 2),          -- null: no limit
    requests_per_minute   int     not null check (requests_per_minute > 0)
);

create table price_lists (
    version        int primary key,
    effective_from timestamptz not null,
    note           text
);

-- cost = max(min_credits, ceil(base_credits * (scale_by_masked_fraction ? masked fraction : 1)
--                               + per_extra_megapixel * ceil(max(0, megapixels - included_megapixels))))
create table price_items (
    version                  int     not null references price_lists (version),
    operation                text    not null,
    model                    text    not null,    -- '*': any model without a row of its own
    tier                     text    not null check (tier in ('free', 'budget', 'standard', 'premium')),
    base_credits             int     not null check (base_credits >= 0),
    scale_by_masked_fraction boolean not null default false,
    included_megapixels      numeric(6, 2) not null default 0,
    per_extra_megapixel      int     not null default 0 check (per_extra_megapixel >= 0),
    min_credits              int     not null default 0 check (min_credits >= 0),
    primary key (version, operation, model)
);

-- available and held are a projection of the ledger kept in the same transaction; /reconciliation checks them.
create table accounts (
    tenant_id      text primary key,
    plan           text   not null references plans (code),
    available      bigint not null check (available >= 0),
    held           bigint not null check (held >= 0),
    referral_code  text   not null unique,
    referred_by    text references accounts (tenant_id),
    grant_period   text   not null,               -- YYYY-MM of the latest monthly grant
    period_granted bigint not null default 0,     -- monthly grant credited in that period
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create table holds (
    job_id          text primary key,
    hold_id         uuid   not null default gen_random_uuid(),
    tenant_id       text   not null references accounts (tenant_id),
    amount          bigint not null check (amount >= 0),
    captured        bigint check (captured >= 0 and captured <= amount),
    status          text   not null check (status in ('HELD', 'CAPTURED', 'RELEASED', 'EXPIRED')),
    operation       text   not null,
    model           text,
    megapixels      double precision,
    masked_fraction double precision,
    price_version   int    not null references price_lists (version),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    settled_at      timestamptz
);
create index holds_open_by_expiry on holds (expires_at) where status = 'HELD';

-- No foreign key to accounts: every entry is written in a transaction that has locked its account already, and a
-- foreign key would make each of the thousands of rows of a consumer batch lock that row again (KEY SHARE);
-- /reconciliation counts entries without an account instead.
create table ledger_entries (
    id              bigserial primary key,
    tenant_id       text   not null,
    kind            text   not null check (kind in ('GRANT', 'PURCHASE', 'HOLD', 'CAPTURE', 'RELEASE', 'REFUND', 'ADJUST', 'EXPIRY')),
    amount          bigint not null,
    available_delta bigint not null,
    held_delta      bigint not null,
    job_id          text,
    idempotency_key text   not null unique,
    reason          text,
    created_at      timestamptz not null default now()
);
-- the only secondary index besides the idempotency key: every index costs each capture an insert
create index ledger_entries_by_tenant on ledger_entries (tenant_id, id);

create function ledger_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_entries is append-only';
end;
$$;
create trigger ledger_entries_append_only
    before update or delete or truncate on ledger_entries
    for each statement execute function ledger_entries_append_only();

-- The inbox: job.events already applied, written in the transaction that applies them.
create table processed_events (
    event_id     uuid primary key,
    job_id       text not null,
    type         text not null,
    processed_at timestamptz not null default now()
);

-- The outbox: billing.events written with the change they announce; the relay publishes then deletes them.
create table outbox (
    id         bigserial primary key,
    topic      text not null,
    record_key text not null,
    value      text not null,
    created_at timestamptz not null default now()
);
