using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Json;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Normalization;

/// <summary>
/// The one contract for "equal as the API treats it". Both the file's and the live value of a managed field are
/// put in a canonical JSON text before they are compared, so nothing shows a perpetual difference:
/// <list type="bullet">
/// <item>rule lists are sets: order and duplicates are ignored;</item>
/// <item>rules compare as <see cref="RuleNormalizer"/> spells them: emails and domains without regard to case, country codes in capitals, IPs as address/prefix;</item>
/// <item>durations compare by value (<c>24h</c> = <c>1440m</c> = <c>24h0m0s</c>);</item>
/// <item>absent and null are the API's default: false for flags, empty for lists and text.</item>
/// </list>
/// </summary>
public static class Normalizer
{
    public static string Canonical(string path, JsonElement? value) => CanonicalNode(path, value)?.ToJsonString() ?? "null";

    /// <summary>The canonical text of a value written as JSON text (null: the field is absent).</summary>
    public static string Canonical(string path, string? json) =>
        Canonical(path, json is null ? null : JsonDocument.Parse(json).RootElement);

    private static JsonNode? CanonicalNode(string path, JsonElement? value)
    {
        if (PolicyFields.RuleLists.Contains(path))
        {
            return Set(Items(value).Select(rule => (JsonNode?)RuleWire.CanonicalNode(RuleWire.Read(rule))));
        }

        if (PolicyFields.Flags.Contains(path))
        {
            return JsonValue.Create(value is { ValueKind: JsonValueKind.True });
        }

        if (PolicyFields.StringSets.Contains(path))
        {
            return Set(Items(value).Select(e => (JsonNode?)JsonValue.Create(e.ToString())));
        }

        if (PolicyFields.Durations.Contains(path))
        {
            return value is { ValueKind: JsonValueKind.String } d && d.GetString() is { Length: > 0 } text
                ? JsonValue.Create(GoDuration.Canonical(text))
                : null;
        }

        return path switch
        {
            PolicyFields.PurposeJustificationPrompt => JsonValue.Create(value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : string.Empty),
            PolicyFields.ApprovalGroups => Set(Items(value).Select(CanonicalApprovalGroup)),
            _ => value is null ? null : SortedJson.Of(value.Value),
        };
    }

    private static IEnumerable<JsonElement> Items(JsonElement? list) =>
        list is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A set: each distinct item once, in the ordinal order of its canonical text.</summary>
    /// <remarks>Keyed by text in a dictionary rather than with LINQ over (text, node) tuples, which is compiled on first use in every run.</remarks>
    private static JsonArray Set(IEnumerable<JsonNode?> items)
    {
        var byText = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byText.TryAdd(item?.ToJsonString() ?? "null", item);
        }

        var texts = byText.Keys.ToArray();
        Array.Sort(texts, StringComparer.Ordinal);
        var set = new JsonArray();
        foreach (var text in texts)
        {
            set.Add(byText[text]);
        }

        return set;
    }

    private static JsonNode CanonicalApprovalGroup(JsonElement group)
    {
        var canonical = new JsonObject
        {
            ["approvals_needed"] = group.TryGetProperty("approvals_needed", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDecimal() : 0,
            ["email_addresses"] = Set(Items(group.TryGetProperty("email_addresses", out var e) ? e : null)
                .Select(a => (JsonNode?)JsonValue.Create(a.ToString().ToLowerInvariant()))),
            ["email_list_uuid"] = group.TryGetProperty("email_list_uuid", out var l) && l.ValueKind == JsonValueKind.String && l.GetString() is { Length: > 0 } list
                ? list.ToLowerInvariant()
                : null,
        };
        return canonical;
    }
}
