-- Webhook URLs with whitespace around them are refused since 2026-12-07 (they were checked trimmed and kept as sent):
-- the ones kept are trimmed, so each is checked and called as stored.
update tenant_webhooks set url = btrim(url, E' \t\r\n\f\v') where url <> btrim(url, E' \t\r\n\f\v');
update jobs set webhook_url = btrim(webhook_url, E' \t\r\n\f\v')
    where status in ('queued', 'running') and webhook_url <> btrim(webhook_url, E' \t\r\n\f\v');
update webhook_deliveries set url = btrim(url, E' \t\r\n\f\v') where status = 'pending' and url <> btrim(url, E' \t\r\n\f\v');

-- A delivery's endpoint: scheme, host and effective port (https://hooks.example.com:443), written by the gateway
-- (EndpointSlots.endpointOf) when the delivery is made; its attempts in flight are counted per tenant and endpoint.
-- Until 2026-12-07 SQL cut it out of the URL text, so each spelling of one receiver was another endpoint. The rows
-- here get the same form (an IPv6 literal as written, lower-cased).
alter table webhook_deliveries add column endpoint text;
update webhook_deliveries set endpoint = coalesce(
    (select lower(m[1]) || '://' || rtrim(lower(m[2]), '.')
            || coalesce(':' || coalesce(m[3], case lower(m[1]) when 'https' then '443' when 'http' then '80' end), '')
     from regexp_match(url, '^([A-Za-z][A-Za-z0-9+.-]*)://(\[[^]/]*\]|[^/?#:]+)(?::([0-9]+))?(?:[/?#]|$)') m
     where m is not null),
    url);
alter table webhook_deliveries alter column endpoint set not null;

-- When the attempt in flight started (its lease): null when none is. The delivery log then shows no next attempt.
alter table webhook_deliveries add column attempt_started_at timestamptz;

-- The dispatcher's pick walks the tenants with pending deliveries and reads each one's oldest due ones.
create index webhook_deliveries_tenant_due on webhook_deliveries (tenant_id, next_attempt_at, id) where status = 'pending';
