using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Live;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Exporting;

/// <summary>
/// Writes a live rule the way a person would: the short form where there is one (<c>email: ada@example.com</c>,
/// <c>everyone: true</c>), a group, service token or identity provider by its name where that name finds it and
/// only it, and the API's own shape for everything else.
/// </summary>
internal sealed class RuleWriter
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> namesByKind;

    public RuleWriter(LiveScope scope)
    {
        namesByKind = new Dictionary<string, FrozenDictionary<string, string>>
        {
            ["group"] = UsableNames(scope.Groups),
            ["service_token"] = UsableNames(scope.ServiceTokens),
            ["login_method"] = UsableNames(scope.IdentityProviders),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public JsonArray Rules(JsonElement list) => [.. list.EnumerateArray().Select(Rule)];

    private JsonNode? Rule(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object || rule.EnumerateObject().Count() != 1)
        {
            // Not a rule AccessSync knows how to read; written as it is, the round-trip check reports it.
            return JsonNode.Parse(rule.GetRawText());
        }

        var kind = rule.EnumerateObject().Single();
        return new JsonObject { [kind.Name] = Body(kind.Name, kind.Value) };
    }

    private JsonNode? Body(string kind, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(body.GetRawText());
        }

        var fields = body.EnumerateObject().ToList();
        var known = RuleKinds.Find(kind);
        if (fields.Count == 0 && known is { IsFlag: true })
        {
            return true;
        }

        if (fields is [var only] && known?.ShortFormField is { } shortField && only.Name == shortField)
        {
            if (ShortForm(kind, only.Value) is { } shortForm)
            {
                return shortForm;
            }
        }

        return new JsonObject(fields.Select(f => KeyValuePair.Create(f.Name, Value(kind, f.Name, f.Value))));
    }

    private JsonNode? ShortForm(string kind, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            // user_risk_score: [high]; a list of anything but text keeps the API's shape.
            return value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) ? Value(kind, string.Empty, value) : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = Clean(kind, value.GetString()!);
        if (!namesByKind.TryGetValue(kind, out var names))
        {
            return text;
        }

        // A short form that is not UUID-shaped is read as a name, so an id that is not one keeps the API's shape.
        return names.TryGetValue(text.ToLowerInvariant(), out var name) ? name
            : Guid.TryParse(text, out _) ? text
            : null;
    }

    private static JsonNode? Value(string kind, string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Clean(kind, value.GetString()!),
        JsonValueKind.Array => new JsonArray([.. value.EnumerateArray().Select(i => Value(kind, field, i))]),
        _ => JsonNode.Parse(value.GetRawText()),
    };

    /// <summary>
    /// The value as the schema accepts it and the API means it: surrounding blanks dropped and country codes in
    /// capitals, both of which the plan ignores when comparing.
    /// </summary>
    private static string Clean(string kind, string text) =>
        kind == "geo" ? text.Trim().ToUpperInvariant() : text.Trim();

    /// <summary>
    /// Ids (in lower case) to the name a file may give instead: a name that is not UUID-shaped, that no other
    /// object has in any letter case, and that is no object's id.
    /// </summary>
    private static FrozenDictionary<string, string> UsableNames(ImmutableArray<NamedObject> objects)
    {
        var ids = objects.Select(o => o.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return objects
            .Where(o => !string.IsNullOrWhiteSpace(o.Name) && !Guid.TryParse(o.Name, out _) && !ids.Contains(o.Name))
            .GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() == 1)
            .Select(g => g.Single())
            .DistinctBy(o => o.Id.ToLowerInvariant())
            .ToFrozenDictionary(o => o.Id.ToLowerInvariant(), o => o.Name, StringComparer.Ordinal);
    }
}
