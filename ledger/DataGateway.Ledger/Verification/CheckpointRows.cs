using Npgsql;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// How a checkpoint is stored in the ledger's <c>ledger_checkpoints</c>: by a gateway's ledger on its own
/// connection, and by the catalog's writer inside the change it checkpoints. A checkpoint already stored is kept.
/// </summary>
public static class CheckpointRows
{
    public static async Task InsertAsync(NpgsqlCommand command, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        command.CommandText =
            """
            insert into ledger_checkpoints (chain, seq, hash, signed_at, key_id, signature)
            values (@chain, @seq, @hash, @at, @key, @signature) on conflict do nothing
            """;
        command.Parameters.AddWithValue("chain", checkpoint.Chain);
        command.Parameters.AddWithValue("seq", checkpoint.Seq);
        command.Parameters.AddWithValue("hash", checkpoint.Hash);
        command.Parameters.AddWithValue("at", checkpoint.SignedAt);
        command.Parameters.AddWithValue("key", checkpoint.KeyId);
        command.Parameters.AddWithValue("signature", checkpoint.Signature);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
