using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccessSync.Core.Schema;

/// <summary>
/// Reads the definitions of the published schema into <see cref="QuickSchema"/>s, with System.Text.Json: no
/// NJsonSchema and no Newtonsoft, whose loading is most of what a small run would otherwise spend on the schema.
/// Each definition is read once and shared by every reference to it; a pattern many fields use is one
/// <see cref="Regex"/>. Keywords that only describe (<c>title</c>, <c>description</c>, <c>x-…</c> extensions) are
/// skipped; any other keyword the quick acceptance does not check, a reference it cannot follow, or a definition
/// that refers back to itself makes the schema in question opaque. A change to the document can so make the quick
/// acceptance vouch for less, never for what NJsonSchema would refuse.
/// </summary>
internal sealed class QuickSchemaReader
{
    private const string DefinitionPrefix = "#/definitions/";

    private readonly JsonElement definitions;

    private readonly Dictionary<string, QuickSchema> read = new(StringComparer.Ordinal);

    /// <summary>Definitions being read: a reference to one of them is a cycle.</summary>
    private readonly HashSet<string> reading = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Regex?> patterns = new(StringComparer.Ordinal);

    private QuickSchemaReader(JsonElement definitions) => this.definitions = definitions;

    /// <summary>Every definition of the schema document in <paramref name="json"/> (UTF-8), by name.</summary>
    public static IReadOnlyDictionary<string, QuickSchema> ReadDefinitions(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("definitions", out var definitions) || definitions.ValueKind != JsonValueKind.Object)
        {
            return ImmutableDictionary<string, QuickSchema>.Empty;
        }

        var reader = new QuickSchemaReader(definitions);
        var all = new Dictionary<string, QuickSchema>(StringComparer.Ordinal);
        foreach (var definition in definitions.EnumerateObject())
        {
            all[definition.Name] = reader.Definition(definition.Name);
        }

