using System.Text.Encodings.Web;
using System.Text.Json;
using DataGateway.Demo.City;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Services;

/// <summary>
/// Writes the services manifest: the departments, their services' addresses and each dataset with its
/// suggested catalog entry. The catalog's seed reads it; <c>demo/README.md</c> documents the shape.
/// </summary>
/// <remarks>Written to a temporary file and moved into place, so a reader never sees half a manifest.</remarks>
internal static class ManifestWriter
{
    public const int Version = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    public static void Write(string path, ServicesOptions options, ListenerTable table)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = fullPath + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            WriteManifest(writer, options, table);
        }

        File.Move(temporary, fullPath, overwrite: true);
    }

    private static void WriteManifest(Utf8JsonWriter writer, ServicesOptions options, ListenerTable table)
    {
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteNumber("seed", options.Seed);
        writer.WriteNumber("rows", options.Rows);
        writer.WriteNumber("portBase", options.PortBase);

        writer.WriteStartArray("districts");
        foreach (var district in Districts.All)
        {
            writer.WriteStartObject();
            writer.WriteString("code", district.Code);
            writer.WriteString("name", district.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("departments");
        foreach (var department in DemoCity.Departments)
        {
            writer.WriteStartObject();
            writer.WriteString("id", department.Id);
            writer.WriteString("name", department.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("services");
        foreach (var service in DemoCity.Services)
        {
            WriteService(writer, service, table);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteService(Utf8JsonWriter writer, ServiceDefinition service, ListenerTable table)
    {
        var listeners = table.Listeners.Where(l => l.Service == service).ToList();
        writer.WriteStartObject();
        writer.WriteString("id", service.Id);
        writer.WriteString("owner", service.DepartmentId);
        writer.WriteString("deployment", service.PerDistrict ? "district" : "city");
        if (service.PerDistrict)
        {
            writer.WriteStartObject("districtAddresses");
            foreach (var listener in listeners)
            {
                writer.WriteString(listener.District!.Code, listener.Address);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("baseAddress", listeners.Single().Address);
        }

        writer.WriteString("healthPath", "/healthz");
        writer.WriteStartArray("datasets");
        foreach (var store in table.Datasets.Where(d => d.Dataset.ServiceId == service.Id))
        {
            WriteDataset(writer, store);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDataset(Utf8JsonWriter writer, DatasetStore store)
    {
        var dataset = store.Dataset;
        writer.WriteStartObject();
        writer.WriteString("code", dataset.Code);
        writer.WriteString("title", dataset.Title);
        writer.WriteString("owner", dataset.DepartmentId);
        writer.WriteString("service", dataset.ServiceId);
        writer.WriteString("path", dataset.Path);
        writer.WriteString("recordPath", dataset.RecordPath);
        writer.WriteString("districtField", DatasetDefinition.DistrictField);
        writer.WriteString("keyField", dataset.KeyField);
        if (dataset.ConsentSubjectField is { } subject)
        {
            writer.WriteString("consentSubjectField", subject);
        }

        writer.WriteString("sharing", dataset.Sharing);
        writer.WriteString("domain", dataset.Domain);
        writer.WriteBoolean("openForOperation", dataset.OpenForOperation);
        writer.WriteNumber("rows", store.Count);
        writer.WriteStartObject("rowsByDistrict");
        foreach (var (district, rows) in store.RowsByDistrict)
        {
            writer.WriteNumber(district, rows);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("fields");
        foreach (var field in dataset.Fields)
        {
            WriteField(writer, field);
            foreach (var child in field.Children)
            {
                WriteField(writer, child);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter writer, FieldDefinition field)
    {
        writer.WriteStartObject();
        writer.WriteString("name", field.Name);
        writer.WriteString("title", field.Title);
        writer.WriteString("type", field.Type);
        writer.WriteString("level", field.Level);
        writer.WriteBoolean("personal", field.Personal);
        writer.WriteString("mask", field.Mask);
        writer.WriteEndObject();
    }
}
