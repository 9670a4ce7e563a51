-- A checkpoint states "chain C had reached seq S with hash H", signed with the platform's key (ES256 over
-- DataGateway.Ledger.Verification.Checkpoint.SignedText). Rewriting a chain consistently up to S, or cutting records
-- off its tail up to S, no longer matches a checkpoint. Chains: each gateway's call chain, 'amendments' (below), and
-- 'catalog', the catalog's events, which only the catalog's own writer checkpoints.
create table ledger_checkpoints (
    chain     text not null,
    seq       bigint not null,
    hash      bytea not null,
    signed_at timestamptz not null,
    key_id    text not null,
    signature bytea not null,
    primary key (chain, seq)
);
