using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Live;

/// <summary>
/// An Access group as the API lists it, with its rules: a group rule of a policy matches whoever the group's own
/// include, exclude and require match, so evaluating live policies needs them.
/// </summary>
public sealed record LiveGroup(string Id, string Name, ImmutableArray<Rule> Include, ImmutableArray<Rule> Exclude, ImmutableArray<Rule> Require)
{
    public static LiveGroup FromJson(JsonElement group) => new(
        group.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty,
        group.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty,
        RuleWire.ReadList(group.TryGetProperty("include", out var include) ? include : null),
        RuleWire.ReadList(group.TryGetProperty("exclude", out var exclude) ? exclude : null),
        RuleWire.ReadList(group.TryGetProperty("require", out var require) ? require : null));
}
