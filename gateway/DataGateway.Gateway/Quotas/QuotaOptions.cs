using System.ComponentModel.DataAnnotations;

namespace DataGateway.Gateway.Quotas;

/// <summary>Daily quota settings, section <c>DataGateway:Quota</c> (env: <c>DataGateway__Quota__…</c>).</summary>
public sealed class QuotaOptions
{
    public const string Section = "DataGateway:Quota";

    /// <summary>
    /// Most calls one lease takes from PostgreSQL. A lease is a twentieth of the quota, capped by this, so the
    /// database sees at most about twenty leases per grant, day and replica. Calls one replica holds unused are
    /// what another replica may be refused while they are left: a replica holds at most one lease.
    /// </summary>
    [Range(1, 1_000_000)]
    public long MaxBlock { get; set; } = 1000;

    /// <summary>
    /// A lease nobody has taken a call from for this long goes back to PostgreSQL, so calls do not sit stranded on a
    /// replica the traffic has moved away from (the other replicas would be refused while they are left).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleReturn { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a replica trusts "the quota is used up" before asking PostgreSQL again (another replica may have given calls back).</summary>
    public TimeSpan ExhaustedRecheck { get; set; } = TimeSpan.FromSeconds(1);
}
