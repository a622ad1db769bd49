-- The stale-job check reads the oldest jobs still queued or running; this keeps that read off the whole table.
create index jobs_open on jobs (created_at) where status in ('queued', 'running');