        return all;
    }

    private QuickSchema Definition(string name)
    {
        if (read.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!reading.Add(name) || !definitions.TryGetProperty(name, out var schema))
        {
            return QuickSchema.Opaque;
        }

        var result = Read(schema);
        reading.Remove(name);
        read[name] = result;
        return result;
    }

    private QuickSchema Read(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return QuickSchema.Opaque; // a boolean schema: rare enough to leave to NJsonSchema
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            // Beside a reference, draft-07 ignores every keyword; only descriptions are expected there.
            foreach (var keyword in schema.EnumerateObject())
            {
                if (keyword.Name != "$ref" && !IsAnnotation(keyword.Name))
                {
                    return QuickSchema.Opaque;
                }
            }

            return Referenced(reference);
        }

        var result = new QuickSchema();
        foreach (var keyword in schema.EnumerateObject())
        {
            var next = With(result, keyword.Name, keyword.Value);
            if (next is null)
            {
                return QuickSchema.Opaque;
            }

            result = next;
        }

        return result;
    }

    /// <summary><paramref name="schema"/> with one more keyword, or null for a keyword (or a value of it) the quick acceptance does not check.</summary>
    private QuickSchema? With(QuickSchema schema, string keyword, JsonElement value) => keyword switch
    {
        "type" => TypesOf(value) is var types and not JsonTypes.None ? schema with { Types = types } : null,
        "anyOf" when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 => schema with { AnyOf = ReadEach(value) },
        "enum" => EnumOf(value) is { } values ? schema with { Enum = values } : null,
        "properties" when value.ValueKind == JsonValueKind.Object => schema with { Properties = ReadProperties(value) },
        "required" => StringsOf(value) is { } names ? schema with { Required = names } : null,
        "additionalProperties" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => schema with { AdditionalProperties = value.GetBoolean() },
        "minProperties" => CountOf(value) is { } n ? schema with { MinProperties = n } : null,
        "maxProperties" => CountOf(value) is { } n ? schema with { MaxProperties = n } : null,
        "items" when value.ValueKind == JsonValueKind.Object => schema with { Items = Read(value) },
        "minItems" => CountOf(value) is { } n ? schema with { MinItems = n } : null,
        "maxItems" => CountOf(value) is { } n ? schema with { MaxItems = n } : null,
        "uniqueItems" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => schema with { UniqueItems = value.GetBoolean() },
        "minLength" => CountOf(value) is { } n ? schema with { MinLength = n } : null,
        "maxLength" => CountOf(value) is { } n ? schema with { MaxLength = n } : null,
        "pattern" when value.ValueKind == JsonValueKind.String && PatternOf(value.GetString()!) is { } pattern => schema with { Pattern = pattern },
        "format" when value.ValueKind == JsonValueKind.String && QuickFormats.Find(value.GetString()) is { } format => schema with { Format = format },
        "minimum" when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var minimum) => schema with { Minimum = minimum },
        "maximum" when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var maximum) => schema with { Maximum = maximum },
        _ when IsAnnotation(keyword) => schema,
        _ => null,
    };

    // Loops here and above rather than LINQ over JsonElement and JsonProperty (structs): such LINQ is code the runtime
    // compiles on first use, and this runs at the start of every validate and plan.
    private ImmutableArray<QuickSchema> ReadEach(JsonElement array)
    {
        var schemas = ImmutableArray.CreateBuilder<QuickSchema>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            schemas.Add(Read(item));
        }

        return schemas.MoveToImmutable();
    }

    private Dictionary<string, QuickSchema> ReadProperties(JsonElement properties)
    {
        var read = new Dictionary<string, QuickSchema>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            read[property.Name] = Read(property.Value);
        }

        return read;
    }

    private QuickSchema Referenced(JsonElement reference)
    {
        var target = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : string.Empty;
        var name = target.StartsWith(DefinitionPrefix, StringComparison.Ordinal) ? target[DefinitionPrefix.Length..] : null;

        // A JSON pointer's escapes (~0, ~1, %xx) and deeper paths are not worth following here.
        return name is null || name.AsSpan().ContainsAny("~%/") ? QuickSchema.Opaque : Definition(name);
    }

    /// <summary>
    /// The pattern as NJsonSchema runs it (<c>Regex.IsMatch(value, pattern)</c>: default options), compiled once for
    /// every field that uses it; null for one .NET cannot compile.
    /// </summary>
    private Regex? PatternOf(string pattern)
    {
        if (!patterns.TryGetValue(pattern, out var regex))
        {
            try
            {
                regex = new Regex(pattern);
            }
            catch (ArgumentException)
            {
                regex = null;
            }

            patterns[pattern] = regex;
        }

        return regex;
    }

    private static bool IsAnnotation(string keyword) =>
        keyword is "$schema" or "$comment" or "title" or "description" or "default" or "examples" or "definitions"
        || keyword.StartsWith("x-", StringComparison.Ordinal);

    /// <summary>The types <c>type</c> names, one or a list of them; none when it names one this reader does not know.</summary>
    private static JsonTypes TypesOf(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return TypeOf(value.GetString());
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return JsonTypes.None;
        }

        var types = JsonTypes.None;
        foreach (var name in value.EnumerateArray())
        {
            var type = name.ValueKind == JsonValueKind.String ? TypeOf(name.GetString()) : JsonTypes.None;
            if (type == JsonTypes.None)
            {
                return JsonTypes.None;
            }

            types |= type;
        }

        return types;
    }

    private static JsonTypes TypeOf(string? name) => name switch
    {
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "string" => JsonTypes.String,
        "integer" => JsonTypes.Integer,
        "number" => JsonTypes.Number,
        "boolean" => JsonTypes.Boolean,
        "null" => JsonTypes.Null,
        _ => JsonTypes.None,
    };

    /// <summary>An <c>enum</c> of strings and booleans; null for one with other values, which the quick acceptance does not compare.</summary>
    private static ImmutableArray<object>? EnumOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var values = ImmutableArray.CreateBuilder<object>();
        foreach (var item in value.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    values.Add(item.GetString()!);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values.Add(item.GetBoolean());
                    break;
                default:
                    return null;
            }
        }

        return values.ToImmutable();
    }

    private static ImmutableArray<string>? StringsOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var strings = ImmutableArray.CreateBuilder<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            strings.Add(item.GetString()!);
        }

        return strings.MoveToImmutable();
    }

    private static int? CountOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n : null;
}
