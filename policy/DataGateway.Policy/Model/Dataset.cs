namespace DataGateway.Policy.Model;

/// <summary>A catalog entry (数据资源) and everything the data plane needs to enforce it.</summary>
public sealed class Dataset
{
    private Dictionary<string, FieldDefinition>? _fieldsByName;
    private IReadOnlySet<string>? _fieldNames;
    private IReadOnlyList<Decisions.FieldDecision>? _unmasked;

    public Dataset(
        string code,
        string title,
        string ownerId,
        string serviceId,
        string path,
        string domain,
        SharingAttribute sharing,
        bool openForOperation,
        string? districtField,
        string recordPath,
        IReadOnlyList<FieldDefinition> fields,
        IReadOnlySet<string> districtReturnFields,
        PriceSchedule prices,
        int maxPageSize = DefaultMaxPageSize,
        string? consentSubjectField = null,
        string? recordKeyField = null,
        int disputeAnswerDays = DefaultDisputeAnswerDays)
    {
        Code = code;
        Title = title;
        OwnerId = ownerId;
        ServiceId = serviceId;
        Path = path;
        Domain = domain;
        Sharing = sharing;
        OpenForOperation = openForOperation;
        DistrictField = districtField;
        RecordPath = recordPath;
        Fields = fields;
        DistrictReturnFields = districtReturnFields;
        Prices = prices;
        MaxPageSize = maxPageSize;
        ConsentSubjectField = consentSubjectField;
        RecordKeyField = recordKeyField;
        DisputeAnswerDays = disputeAnswerDays;
    }

    /// <summary>The days a department has to answer a dispute unless the catalog sets another.</summary>
    public const int DefaultDisputeAnswerDays = 15;

    /// <summary>The page size cap a dataset has unless the catalog sets another.</summary>
    public const int DefaultMaxPageSize = 1000;

    /// <summary>The largest cap the catalog accepts: beyond it one call is a bulk export, which is what returns are for.</summary>
    public const int MaxPageSizeLimit = 10_000;

    public string Code { get; }
    public string Title { get; }
    public string OwnerId { get; }
    public string ServiceId { get; }

    /// <summary>The path of the dataset on its service, e.g. <c>/housing</c>.</summary>
    public string Path { get; }

    public string Domain { get; }
    public SharingAttribute Sharing { get; }

    /// <summary>Open for authorized operation (授权运营): licensed operators may apply for it.</summary>
    public bool OpenForOperation { get; }

    /// <summary>The field that holds a record's district code (区划属性); null when the data has none.</summary>
    public string? DistrictField { get; }

    /// <summary>Where the records sit in the upstream JSON: empty for a root array, else a dotted path such as <c>data.items</c>.</summary>
    public string RecordPath { get; }

    /// <summary>Fields in catalog order.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }

    /// <summary>Fields returned to a district for its own rows without an application (属地返还).</summary>
    public IReadOnlySet<string> DistrictReturnFields { get; }

    /// <summary>
    /// What a licensed operator pays per call, and the owning department's share, over time: the entry in effect from
    /// shortly before the snapshot was read, and every change scheduled after it.
    /// </summary>
    public PriceSchedule Prices { get; }

    /// <summary>
    /// The most records one call may ask for (<c>size</c>); the gateway refuses more and asks the upstream for this
    /// many when the caller names no size.
    /// </summary>
    public int MaxPageSize { get; }

    /// <summary>
    /// The top-level field naming each record's data subject (持证主体, e.g. an ID number or a credit code). Set, a
    /// licensed operator's call needs that subject's consent and returns only that subject's rows (电子证照管理办法
    /// 第十九条); null when no consent is needed.
    /// </summary>
    public string? ConsentSubjectField { get; }

    /// <summary>
    /// The top-level field identifying a record: the ledger keeps the keys of the records each call returned, and a
    /// dispute (异议核实) names its record by it. Null when the dataset's records cannot be disputed.
    /// </summary>
    public string? RecordKeyField { get; }

    /// <summary>Days the owning department has to answer a dispute about one of the dataset's records.</summary>
    public int DisputeAnswerDays { get; }

    // The lookups below are built on first use: a snapshot holds tens of thousands of datasets, most of which a given
    // gateway never serves, and building them all would slow every catalog reload.

    /// <summary>Every field's name.</summary>
    public IReadOnlySet<string> FieldNames => _fieldNames ??= Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every field, unmasked: what the owning department reads of its own data.</summary>
    public IReadOnlyList<Decisions.FieldDecision> UnmaskedFieldDecisions =>
        _unmasked ??= Fields.Select(f => new Decisions.FieldDecision(f.Name, MaskRule.None)).ToArray();

    public FieldDefinition? FindField(string name) =>
        (_fieldsByName ??= Fields.ToDictionary(f => f.Name, StringComparer.Ordinal)).GetValueOrDefault(name);
}
