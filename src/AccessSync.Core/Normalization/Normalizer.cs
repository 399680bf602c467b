using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AccessSync.Core.Normalization;

/// <summary>
/// The one contract for "equal as the API treats it". Both the file's and the live value of a managed field are
/// put in a canonical JSON text before they are compared, so nothing shows a perpetual difference:
/// <list type="bullet">
/// <item>rule lists are sets: order and duplicates are ignored;</item>
/// <item>emails and domains compare without regard to case, country codes in capitals, IPs as address/prefix;</item>
/// <item>durations compare by value (<c>24h</c> = <c>1440m</c> = <c>24h0m0s</c>);</item>
/// <item>absent and null are the API's default: false for flags, empty for lists and text.</item>
/// </list>
/// </summary>
public static partial class Normalizer
{
    /// <summary>Rule fields that hold an email address or a domain, which the API compares case-blind.</summary>
    private static readonly HashSet<string> CaseBlindRuleFields = ["email.email", "email_domain.domain", "gsuite.email"];

    public static string Canonical(string path, JsonElement? value) => CanonicalNode(path, value)?.ToJsonString() ?? "null";

    /// <summary>The canonical text of a value written as JSON text (null: the field is absent).</summary>
    public static string Canonical(string path, string? json) =>
        Canonical(path, json is null ? null : JsonDocument.Parse(json).RootElement);

    private static JsonNode? CanonicalNode(string path, JsonElement? value)
    {
        if (PolicyFields.RuleLists.Contains(path))
        {
            return Set(Items(value).Select(CanonicalRule));
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
            _ => value is null ? null : Sorted(value.Value),
        };
    }

    private static IEnumerable<JsonElement> Items(JsonElement? list) =>
        list is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A set: each distinct item once, in the ordinal order of its canonical text.</summary>
    private static JsonArray Set(IEnumerable<JsonNode?> items) =>
        new([.. items
            .Select(i => (Text: i?.ToJsonString() ?? "null", Node: i))
            .DistinctBy(i => i.Text, StringComparer.Ordinal)
            .OrderBy(i => i.Text, StringComparer.Ordinal)
            .Select(i => i.Node)]);

    /// <summary>A rule in canonical form: one key, its fields sorted, values spelled the one way the API means them.</summary>
    public static JsonNode CanonicalRule(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            return Sorted(rule)!;
        }

        var canonical = new JsonObject();
        foreach (var kind in rule.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (kind.Value.ValueKind != JsonValueKind.Object)
            {
                canonical[kind.Name] = Sorted(kind.Value);
                continue;
            }

            var fields = new JsonObject();
            foreach (var field in kind.Value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                fields[field.Name] = CanonicalRuleValue(kind.Name, field.Name, field.Value);
            }

            canonical[kind.Name] = fields;
        }

        return canonical;
    }

    private static JsonNode? CanonicalRuleValue(string kind, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            // user_risk_score is the one rule that holds a list, and it is a set of levels.
            return Set(value.EnumerateArray().Select(e => (JsonNode?)JsonValue.Create(e.ToString().ToLowerInvariant())));
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Sorted(value);
        }

        var text = value.GetString()!.Trim();
        return JsonValue.Create((kind, field) switch
        {
            _ when CaseBlindRuleFields.Contains($"{kind}.{field}") => text.ToLowerInvariant(),
            ("geo", "country_code") => text.ToUpperInvariant(),
            ("ip", "ip") => CanonicalCidr(text),
            _ when UuidPattern().IsMatch(text) => text.ToLowerInvariant(),
            _ => text,
        });
    }

    /// <summary><c>192.0.2.1</c> is <c>192.0.2.1/32</c>; IPv6 addresses are written in their compressed form.</summary>
    public static string CanonicalCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return text;
        }

        var maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = slash < 0 ? maxPrefix.ToString(System.Globalization.CultureInfo.InvariantCulture) : text[(slash + 1)..];
        return $"{address}/{prefix}";
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

    /// <summary>Any JSON value with its object keys sorted, so equal values have equal text.</summary>
    internal static JsonNode? Sorted(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(value.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Name, Sorted(p.Value)))),
        JsonValueKind.Array => new JsonArray([.. value.EnumerateArray().Select(Sorted)]),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonNode.Parse(value.GetRawText()),
    };

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();
}
