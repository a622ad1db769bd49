-- Per-key overrides: a name to recognise the key by, and a rate limit that replaces the plan's.
alter table api_keys add column name text;
alter table api_keys add column rate_limit_per_minute int;

-- Jobs: a per-job webhook, and the parent of a follow-up step (generate -> texture pass).
alter table jobs add column webhook_url text;
alter table jobs add column parent_job_id text references jobs (id);
create index jobs_parent on jobs (parent_job_id) where parent_job_id is not null;
create index jobs_analysis on jobs (tenant_id, (request ->> 'imageId'), created_at desc) where type = 'analyze';

-- Idempotency-Key: the first request's fingerprint and, once it ended, its response; kept 24 h.
create table idempotency_keys (
    tenant_id       text        not null,
    idem_key        text        not null,
    request_hash    text        not null,
    state           text        not null,           -- running | done
    response_status int,
    response_type   text,
    response_body   text,
    response_headers jsonb,
    created_at      timestamptz not null default now(),
    primary key (tenant_id, idem_key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

-- Webhooks: a tenant's default endpoint, its signing secrets (encrypted, see docs/api.md), deliveries and attempts.
create table tenant_webhooks (
    tenant_id   text primary key references tenants (id),
    url         text        not null,
    updated_at  timestamptz not null default now()
);

create table webhook_secrets (
    id          text primary key,
    tenant_id   text        not null references tenants (id),
    secret_enc  text        not null,               -- AES-256-GCM: base64(iv || ciphertext+tag)
    created_at  timestamptz not null default now(),
    expires_at  timestamptz                          -- set when a newer secret replaces it (rotation overlap)
);
create index webhook_secrets_tenant on webhook_secrets (tenant_id, created_at desc);

create table webhook_deliveries (
    id              text primary key,               -- the webhook-id header (msg_...), stable across retries
    tenant_id       text        not null references tenants (id),
    job_id          text        not null,
    event_type      text        not null,
    url             text        not null,
    payload         text        not null,
    status          text        not null,           -- pending | delivered | failed
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_status     int,
    last_error      text,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_tenant on webhook_deliveries (tenant_id, created_at desc, id desc);

create table webhook_attempts (
    delivery_id   text        not null references webhook_deliveries (id),
    attempt       int         not null,
    attempted_at  timestamptz not null default now(),
    status_code   int,
    error         text,
    duration_ms   int         not null,
    primary key (delivery_id, attempt)
);
