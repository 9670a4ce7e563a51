using DataGateway.Demo.Data.Generators;
using static DataGateway.Demo.City.FieldDefinition;

namespace DataGateway.Demo.City;

/// <summary>
/// The demo city's departments, their data services and datasets: the one table the services, the ports and
/// the manifest are all derived from.
/// </summary>
/// <remarks>
/// Field names are part of the contract with the rest of the system (catalog seeds, gateway tests): add fields
/// freely, never rename one. Levels, personal flags and masks are the owning department's suggestions; the
/// catalog decides.
/// </remarks>
internal static class DemoCity
{
    public static IReadOnlyList<DepartmentDefinition> Departments { get; } =
    [
        new("dept-housing", "市房屋管理局"),
        new("dept-planning", "市规划资源局"),
        new("dept-credit", "市公共信用信息服务中心"),
        new("dept-health", "市卫生健康委"),
        new("dept-market", "市市场监督管理局"),
        new("dept-transport", "市交通委"),
        new("dept-grid", "市城市运行管理中心（网格化管理）"),
    ];

    /// <summary>Services with their port offsets from <c>--port-base</c>: 1 … 6, and 100 + district index for the grid.</summary>
    public static IReadOnlyList<ServiceDefinition> Services { get; } =
    [
        new("svc-housing", "dept-housing", 1, PerDistrict: false),
        new("svc-land-permits", "dept-planning", 2, PerDistrict: false),
        new("svc-credit", "dept-credit", 3, PerDistrict: false),
        new("svc-health", "dept-health", 4, PerDistrict: false),
        new("svc-market", "dept-market", 5, PerDistrict: false),
        new("svc-transport", "dept-transport", 6, PerDistrict: false),
        new("svc-grid", "dept-grid", 100, PerDistrict: true),
    ];

