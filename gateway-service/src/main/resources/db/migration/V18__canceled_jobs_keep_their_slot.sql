-- A canceled job keeps its slot under the plan's cap until its worker has stopped on it: the worker does not learn of
-- a cancel, so without this a submit-and-cancel loop kept any number of jobs running (docs/api.md, "Unfinished jobs
-- per tenant"). worker_ended_at is set when the worker's COMPLETED or FAILED arrives for a canceled job.
alter table jobs add column worker_ended_at timestamptz;
update jobs set worker_ended_at = coalesce(finished_at, now()) where status = 'canceled';
create index jobs_canceled_in_flight on jobs (tenant_id, created_at)
    where status = 'canceled' and worker_ended_at is null and parent_job_id is null;
