-- Return jobs (属地返还 by push): what is pushed, how far each district has got, and every batch sent. The catalog's
-- /v1/returns writes requests and pause/resume/cancel; the returns worker claims a job (a session advisory lock on
-- its id, so two workers never run one job) and writes progress and checkpoints, fenced by its name in `worker`.
create table return_jobs (
    id               uuid primary key,
    dataset          text not null,
    mode             text not null check (mode in ('full', 'incremental')),
    watermark_field  text,
    state            text not null check (state in ('queued', 'running', 'paused', 'cancelled', 'completed', 'failed')),
    requested_by     text not null,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    worker           text,
    catalog_version  bigint,
    page_size        int not null check (page_size between 1 and 10000),
    source_total     bigint,
    rows_read        bigint not null default 0,
    held_missing     bigint not null default 0,
    held_unknown     bigint not null default 0,
    held_ambiguous   bigint not null default 0,
    held_not_object  bigint not null default 0,
    -- Seconds spent running, summed over the runs of a resumed job (for rows/s and time left).
    run_seconds      double precision not null default 0,
    error_code       text,
    error            text,
    updated_at       timestamptz not null default now()
);
create index return_jobs_by_state on return_jobs (state, created_at);
create index return_jobs_by_dataset on return_jobs (dataset, created_at);

-- One receipt per job and district. resume_page/resume_skip is the checkpoint: the source page holding the district's
-- first row not yet acknowledged, and how many of its rows on that page are acknowledged already.
create table return_districts (
    job_id           uuid not null references return_jobs (id) on delete cascade,
    district         text not null,
    organization_id  text not null,
    state            text not null check (state in ('pending', 'delivering', 'waiting', 'delivered', 'failed')),
    watermark_from   text,
    source_rows      bigint,
    rows_delivered   bigint not null default 0,
    batches          bigint not null default 0,
    failures         bigint not null default 0,
    attempts         int not null default 0,
    first_watermark  text,
    last_watermark   text,
    last_error_code  text,
    last_error       text,
    next_attempt_at  timestamptz,
    resume_page      int not null default 1,
    resume_skip      int not null default 0,
    updated_at       timestamptz not null default now(),
    primary key (job_id, district)
);

-- Every batch sent, recorded before it is sent: after a crash the batch in flight is sent again with the same id and
-- the same rows, so a receiver that has it already can tell.
create table return_batches (
    job_id           uuid not null,
    district         text not null,
    sequence         bigint not null,
    batch_id         uuid not null unique,
    first_page       int not null,
    first_skip       int not null,
    end_page         int not null,
    end_skip         int not null,
    rows             int not null,
    state            text not null check (state in ('sent', 'acknowledged')),
    sent_at          timestamptz not null,
    acknowledged_at  timestamptz,
    primary key (job_id, district, sequence),
    foreign key (job_id, district) references return_districts (job_id, district) on delete cascade
);