    public static IReadOnlyList<DatasetDefinition> Datasets { get; } =
    [
        new(
            "housing", "房屋信息", "dept-housing", "svc-housing", ResponseShape.BareArray, KeyField: "id",
            SharingAttributes.Unconditional, "housing", OpenForOperation: false,
            [
                Text("id", "房屋编码", "L1"),
                Text("address", "房屋坐落", "L3", personal: true, mask: MaskRules.Keep(6, 0)),
                Text("district_code", "行政区划代码", "L1"),
                Text("owner_name", "权利人姓名", "L3", personal: true, mask: MaskRules.Keep(1, 0)),
                Text("owner_id_number", "权利人证件号码", "L4", personal: true, mask: MaskRules.Keep(6, 4)),
                Number("area_m2", "建筑面积（平方米）", "L2"),
                Text("usage", "房屋用途", "L1"),
                Number("built_year", "建成年份", "L1"),
                Text("registered_on", "登记日期", "L2"),
                Object(
                    "location", "房屋坐标", "L2",
                    Number("location.lng", "经度", "L2"),
                    Number("location.lat", "纬度", "L2")),
            ],
            new HousingGenerator()),
        new(
            "land-permits", "建设用地规划许可", "dept-planning", "svc-land-permits", ResponseShape.Envelope, KeyField: "permit_no",
            SharingAttributes.Unconditional, "planning", OpenForOperation: false,
            [
                Text("permit_no", "许可证编号", "L1"),
                Text("project_name", "项目名称", "L1"),
                Text("applicant", "用地单位", "L1"),
                Text("district_code", "行政区划代码", "L1"),
                Number("land_area_m2", "用地面积（平方米）", "L1"),
                Text("issued_on", "发证日期", "L1"),
                Text("land_use", "用地性质", "L1"),
                Text("site", "用地位置", "L1"),
            ],
            new LandPermitGenerator()),
        new(
            "dishonest-enterprises", "失信企业名单", "dept-credit", "svc-credit", ResponseShape.BareArray, KeyField: "credit_code",
            SharingAttributes.Conditional, "finance", OpenForOperation: true,
            [
                Text("credit_code", "统一社会信用代码", "L1"),
                Text("name", "企业名称", "L1"),
                Text("district_code", "行政区划代码", "L1"),
                Text("reason", "列入事由", "L2"),
                Text("listed_on", "列入日期", "L2"),
                Text("authority", "列入机关", "L2"),
            ],
            new DishonestEnterpriseGenerator()),
        new(
            "vaccinations", "疫苗接种", "dept-health", "svc-health", ResponseShape.BareArray, KeyField: "person_id_number",
            SharingAttributes.Conditional, "medical", OpenForOperation: true,
            [
                Text("person_id_number", "受种者身份证号码", "L4", personal: true, mask: MaskRules.Hash),
                Text("person_name", "受种者姓名", "L3", personal: true, mask: MaskRules.Keep(1, 0)),
                Text("district_code", "行政区划代码", "L1"),
                Number("doses", "接种剂次", "L3", personal: true),
                Text("last_dose_on", "末次接种日期", "L3", personal: true),
                Text("birth_date", "出生日期", "L3", personal: true, mask: MaskRules.Year),
                Text("vaccine", "疫苗名称", "L3", personal: true),
                Text("site", "接种单位", "L2"),
            ],
            new VaccinationGenerator(),
            ConsentSubjectField: "person_id_number"),
        new(
            "enterprises", "企业登记信息", "dept-market", "svc-market", ResponseShape.BareArray, KeyField: "credit_code",
            SharingAttributes.Unconditional, "finance", OpenForOperation: true,
            [
                Text("credit_code", "统一社会信用代码", "L1"),
                Text("name", "企业名称", "L1"),
                Text("legal_representative", "法定代表人", "L2", personal: true, mask: MaskRules.Keep(1, 0)),
                Number("registered_capital_wan", "注册资本（万元）", "L1"),
                Text("district_code", "行政区划代码", "L1"),
                Text("status", "登记状态", "L1"),
                Text("established_on", "成立日期", "L1"),
                Text("industry", "所属行业", "L1"),
                Text("address", "住所", "L1"),
            ],
            new EnterpriseGenerator()),
        new(
            "parking-lots", "公共停车场", "dept-transport", "svc-transport", ResponseShape.BareArray, KeyField: "lot_id",
            SharingAttributes.Unconditional, "transport", OpenForOperation: true,
            [
                Text("lot_id", "停车场编号", "L1"),
                Text("name", "停车场名称", "L1"),
                Text("district_code", "行政区划代码", "L1"),
                Number("capacity", "泊位总数", "L1"),
                Number("free_spaces", "空余泊位", "L1"),
                Text("updated_at", "更新时间", "L1"),
                Text("address", "地址", "L1"),
                Number("fee_per_hour", "收费标准（元/小时）", "L1"),
                Object(
                    "location", "坐标", "L1",
                    Number("location.lng", "经度", "L1"),
                    Number("location.lat", "纬度", "L1")),
            ],
            new ParkingLotGenerator()),
        new(
            "grid-events", "网格事件", "dept-grid", "svc-grid", ResponseShape.BareArray, KeyField: "event_id",
            SharingAttributes.Unconditional, "governance", OpenForOperation: false,
            [
                Text("event_id", "事件编号", "L1"),
                Text("district_code", "行政区划代码", "L1"),
                Text("street", "街道（镇）", "L1"),
                Text("category", "事件类别", "L1"),
                Text("reported_at", "上报时间", "L1"),
                Text("status", "处置状态", "L1"),
                Text("source", "事件来源", "L1"),
                Text("description", "事件描述", "L2"),
                Text("reporter_phone", "上报人联系电话", "L4", personal: true, mask: MaskRules.Keep(3, 4)),
            ],
            new GridEventGenerator()),
    ];

    public static DepartmentDefinition Department(string id) => Departments.First(d => d.Id == id);

    public static ServiceDefinition Service(string id) => Services.First(s => s.Id == id);
}
