namespace DataGateway.Ledger.Archive;

/// <summary>The stable codes of <see cref="ArchiveRefusedException"/>.</summary>
public static class ArchiveRefusals
{
    public const string FileExists = "archive_file_exists";
    public const string MonthNotPast = "archive_month_not_past";
    public const string MonthAlreadyArchived = "archive_month_already_archived";
    public const string MonthHasNoPartition = "archive_month_no_partition";
    public const string OlderMonthFirst = "archive_older_month_first";
    public const string RowsInDefault = "archive_rows_in_default_partition";
    public const string ChainBroken = "archive_chain_broken";
    public const string NotArchived = "detach_not_archived";
    public const string AlreadyDetached = "detach_already_detached";
    public const string NotTheRecordedFile = "detach_not_the_recorded_file";
    public const string ArchiveNotVerified = "detach_archive_not_verified";
    public const string DatabaseChanged = "detach_database_changed";
}
