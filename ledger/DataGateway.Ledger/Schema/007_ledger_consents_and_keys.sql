-- Consent and disputes (issue 18). A call made under a data subject's consent (持证主体授权) names the consent and its
-- subject, so "who read my record, and under which consent" is one query on the index below. A call to a dataset
-- with a record key field names the keys of the records it returned: the proof a disputing caller received a record
-- (异议核实), and how a settled dispute finds every recipient since. All three are covered by the record's hash
-- (LedgerEncoding version 3); records without them keep their version. "If not exists": the partitioning test builds
-- a pre-005 ledger and fills it with today's writer, which needs these columns before 005 runs.
alter table ledger_records
    add column if not exists consent_id      text,
    add column if not exists consent_subject text,
    add column if not exists record_keys     text[];

create index if not exists ledger_records_consent_subject on ledger_records (consent_subject, started_at) where consent_subject is not null;
