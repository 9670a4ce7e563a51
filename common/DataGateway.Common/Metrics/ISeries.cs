namespace DataGateway.Common.Metrics;

/// <summary>What a <see cref="SeriesTable{TSeries}"/> needs of a series: the tags it is found by.</summary>
internal interface ISeries
{
    TagSet Tags { get; }
}
