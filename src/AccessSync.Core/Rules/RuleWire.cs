using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Json;

namespace AccessSync.Core.Rules;

/// <summary>
/// Rules in the API's JSON: <c>{"kind": {"field": "value", ...}}</c>. Reading gives the kind's record, or an
/// <see cref="UnknownRule"/> that keeps the JSON as it is; writing gives the JSON the API takes.
/// </summary>
public static class RuleWire
{
    public static ImmutableArray<Rule> ReadList(JsonElement? list) =>
        list is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Select(Read)] : [];

    public static Rule Read(JsonElement rule)
    {
        if (TryReadFields(rule) is var (kind, fields))
        {
            var reader = new RuleFieldReader(fields);
            if (kind.Read(ref reader) is { } typed)
            {
                return typed;
            }
        }

        return new UnknownRule(rule.GetRawText());
    }

    public static JsonArray WriteList(IEnumerable<Rule> rules) => [.. rules.Select(Write)];

    public static JsonNode Write(Rule rule) => JsonNode.Parse(Utf8Json.Of(writer => WriteTo(writer, rule)))!;

    /// <summary>The rules as the API takes them: the one place their JSON is written, and the planner's hot path.</summary>
    public static void WriteListTo(Utf8JsonWriter writer, IEnumerable<Rule> rules)
    {
        writer.WriteStartArray();
        foreach (var rule in rules)
        {
            WriteTo(writer, rule);
        }

        writer.WriteEndArray();
    }

    /// <summary>The rule as the API takes it: <c>{"kind": {"field": "value", ...}}</c>; an unknown rule as it was read.</summary>
    public static void WriteTo(Utf8JsonWriter writer, Rule rule)
    {
        if (rule is UnknownRule unknown)
        {
            using var document = JsonDocument.Parse(unknown.Json);
            document.RootElement.WriteTo(writer);
            return;
        }

        WriteTo(writer, rule.Kind.Key, rule.Fields);
    }

    /// <summary>A rule of <paramref name="kind"/> with <paramref name="fields"/>, known kind or not.</summary>
    internal static void WriteTo(Utf8JsonWriter writer, string kind, IEnumerable<RuleField> fields)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(kind);
        foreach (var field in fields)
        {
            writer.WritePropertyName(field.Name);
            WriteValue(writer, field.Value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The rule as the plan shows and compares it: canonical (see <see cref="RuleNormalizer"/>), keys sorted.</summary>
    public static JsonNode CanonicalNode(Rule rule)
    {
        if (rule is not UnknownRule unknown)
        {
            return JsonNode.Parse(CanonicalJson(rule))!;
        }

        using var document = JsonDocument.Parse(unknown.Json);
        var json = document.RootElement;
        if (json.ValueKind != JsonValueKind.Object)
        {
            return SortedJson.Of(json)!;
        }

        var canonical = new JsonObject();
        foreach (var kind in json.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            canonical[kind.Name] = kind.Value.ValueKind == JsonValueKind.Object
                ? new JsonObject(kind.Value.EnumerateObject()
                    .OrderBy(p => p.Name, StringComparer.Ordinal)
                    .Select(f => KeyValuePair.Create(f.Name, CanonicalValue(kind.Name, f.Name, f.Value))))
                : SortedJson.Of(kind.Value);
        }

        return canonical;
    }

    public static string CanonicalJson(Rule rule) => rule is UnknownRule
        ? CanonicalNode(rule).ToJsonString()
        : Utf8Json.Text(writer => WriteTo(writer, rule.Canonical()));

    private static JsonNode? CanonicalValue(string kind, string field, JsonElement value) =>
        ValueOf(value) is { } ruleValue ? Value(RuleNormalizer.Normalize(kind, field, ruleValue)) : SortedJson.Of(value);

    /// <summary>The kind and fields of a rule whose fields are all text or lists of text; null for any other shape.</summary>
    private static (RuleKind Kind, ImmutableArray<RuleField> Fields)? TryReadFields(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        using var properties = rule.EnumerateObject();
        if (!properties.MoveNext() || RuleKinds.Find(properties.Current.Name) is not { } kind || properties.Current.Value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var body = properties.Current.Value;
        if (properties.MoveNext())
        {
            return null;
        }

        var fields = ImmutableArray.CreateBuilder<RuleField>();
        foreach (var field in body.EnumerateObject())
        {
            if (ValueOf(field.Value) is not { } value)
            {
                return null;
            }

            fields.Add(new RuleField(field.Name, value));
        }

        return (kind, fields.ToImmutable());
    }

    private static RuleValue? ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => RuleValue.Of(value.GetString()!),
        JsonValueKind.Array when value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) => RuleValue.Of(value.EnumerateArray().Select(i => i.GetString()!)),
        _ => null,
    };

    private static void WriteValue(Utf8JsonWriter writer, RuleValue value)
    {
        switch (value)
        {
            case TextRuleValue text:
                writer.WriteStringValue(text.Text);
                break;
            case ListRuleValue list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "an unknown kind of rule value");
        }
    }

    private static JsonNode? Value(RuleValue value) => JsonNode.Parse(Utf8Json.Of(writer => WriteValue(writer, value)));
}
