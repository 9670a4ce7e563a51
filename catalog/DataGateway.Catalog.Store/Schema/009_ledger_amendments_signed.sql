-- An amendment cancels a call's bill line, so it must prove who made it. The chain (schema 008) shows an amendment
-- changed or deleted, but one inserted straight into the table is chained by the trigger like any other. Gateways
-- therefore sign each amendment with the platform's key (ES256 over DataGateway.Ledger.Verification.LedgerAmendment's
-- SignedText), and verify reports any amendment that no trusted key signed.
alter table ledger_amendments add column key_id text, add column signature bytea;
