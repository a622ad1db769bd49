-- Every state change of a job, numbered per job in the order it was applied: what the SSE stream and
-- GET /v1/jobs/{id}/events serve (docs/api.md). A trigger writes it in the transaction that changes the job, whatever
-- the path (submit, job.events, cancel, follow-up step), and notifies channel job_history with the job id at commit,
-- so the streams on every replica wake up.
create table job_history (
    job_id       text        not null references jobs (id) on delete cascade,
    seq          int         not null,
    event        text        not null,           -- queued | started | progress | completed | failed | canceled
    status       text        not null,
    stage        text,
    progress     int         not null,
    result       jsonb,
    error        jsonb,
    occurred_at  timestamptz not null,
    primary key (job_id, seq)
);

-- Runs under the row lock of the job it records (the insert or update of that row), so two changes of one job
-- never get the same number; the primary key would refuse it if they did.
create function record_job_history() returns trigger language plpgsql as $$
declare
    next_seq int;
    event_name text;
begin
    if tg_op = 'UPDATE' and old.status in ('completed', 'failed', 'canceled') then
        return null;
    end if;
    event_name := case
        when tg_op = 'INSERT' then 'queued'
        when new.status in ('completed', 'failed', 'canceled') then new.status
        when old.status = 'queued' then 'started'
        else 'progress'
    end;
    select coalesce(max(seq), 0) + 1 into next_seq from job_history where job_id = new.id;
    insert into job_history (job_id, seq, event, status, stage, progress, result, error, occurred_at)
    values (new.id, next_seq, event_name, new.status, new.stage, new.progress, new.result, new.error, new.updated_at);
    perform pg_notify('job_history', new.id);
    return null;
end
$$;

create trigger jobs_record_history after insert or update of status, stage, progress, result, error on jobs
    for each row execute function record_job_history();

-- Jobs from before this table: one event each, the state they are in now.
insert into job_history (job_id, seq, event, status, stage, progress, result, error, occurred_at)
select id, 1, case when status = 'running' then 'started' else status end, status, stage, progress, result, error, updated_at
from jobs;
