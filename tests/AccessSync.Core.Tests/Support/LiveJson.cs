using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Tests.Support;

/// <summary>
/// A live state from an emulator seed (examples/live.json): its accounts and zones, as the Cloudflare provider
/// would read them from the emulator, without starting one.
/// </summary>
internal static class LiveJson
{
    public static LiveState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var scopes = new List<LiveScope>();
        foreach (var (property, kind) in new[] { ("accounts", ScopeKind.Account), ("zones", ScopeKind.Zone) })
        {
            if (!document.RootElement.TryGetProperty(property, out var byId))
            {
                continue;
            }

            scopes.AddRange(byId.EnumerateObject().Select(s => Scope(new Scope(kind, s.Name), s.Value)));
        }

        return new LiveState([.. scopes]);
    }

    private static LiveScope Scope(Scope scope, JsonElement data)
    {
        var reusable = List(data, "reusable_policies").Select(p => LivePolicy.FromJson(p, isReusable: true)).ToImmutableArray();
        var reusableIds = reusable.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var apps = List(data, "apps").Select(app => new LiveApplication(
            scope,
            app.GetProperty("id").GetString()!,
            app.GetProperty("name").GetString()!,
            app.TryGetProperty("domain", out var domain) ? domain.GetString() : null,
            [.. List(app, "policies")
                .Select(p => LivePolicy.FromJson(p, reusableIds.Contains(p.GetProperty("id").GetString()!)))
                .OrderBy(p => p.Precedence ?? int.MaxValue)],
            app.Clone()));
        return new LiveScope(scope, [.. apps], reusable, Named(data, "groups"), Named(data, "service_tokens"), Named(data, "identity_providers"));
    }

    private static IEnumerable<JsonElement> List(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(e => e.Clone()) : [];

    private static ImmutableArray<NamedObject> Named(JsonElement data, string name) =>
        [.. List(data, name).Select(o => new NamedObject(o.GetProperty("id").GetString()!, o.GetProperty("name").GetString()!))];
}
