-- Return schedules: a dataset pushed again every so often (the catalog's scheduler starts the jobs). One per dataset,
-- as a dataset has at most one unfinished return job.
create table return_schedules (
    dataset          text primary key,
    mode             text not null check (mode in ('full', 'incremental')),
    watermark_field  text,
    districts        text[],
    page_size        int,
    every_minutes    int not null check (every_minutes between 5 and 44640),
    next_run_at      timestamptz not null,
    last_job_id      uuid,
    last_error_code  text,
    last_run_at      timestamptz,
    updated_by       text not null,
    updated_at       timestamptz not null
);
