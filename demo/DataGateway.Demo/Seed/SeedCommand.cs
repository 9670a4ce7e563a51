using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataGateway.Demo.Seed;

/// <summary>
/// Loads the demo city into the catalog through its admin API, as an admin would: organizations, the departments'
/// services (addresses from the services manifest), their datasets with prices, the districts' landing zones
/// (<see cref="LandingZoneSeed"/>), and a few applications made by districts and operators and approved by the admin.
/// Run against a fresh catalog; existing entries are skipped (landing zones are put again, to the same).
/// </summary>
internal static class SeedCommand
{
    /// <summary>Prices per call for licensed operators (yuan): query, verify. Government callers pay nothing.</summary>
    private static readonly Dictionary<string, (decimal Query, decimal Verify)> Prices = new(StringComparer.Ordinal)
    {
        ["enterprises"] = (0.10m, 0.05m),
        ["dishonest-enterprises"] = (0.20m, 0.10m),
        ["vaccinations"] = (0.50m, 0.20m),
        ["parking-lots"] = (0.02m, 0.00m),
    };

    public static Command Create()
    {
        var catalog = new Option<string>("--catalog")
        {
            Description = "运行中的目录服务的地址。 The running catalog's address.",
            HelpName = "URL",
            DefaultValueFactory = _ => "http://127.0.0.1:8081",
        };
        catalog.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out _))
            {
                result.AddError($"--catalog 须为绝对地址 must be an absolute URL: {result.GetValueOrDefault<string>()}");
            }
        });
        var token = new Option<string>("--token")
        {
            Description = "管理员令牌文件。 The admin token file.",
            HelpName = "ADMIN.jwt",
            DefaultValueFactory = _ => ".data/demo/tokens/admin.jwt",
        };
        token.NotEmpty();
        var manifest = new Option<string>("--manifest")
        {
            Description = "services 命令写的服务清单。 The services manifest the services command wrote.",
            HelpName = "services.json",
            DefaultValueFactory = _ => ".data/demo/services.json",
        };
        manifest.NotEmpty();
        var tokens = new Option<string>("--tokens")
        {
            Description = "各机构令牌所在目录（默认：管理员令牌所在目录）。 The folder of the organizations' tokens (default: the admin token's).",
            HelpName = "DIR",
        };
        tokens.NotEmpty();
        var landingBase = new Option<string>("--landing-base")
        {
            Description = "各区落地端点所在接收程序的基地址；每区为 <base>/landing/<区划代码>。 The receiver the districts' landing zones point at; each is <base>/landing/<district code>.",
            HelpName = "URL",
            DefaultValueFactory = _ => LandingZoneSeed.DefaultBase,
        };
        landingBase.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                result.AddError($"--landing-base 须为绝对 http(s) 地址 must be an absolute http(s) URL: {result.GetValueOrDefault<string>()}");
            }
        });

        var command = new Command("seed", "通过管理 API 把演示城市载入运行中的目录。 Load the demo city into a running catalog through its admin API.")
        {
            catalog,
            token,
            manifest,
            tokens,
            landingBase,
        };
        command.SetAction((result, _) => RunAsync(
            new Uri(result.GetRequiredValue(catalog)), result.GetRequiredValue(token), result.GetValue(tokens), result.GetRequiredValue(manifest),
            new Uri(result.GetRequiredValue(landingBase))));
        return command;
    }

    private static async Task<int> RunAsync(Uri catalog, string tokenFile, string? tokensFolder, string manifestFile, Uri landingBase)
    {
        var adminToken = File.ReadAllText(tokenFile).Trim();
        var tokens = tokensFolder ?? Path.GetDirectoryName(Path.GetFullPath(tokenFile))!;
        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!;

        using var admin = Client(catalog, adminToken);
        foreach (var organization in DemoOrganizations.All)
        {
            await PostAsync(admin, "/v1/organizations", new
            {
                id = organization.Id,
                name = organization.Name,
                kind = organization.Kind,
                districtCode = organization.DistrictCode,
                licensedDomains = organization.LicensedDomains,
            });
        }

        await LandingZoneSeed.PutAllAsync(admin, landingBase);

        foreach (var service in manifest["services"]!.AsArray())
        {
            await PostAsync(admin, "/v1/services", new
            {
                id = (string)service!["id"]!,
                ownerId = (string)service["owner"]!,
                baseAddress = (string?)service["baseAddress"],
                districtAddresses = service["districtAddresses"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!),
                timeoutMs = 10_000,
            });

            foreach (var dataset in service["datasets"]!.AsArray())
            {
                await PostAsync(admin, "/v1/datasets", Dataset(dataset!));
            }
        }

        // Applications, each by its requester, each approved by the admin (narrowed where the scenario needs less).
        await ApplyAndApproveAsync(catalog, tokens, admin, "op-bank", new
        {
            datasetCode = "enterprises",
            scenario = "普惠金融",
            scenarioDescription = "小微企业贷款的贷前核验：核对企业登记状态与法定代表人。",
            legalBasis = "《上海市数据条例》授权运营；借款企业书面授权",
            fields = new[] { "credit_code", "name", "legal_representative", "registered_capital_wan", "district_code", "status", "established_on" },
            verifyFields = new[] { "credit_code", "legal_representative" },
            dailyQuota = 10_000,
        });
        await ApplyAndApproveAsync(catalog, tokens, admin, "op-bank", new
        {
            datasetCode = "dishonest-enterprises",
            scenario = "普惠金融",
            scenarioDescription = "贷前审查：借款企业是否列入失信名单。",
            fields = new[] { "credit_code", "name", "reason", "listed_on" },
            verifyFields = new[] { "credit_code" },
            dailyQuota = 5_000,
        });
        await ApplyAndApproveAsync(catalog, tokens, admin, "op-mobility", new
        {
            datasetCode = "parking-lots",
            scenario = "停车诱导",
            scenarioDescription = "向驾驶人实时推送公共停车场空余泊位。",
            fields = new[] { "lot_id", "name", "district_code", "capacity", "free_spaces", "updated_at" },
            dailyQuota = 100_000,
        });
        await ApplyAndApproveAsync(catalog, tokens, admin, "district-310104", new
        {
            datasetCode = "land-permits",
            scenario = "跨区规划协同",
            scenarioDescription = "徐汇区与黄浦区交界地块的规划协同，需要黄浦区的用地许可。",
            fields = new[] { "permit_no", "project_name", "applicant", "district_code", "land_area_m2", "issued_on" },
            districts = new[] { "310101", "310104" },
        });

        Console.WriteLine($"seeded {DemoOrganizations.All.Count} organizations with {Data.Districts.All.Count} landing zones, and {manifest["services"]!.AsArray().Count} services with their datasets");
        return 0;
    }

    private static object Dataset(JsonNode dataset)
    {
        var code = (string)dataset["code"]!;
        var (query, verify) = Prices.GetValueOrDefault(code);
        return new
        {
            code,
            title = (string)dataset["title"]!,
            description = $"{(string)dataset["title"]!}（演示数据，由 {(string)dataset["owner"]!} 提供）",
            ownerId = (string)dataset["owner"]!,
            serviceId = (string)dataset["service"]!,
            path = (string)dataset["path"]!,
            domain = (string)dataset["domain"]!,
            sharing = (string)dataset["sharing"]!,
            openForOperation = (bool)dataset["openForOperation"]!,
            districtField = (string?)dataset["districtField"],
            recordPath = (string?)dataset["recordPath"] ?? "",
            queryPrice = query,
            verifyPrice = verify,
            revenueShare = 0.30m,
            standardLevel = "city",
            consentSubjectField = (string?)dataset["consentSubjectField"],
            // A masked key cannot name a record a caller disputes (vaccinations hashes its key): such a dataset has none.
            recordKeyField = dataset["fields"]!.AsArray().Any(f => (string)f!["name"]! == (string)dataset["keyField"]! && (string)f["mask"]! == "none")
                ? (string?)dataset["keyField"]
                : null,
            // Object fields are described by their parts (location.lng, location.lat), never as a whole as well.
            fields = dataset["fields"]!.AsArray()
                .Where(f => (string)f!["type"]! != "object")
                .Select(f => new
                {
                    name = (string)f!["name"]!,
                    title = (string)f["title"]!,
                    type = (string)f["type"]!,
                    level = (string)f["level"]!,
                    personalInformation = (bool)f["personal"]!,
                    mask = (string)f["mask"]!,
                })
                .ToArray(),
        };
    }

    private static async Task ApplyAndApproveAsync(Uri catalog, string tokens, HttpClient admin, string requester, object application)
    {
        using var client = Client(catalog, File.ReadAllText(Path.Combine(tokens, requester + ".jwt")).Trim());
        var submitted = await PostAsync(client, "/v1/applications", application);
        var id = (string)submitted!["id"]!;
        await PostAsync(admin, $"/v1/applications/{id}/approve", new { });
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonNode?> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Conflict && text.Contains("already_exists", StringComparison.Ordinal))
        {
            return null;
        }

        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    }
}
