-- A scratch database for bench/gateway/webhook-pick/run.sh: webhook_deliveries as the gateway's migrations leave it
-- (V22), with one tenant's 100,000 deliveries due to one endpoint and 500 other tenants with 2 each.
create table webhook_deliveries (id text primary key, tenant_id text not null, job_id text not null, event_type text not null,
  url text not null, payload text not null, status text not null, attempts int not null default 0,
  next_attempt_at timestamptz not null default now(), last_status int, last_error text, created_at timestamptz not null default now(),
  finished_at timestamptz, endpoint text, attempt_started_at timestamptz);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_tenant_due on webhook_deliveries (tenant_id, next_attempt_at, id) where status = 'pending';
-- a flood: 100,000 due to one endpoint; 500 other tenants with 2 due each to a shared endpoint
insert into webhook_deliveries (id, tenant_id, job_id, event_type, url, endpoint, payload, status, next_attempt_at)
select 'msg_f' || n, 'ten_flood', 'job', 'job.completed', 'http://127.0.0.1:18092/hang', 'http://127.0.0.1:18092', '{}', 'pending', now() - make_interval(secs => 100000 + n)
from generate_series(1, 100000) n;
insert into webhook_deliveries (id, tenant_id, job_id, event_type, url, endpoint, payload, status, next_attempt_at)
select 'msg_t' || n || '_' || k, 'ten_' || n, 'job', 'job.completed', 'http://127.0.0.1:18092/ok', 'http://127.0.0.1:18092', '{}', 'pending', now() - make_interval(secs => n)
from generate_series(1, 500) n, generate_series(1, 2) k;
analyze webhook_deliveries;
