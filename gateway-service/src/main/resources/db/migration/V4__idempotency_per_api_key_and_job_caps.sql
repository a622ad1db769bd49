-- An Idempotency-Key's stored answer belongs to the API key that made it: another key of the tenant gets 422.
alter table idempotency_keys add column api_key_id text;

-- Answers that held a secret (a new API key, a webhook signing secret) are never kept: state 'withheld', no body.
update idempotency_keys set state = 'withheld', response_body = null, response_headers = null
 where response_body ~ '(rsk_live_|rsk_test_|whsec_)';

-- The per-tenant cap on unfinished jobs counts these rows at every submit.
create index jobs_unfinished on jobs (tenant_id) where status in ('queued', 'running') and parent_job_id is null;
