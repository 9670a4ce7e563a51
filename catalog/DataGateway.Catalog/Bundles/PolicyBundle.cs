namespace DataGateway.Catalog.Bundles;

/// <summary>One built bundle: its revision (the catalog version), its ETag and the gzipped tarball.</summary>
public sealed record PolicyBundle(long Revision, string ETag, byte[] Content);
