using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataGateway.Demo.City;

namespace DataGateway.Demo.Data;

/// <summary>
/// Writes one record at a time as compact UTF-8 JSON, holding the generator to the dataset's declared fields:
/// every field, in declared order, with its declared type, and nothing else. What the manifest says is what is served.
/// </summary>
/// <remarks>Chinese text is written as is (relaxed escaping): the departments' APIs are UTF-8 throughout.</remarks>
internal sealed class RecordWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly DatasetDefinition _dataset;
    private readonly int _keyOrdinal;
    private readonly int _districtOrdinal;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private FieldValue[] _values = [];
    private int _next;
    private FieldDefinition? _object;
    private int _nextChild;

    public RecordWriter(DatasetDefinition dataset)
    {
        _dataset = dataset;
        _keyOrdinal = OrdinalOf(dataset.KeyField);
        _districtOrdinal = OrdinalOf(DatasetDefinition.DistrictField);
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

    public RecordWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _values = new FieldValue[_dataset.Fields.Count];
        _next = 0;
        _object = null;
        return this;
    }

    public RecordWriter String(string name, string value)
    {
        Expect(name, FieldTypes.String);
        _writer.WriteString(name, value);
        Keep(FieldValue.OfText(value));
        return this;
    }

    public RecordWriter Number(string name, int value)
    {
        Expect(name, FieldTypes.Number);
        _writer.WriteNumber(name, value);
        Keep(FieldValue.OfNumber(value));
        return this;
    }

    /// <summary>A fractional number; callers make it from whole hundredths (or millionths) so its JSON text is short and exact.</summary>
    public RecordWriter Number(string name, double value)
    {
        Expect(name, FieldTypes.Number);
        _writer.WriteNumber(name, value);
        Keep(FieldValue.OfNumber(value));
        return this;
    }

    public RecordWriter StartObject(string name)
    {
        var field = Expect(name, FieldTypes.Object);
        _writer.WriteStartObject(name);
        _object = field;
        _nextChild = 0;
        return this;
    }

    public RecordWriter EndObject()
    {
        if (_object is null || _nextChild != _object.Children.Count)
        {
            throw new InvalidOperationException($"{_dataset.Code}: object field {_object?.Name} is incomplete.");
        }

        _writer.WriteEndObject();
        _object = null;
        _next++;
        return this;
    }

    public Record Complete()
    {
        if (_object is not null || _next != _dataset.Fields.Count)
        {
            throw new InvalidOperationException($"{_dataset.Code}: a record has {_next} of {_dataset.Fields.Count} fields.");
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return new Record(_values[_keyOrdinal].Text!, _values[_districtOrdinal].Text!, _buffer.WrittenSpan.ToArray(), _values);
    }

    private FieldDefinition Expect(string name, string type)
    {
        var field = _object is not null
            ? (_nextChild < _object.Children.Count ? _object.Children[_nextChild] : null)
            : (_next < _dataset.Fields.Count ? _dataset.Fields[_next] : null);
        if (field is null || field.LocalName != name || field.Type != type)
        {
            throw new InvalidOperationException(
                $"{_dataset.Code}: wrote {type} field '{name}' where the definition expects {field?.Type ?? "nothing"} '{field?.LocalName}'.");
        }

        return field;
    }

    private void Keep(FieldValue value)
    {
        if (_object is not null)
        {
            _nextChild++;
            return;
        }

        _values[_next++] = value;
    }

    private int OrdinalOf(string name)
    {
        for (var i = 0; i < _dataset.Fields.Count; i++)
        {
            if (_dataset.Fields[i].Name == name && _dataset.Fields[i].IsScalar)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{_dataset.Code} has no scalar field '{name}'.");
    }
}
