using System.Globalization;
using System.Text;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// Writes random JSON text shaped like upstream responses, seeded: envelopes, record arrays, duplicate keys, escaped
/// keys and values, case variants, nested objects and arrays, huge numbers, Chinese text and random whitespace.
/// </summary>
internal sealed class RandomJsonDocument(Random random)
{
    public static readonly string[] Codes = ["310101", "310104", "310105"];

    private static readonly string[] Keys = ["id", "name", "Name", "d", "loc", "o", "x", "tags", "lng", "lat", "名称"];

    private static readonly string[] Numbers =
    [
        "0", "-0", "7", "310101", "1998", "13812345678", "-12.5", "3.10101e5", "1E+400",
        "123456789012345678901234567890.000000000000000000001",
    ];

    private static readonly string[] Strings =
    [
        "", "a", "张三", "张三丰", "上海市黄浦区中山东一路1号", "1998-05-01", "13812345678", "310101199001011234",
        "quote\"back\\slash", "tab\tline\nend", "😀smile", "é", "310101", "310104", "\u0001", "\u2028",
    ];

    private readonly StringBuilder _text = new();

    public string Document(string recordPath)
    {
        _text.Clear();
        Space();
        var segments = recordPath.Length == 0 ? [] : recordPath.Split('.');
        if (segments.Length == 0)
        {
            RecordPathValue();
        }
        else
        {
            Envelope(segments, 0);
        }

        Space();
        return _text.ToString();
    }

    private void Envelope(string[] segments, int level)
    {
        if (random.Next(12) == 0)
        {
            // Not the shape the path describes.
            Value(2);
            return;
        }

        _text.Append('{');
        var members = random.Next(0, 4);
        var pathAt = random.Next(0, members + 1);
        var occurrences = random.Next(10) switch { 0 => 0, 1 => 2, _ => 1 };
        var first = true;
        for (var i = 0; i <= members; i++)
        {
            if (i == pathAt)
            {
                for (var o = 0; o < occurrences; o++)
                {
                    Comma(ref first);
                    Key(segments[level]);
                    if (level + 1 == segments.Length)
                    {
                        RecordPathValue();
                    }
                    else
                    {
                        Envelope(segments, level + 1);
                    }
                }
            }

            if (i < members)
            {
                Comma(ref first);
                Key(i % 2 == 0 ? "meta" + i : "items" + i);
                Value(2);
            }
        }

        Space();
        _text.Append('}');
    }

    private void RecordPathValue()
    {
        switch (random.Next(20))
        {
            case 0:
                Scalar();
                return;
            case 1 or 2:
                Record();
                return;
        }

        _text.Append('[');
        var first = true;
        var count = random.Next(0, 10);
        for (var i = 0; i < count; i++)
        {
            Comma(ref first);
            if (random.Next(10) == 0)
            {
                Value(2);
            }
            else
            {
                Record();
            }
        }

        Space();
        _text.Append(']');
    }

    private void Record()
    {
        Space();
        _text.Append('{');
        var first = true;
        var count = random.Next(2, 10);
        for (var i = 0; i < count; i++)
        {
            Comma(ref first);
            var key = Keys[random.Next(Keys.Length)];
            Key(key);
            switch (key)
            {
                case "d":
                    District();
                    break;
                case "loc" or "o" or "x":
                    NestedValue(key);
                    break;
                default:
                    Value(3);
                    break;
            }
        }

        Space();
        _text.Append('}');
    }

    private void NestedValue(string key)
    {
        switch (random.Next(6))
        {
            case 0:
                Value(1);
                return;
            case 1 when key != "loc":
                _text.Append('[');
                var first = true;
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    Comma(ref first);
                    if (random.Next(3) == 0)
                    {
                        Value(1);
                    }
                    else
                    {
                        NestedObject();
                    }
                }

                _text.Append(']');
                return;
            default:
                NestedObject();
                return;
        }
    }

    private void NestedObject()
    {
        _text.Append('{');
        var first = true;
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            Comma(ref first);
            var key = Keys[random.Next(Keys.Length)];
            Key(key);
            if (key == "d")
            {
                District();
            }
            else if (key is "x" && random.Next(2) == 0)
            {
                NestedObject();
            }
            else
            {
                Value(2);
            }
        }

        _text.Append('}');
    }

    private void District()
    {
        var code = Codes[random.Next(Codes.Length)];
        switch (random.Next(8))
        {
            case 0:
                _text.Append(code);
                break;
            case 1:
                _text.Append(code).Append(".0");
                break;
            case 2:
                Scalar();
                break;
            default:
                String(code);
                break;
        }
    }

    private void Value(int depth)
    {
        Space();
        var choice = depth <= 0 ? 0 : random.Next(5);
        if (choice < 3)
        {
            Scalar();
            return;
        }

        var isObject = choice == 3;
        _text.Append(isObject ? '{' : '[');
        var first = true;
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            Comma(ref first);
            if (isObject)
            {
                Key(Keys[random.Next(Keys.Length)]);
            }

            Value(depth - 1);
        }

        Space();
        _text.Append(isObject ? '}' : ']');
    }

    private void Scalar()
    {
        Space();
        switch (random.Next(7))
        {
            case 0:
                _text.Append(random.Next(3) switch { 0 => "null", 1 => "true", _ => "false" });
                break;
            case 1 or 2:
                _text.Append(Numbers[random.Next(Numbers.Length)]);
                break;
            default:
                String(Strings[random.Next(Strings.Length)]);
                break;
        }
    }

    private void Key(string key)
    {
        Space();
        String(key);
        Space();
        _text.Append(':');
    }

    /// <summary>Writes a JSON string, escaping what must be and, at random, other characters too.</summary>
    private void String(string value)
    {
        _text.Append('"');
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in value.EnumerateRunes())
        {
            var mustEscape = rune.Value is '"' or '\\' or < 0x20;
            if (mustEscape || random.Next(6) == 0)
            {
                if (rune.Value == '"' && random.Next(2) == 0)
                {
                    _text.Append("\\\"");
                    continue;
                }

                var length = rune.EncodeToUtf16(utf16);
                for (var i = 0; i < length; i++)
                {
                    _text.Append("\\u").Append(((int)utf16[i]).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                _text.Append(rune.ToString());
            }
        }

        _text.Append('"');
    }

    private void Comma(ref bool first)
    {
        if (!first)
        {
            Space();
            _text.Append(',');
        }

        first = false;
        Space();
    }

    private void Space()
    {
        if (random.Next(5) == 0)
        {
            _text.Append(random.Next(3) switch { 0 => " ", 1 => "\n  ", _ => "\t" });
        }
    }
}
