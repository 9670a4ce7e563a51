-- Decision ids (issue 15): each call's record names the decision it acted on, the id the gateway sends in
-- X-DataGateway-Decision-Id and writes in its logs, and, when OPA was asked, the revision of the policy bundle OPA
-- decided with. Both are covered by the record's hash (LedgerEncoding version 2); records without them keep version 1.
alter table ledger_records
    add column decision_id     uuid,
    add column policy_revision text;
