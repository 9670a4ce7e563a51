namespace DataGateway.Catalog.Transfer;

/// <summary>
/// The catalog spreadsheet's columns, one row per field; the dataset's own columns repeat on each of its rows.
/// Headers are Chinese, as data centers keep them; the English names are accepted too.
/// </summary>
public static class DatasetCsvColumns
{
    public static readonly (string Chinese, string English)[] All =
    [
        ("数据集编码", "code"),
        ("数据集名称", "title"),
        ("描述", "description"),
        ("数源部门", "owner_id"),
        ("数据服务", "service_id"),
        ("服务路径", "path"),
        ("领域", "domain"),
        ("共享属性", "sharing"),
        ("授权运营", "open_for_operation"),
        ("区划字段", "district_field"),
        ("记录路径", "record_path"),
        ("查询单价", "query_price"),
        ("核验单价", "verify_price"),
        ("部门分成比例", "revenue_share"),
        ("标准级别", "standard_level"),
        ("字段名", "field_name"),
        ("字段标题", "field_title"),
        ("字段类型", "field_type"),
        ("分级", "field_level"),
        ("个人信息", "field_personal"),
        ("脱敏规则", "field_mask"),
        ("属地返还", "field_district_return"),

        // A dataset column added after the others (schema 010), last so that every earlier column keeps its place;
        // a file without it imports with the default.
        ("每页上限", "max_page_size"),

        // Consent and disputes (issue 18), after the others for the same reason; files without them import with none.
        ("授权主体字段", "consent_subject_field"),
        ("记录标识字段", "record_key_field"),
        ("异议答复时限（天）", "dispute_answer_days"),
    ];

    public static readonly Dictionary<string, string> Sharing = new(StringComparer.Ordinal)
    {
        ["无条件共享"] = "unconditional",
        ["有条件共享"] = "conditional",
        ["不予共享"] = "not_shared",
    };

    public static readonly Dictionary<string, string> StandardLevels = new(StringComparer.Ordinal)
    {
        ["国家"] = "national",
        ["市级"] = "city",
        ["区级"] = "district",
    };

    public static string ChineseSharing(string sharing) => Sharing.First(p => p.Value == sharing).Key;

    public static string ChineseStandardLevel(string level) => StandardLevels.First(p => p.Value == level).Key;
}
