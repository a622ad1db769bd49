create table tenants (
    id          text primary key,
    name        text        not null,
    plan        text        not null default 'free',
    created_at  timestamptz not null default now()
);

-- Only a SHA-256 of each key is kept; the key itself is shown once, at creation.
create table api_keys (
    id          text primary key,
    tenant_id   text        not null references tenants (id),
    key_hash    text        not null unique,
    key_hint    text        not null,
    scopes      text[]      not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz,
    revoked_at  timestamptz
);
create index api_keys_tenant on api_keys (tenant_id);

create table images (
    id            text primary key,
    tenant_id     text        not null references tenants (id),
    blob_key      text        not null,
    content_type  text        not null,
    width         int         not null,
    height        int         not null,
    bytes         bigint      not null,
    sha256        text        not null,
    created_at    timestamptz not null default now()
);
create index images_tenant on images (tenant_id, created_at desc);

create table jobs (
    id            text primary key,
    tenant_id     text        not null references tenants (id),
    type          text        not null,
    status        text        not null,
    request       jsonb       not null,
    progress      int         not null default 0,
    stage         text,
    result        jsonb,
    error         jsonb,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    finished_at   timestamptz
);
create index jobs_tenant on jobs (tenant_id, created_at desc, id desc);

-- Transactional outbox: a job row and its Kafka record commit together; the relay publishes afterwards.
create table outbox (
    id            bigserial primary key,
    topic         text        not null,
    record_key    text        not null,
    value         text        not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- Inbox of job.events already applied (at-least-once delivery, idempotent effects).
create table processed_events (
    event_id      uuid primary key,
    processed_at  timestamptz not null default now()
);
