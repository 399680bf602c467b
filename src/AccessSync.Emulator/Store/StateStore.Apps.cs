using System.Collections.Frozen;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Api;

namespace AccessSync.Emulator.Store;

/// <summary>Access applications, and the policies array an app write attaches or creates.</summary>
internal sealed partial class StateStore
{
    private static readonly FrozenSet<string> AppTypes = new[]
    {
        "self_hosted", "saas", "ssh", "vnc", "app_launcher", "warp", "biso", "bookmark", "dash_sso", "infrastructure",
        "rdp", "mcp", "mcp_portal", "proxy_endpoint",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> TypesNeedingDomain = new[] { "self_hosted", "ssh", "vnc", "rdp" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> LinkKeys = new[] { "id", "precedence", "account_id" }.ToFrozenSet(StringComparer.Ordinal);

    public List<JsonObject> ListApps(ScopeRef scope, AppFilter filter) => ListApps(scope, filter, 0, int.MaxValue).Page;

    /// <summary>
    /// How many apps the filter matches, and those of one page, rendered: only the page's, or reading N pages of a
    /// large estate would render every app N times.
    /// </summary>
    public (List<JsonObject> Page, int Total) ListApps(ScopeRef scope, AppFilter filter, int skip, int take) => Read<(List<JsonObject>, int)>(() =>
    {
        if (Find(scope) is not { } data)
        {
            return ([], 0);
        }

        var matching = data.Apps.Where(filter.Matches).ToList();
        return ([.. matching.Skip(skip).Take(take).Select(a => RenderApp(scope, data, a))], matching.Count);
    });

    public JsonObject GetApp(ScopeRef scope, string appId) => Read(() =>
    {
        var (data, app) = RequireApp(scope, appId);
        return RenderApp(scope, data, app);
    });

    public JsonObject CreateApp(ScopeRef scope, JsonObject body) => Write(() =>
    {
        ThrowIfInvalid(ValidateApp(body));
        var data = Ensure(scope);
        var now = Now();
        var app = new AppRecord(AppFields(NewId(), body, NewAud(), now, now))
        {
            EmulatorConfig = body["x-emulator"] is JsonObject config
                ? Json.Clone(config)
                : refuseAppScopedOnNewApps ? new JsonObject { ["refuse_app_scoped_policies"] = true } : null,
        };
        if (body.TryGetPropertyValue("policies", out var policies))
        {
            app.Policies = ResolvePolicies(scope, data, app, policies);
        }

        data.Apps.Add(app);
        return RenderApp(scope, data, app);
    });

    /// <summary>
    /// A full replacement of the app's fields. A body without <c>policies</c> leaves the attached policies as they
    /// are; a body with it replaces the list, and an app-scoped policy left out of it is deleted.
    /// </summary>
    public JsonObject UpdateApp(ScopeRef scope, string appId, JsonObject body) => Write(() =>
    {
        var (data, app) = RequireApp(scope, appId);
        ThrowIfInvalid(ValidateApp(body));
        var policies = body.TryGetPropertyValue("policies", out var list) ? ResolvePolicies(scope, data, app, list) : app.Policies;
        app.Fields = AppFields(app.Id, body, Json.AsString(app.Fields["aud"]) ?? NewAud(), app.Fields["created_at"]?.DeepClone() ?? Now(), Now());
        app.Policies = policies;
        if (body["x-emulator"] is JsonObject config)
        {
            app.EmulatorConfig = Json.Clone(config);
        }

        return RenderApp(scope, data, app);
    });

    public JsonObject DeleteApp(ScopeRef scope, string appId) => Write(() =>
    {
        var (data, app) = RequireApp(scope, appId);
        data.Apps.Remove(app);
        return new JsonObject { ["id"] = app.Id };
    });

    private static JsonObject AppFields(string id, JsonObject body, string aud, JsonNode createdAt, JsonNode updatedAt)
    {
        var fields = new JsonObject { ["id"] = id };
        foreach (var (key, value) in body)
        {
            if (!ReadOnlyFields.Contains(key) && key is not "policies" and not "x-emulator")
            {
                fields[key] = value?.DeepClone();
            }
        }

        fields["aud"] = aud;
        fields["created_at"] = createdAt.DeepClone();
        fields["updated_at"] = updatedAt.DeepClone();
        return fields;
    }

    private static List<ApiError> ValidateApp(JsonObject body)
    {
        var problems = new List<string>();
        var type = body["type"];
        if (type is not null && (Json.AsString(type) is not { } typeName || !AppTypes.Contains(typeName)))
        {
            problems.Add($"type {type.ToJsonString()} is not one of {string.Join(", ", AppTypes.Order(StringComparer.Ordinal))}");
        }
        else if (Json.AsString(type) is { } needsDomain && TypesNeedingDomain.Contains(needsDomain) && string.IsNullOrWhiteSpace(Json.AsString(body["domain"])))
        {
            problems.Add($"domain is required for a {needsDomain} application");
        }

        if (body["name"] is { } name && Json.AsString(name) is null)
        {
            problems.Add("name must be a string");
        }

        if (body.TryGetPropertyValue("policies", out var policies) && policies is not null and not JsonArray)
        {
            problems.Add("policies must be an array");
        }

        return [.. problems.Select(p => new ApiError(ErrorCodes.AccessInvalidRequest, $"access.api.error.invalid_request: {p}"))];
    }

    /// <summary>
    /// Reads an app's <c>policies</c> array (API-FACTS §3): a bare id or <c>{id, precedence}</c> links an existing
    /// policy (a reusable one of the account, or an app-scoped one the app already has); an object with policy
    /// fields is an inline app-scoped policy, created, or replaced when its id is one of the app's own. Array order
    /// gives the precedence of items that carry none. Reusable links and inline policies cannot be mixed.
    /// Nothing is changed here: the caller commits the returned list.
    /// </summary>
    private List<PolicySlot> ResolvePolicies(ScopeRef scope, ScopeData data, AppRecord app, JsonNode? node)
    {
        if (node is not JsonArray items)
        {
            return [];
        }

        var slots = new List<PolicySlot>();
        var errors = new List<ApiError>();
        void Problem(string message) => errors.Add(new ApiError(ErrorCodes.AccessInvalidRequest, $"access.api.error.invalid_request: {message}"));
        var reusableLinks = 0;
        var inlinePolicies = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"policies[{i}]";
            string? id;
            int? precedence = null;
            JsonObject? inline = null;
            switch (items[i])
            {
                case JsonValue value when Json.AsString(value) is { } bareId:
                    id = bareId;
                    break;
                case JsonObject item:
                    id = Json.Id(item);
                    if (item.TryGetPropertyValue("precedence", out var given) && given is not null)
                    {
                        precedence = Json.AsInt(given);
                        if (precedence is null)
                        {
                            Problem($"{where}.precedence must be an integer, not {given.ToJsonString()}");
                            continue;
                        }
                    }

                    if (item.Any(kv => !LinkKeys.Contains(kv.Key)))
                    {
                        inline = item;
                    }
                    else if (id is null)
                    {
                        Problem($"{where} must carry the id of the policy to attach");
                        continue;
                    }

                    break;
                default:
                    Problem($"{where} must be a policy id, an object {{id, precedence}}, or a policy object");
                    continue;
            }

            var order = precedence ?? i + 1;
            var own = id is null ? null : app.Policy(id) is { IsLink: false } existing ? existing : null;
            if (id is not null && !scope.IsZone && data.Reusable(id) is not null)
            {
                // An object naming a reusable policy is a link whatever else it carries, so that an app read with
                // GET can be written back with PUT.
                reusableLinks++;
                slots.Add(new PolicySlot(id, order, null));
            }
            else if (inline is null || (own?.AppScoped is { } current && SameSettings(inline, current)))
            {
                // A link, or an object restating one of the app's own policies unchanged (as GET returned it).
                if (own is null)
                {
                    Problem($"{where}: no policy with id {id} in this {(scope.IsZone ? "zone" : "account")}");
                    continue;
                }

                slots.Add(new PolicySlot(own.Id, order, own.AppScoped));
            }
            else
            {
                inlinePolicies++;
                var problems = PolicyValidator.Validate(inline, where + ".");
                if (problems.Count > 0)
                {
                    errors.AddRange(problems);
                    continue;
                }

                if (own is null && app.RefusesAppScopedPolicies)
                {
                    errors.Add(LegacyRefusal(scope).Errors[0]);
                    continue;
                }

                var newId = own?.Id ?? NewId();
                slots.Add(new PolicySlot(newId, order, StoredPolicy(newId, inline, own?.AppScoped)));
            }
        }

        if (reusableLinks > 0 && inlinePolicies > 0)
        {
            Problem("reusable policies and inline app-scoped policies are mutually exclusive in one policies array");
        }

        foreach (var repeated in slots.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            Problem($"policy {repeated.Key} is listed more than once");
        }

        ThrowIfInvalid(errors);
        if (slots.GroupBy(s => s.Precedence).Any(g => g.Count() > 1))
        {
            throw PrecedenceCollision();
        }

        return slots;
    }

    /// <summary>Whether a policy object says the same as a stored one, read-only fields and precedence aside.</summary>
    private static bool SameSettings(JsonObject given, JsonObject stored)
    {
        static IEnumerable<KeyValuePair<string, JsonNode?>> Settings(JsonObject policy) =>
            policy.Where(kv => !ReadOnlyFields.Contains(kv.Key) && kv.Key != "precedence").OrderBy(kv => kv.Key, StringComparer.Ordinal);

        var a = Settings(given).ToList();
        var b = Settings(stored).ToList();
        return a.Count == b.Count && a.Zip(b).All(pair => pair.First.Key == pair.Second.Key && JsonNode.DeepEquals(pair.First.Value, pair.Second.Value));
    }

    private static ApiException LegacyRefusal(ScopeRef scope) => Invalid(
        "legacy policies cannot be added to newly created applications; create a reusable policy with POST "
        + (scope.IsZone ? "/accounts/{account_id}" : $"/accounts/{scope.Id}")
        + "/access/policies and attach it in the application's policies array");
}
