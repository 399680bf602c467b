using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Store;

/// <summary>Read-only lists a policy refers to: Access groups, service tokens, identity providers.</summary>
internal sealed partial class StateStore
{
    public List<JsonObject> ListGroups(ScopeRef scope, string? name, string? search) => Read(() =>
        Filter(Find(scope)?.Groups, name, search));

    public JsonObject GetGroup(ScopeRef scope, string groupId) => Read(() =>
        Find(scope)?.Groups.Find(g => Json.Id(g) == groupId) is { } group ? Json.Clone(group) : throw NotFound("Access group", groupId));

    public List<JsonObject> ListServiceTokens(ScopeRef scope, string? name, string? search) => Read(() =>
        Filter(Find(scope)?.ServiceTokens, name, search));

    public List<JsonObject> ListIdentityProviders(ScopeRef scope) => Read(() =>
        Filter(Find(scope)?.IdentityProviders, null, null));

    private static List<JsonObject> Filter(List<JsonObject>? items, string? name, string? search) =>
        items is null
            ? []
            : [.. items.Where(i => Contains(i, name) && Contains(i, search)).Select(Json.Clone)];

    private static bool Contains(JsonObject item, string? wanted) =>
        wanted is null || (Json.AsString(item["name"])?.Contains(wanted, StringComparison.OrdinalIgnoreCase) ?? false);
}
