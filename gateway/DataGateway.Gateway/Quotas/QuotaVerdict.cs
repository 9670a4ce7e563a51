namespace DataGateway.Gateway.Quotas;

internal enum QuotaVerdict
{
    /// <summary>The grant has no daily quota.</summary>
    Unlimited,

    /// <summary>One call of today's quota is taken for this call.</summary>
    Taken,

    /// <summary>Today's quota is used up.</summary>
    Exceeded,

    /// <summary>PostgreSQL could not be asked for more calls: refused, since the quota cannot be proven.</summary>
    Unavailable,
}
