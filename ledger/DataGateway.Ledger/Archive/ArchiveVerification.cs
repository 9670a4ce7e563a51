using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Archive;

/// <summary>The report over the archives, oldest month first, and their headers in that order.</summary>
public sealed record ArchiveVerification(VerificationReport Report, IReadOnlyList<ArchiveHeader> Headers);
