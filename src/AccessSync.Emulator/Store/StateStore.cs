using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Api;

namespace AccessSync.Emulator.Store;

/// <summary>
/// The emulated account and zone data and every operation of the API on it. One lock guards everything: the
/// emulator serves a handful of clients, and a single lock makes every request atomic, as the live API's are.
/// </summary>
internal sealed partial class StateStore(TimeProvider clock, FaultSettings faults, bool refuseAppScopedOnNewApps)
{
    /// <summary>Fields the API sets itself; a client's value is ignored on input.</summary>
    private static readonly FrozenSet<string> ReadOnlyFields =
        new[] { "id", "created_at", "updated_at", "app_count", "reusable", "account_id", "aud" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly Lock gate = new();
    private Dictionary<string, ScopeData> accounts = new(StringComparer.Ordinal);
    private Dictionary<string, ScopeData> zones = new(StringComparer.Ordinal);

    /// <summary>Called under the lock after every successful write, with the whole state in seed format.</summary>
    public Action<JsonObject>? Saved { get; set; }

    public T Read<T>(Func<T> read)
    {
        lock (gate)
        {
            return read();
        }
    }

    public T Write<T>(Func<T> write)
    {
        lock (gate)
        {
            var result = write();
            Saved?.Invoke(ExportLocked());
            return result;
        }
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private static string NewAud() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A seeded app without an aud gets one derived from its id, so one seed always gives one state.</summary>
    private static string AudFor(string appId) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(appId)));

    private static ApiException NotFound(string what, string id) =>
        new(404, new ApiError(ErrorCodes.AccessNotFound, $"access.api.error.not_found: no {what} with id {id}"));

    private static ApiException Invalid(string message) =>
        new(400, new ApiError(ErrorCodes.AccessInvalidRequest, $"access.api.error.invalid_request: {message}"));

    private static ApiException PrecedenceCollision() => Invalid("policy precedences must be unique");

    private string Now() => Json.Timestamp(clock.GetUtcNow());

    private ScopeData? Find(ScopeRef scope) => (scope.IsZone ? zones : accounts).GetValueOrDefault(scope.Id);

    private ScopeData Ensure(ScopeRef scope)
    {
        var map = scope.IsZone ? zones : accounts;
        if (!map.TryGetValue(scope.Id, out var data))
        {
            data = new ScopeData();
            map[scope.Id] = data;
        }

        return data;
    }

    private (ScopeData Data, AppRecord App) RequireApp(ScopeRef scope, string appId) =>
        Find(scope) is { } data && data.App(appId) is { } app ? (data, app) : throw NotFound("application", appId);

    /// <summary>
    /// The policy as stored after a write: the body's fields except read-only ones and precedence (which belongs to
    /// the app's list), fields the faults say to ignore kept at their old value, and fresh timestamps.
    /// </summary>
    private JsonObject StoredPolicy(string id, JsonObject body, JsonObject? old)
    {
        var ignored = faults.IgnoredFieldsOnWrite;
        var now = Now();
        var stored = new JsonObject { ["id"] = id };
        foreach (var (key, value) in body)
        {
            if (!ReadOnlyFields.Contains(key) && key != "precedence" && !ignored.Contains(key))
            {
                stored[key] = value?.DeepClone();
            }
        }

        foreach (var key in ignored)
        {
            if (old is not null && !ReadOnlyFields.Contains(key) && old.TryGetPropertyValue(key, out var kept))
            {
                stored[key] = kept?.DeepClone();
            }
        }

        stored["created_at"] = old?["created_at"]?.DeepClone() ?? now;
        stored["updated_at"] = now;
        return stored;
    }

    private static void ThrowIfInvalid(List<ApiError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ApiException(400, errors);
        }
    }

    /// <summary>A policy as the app's policy endpoints and embedded lists show it; null for a link to a policy since removed.</summary>
    private JsonObject? RenderSlot(ScopeRef scope, ScopeData data, PolicySlot slot) =>
        (slot.AppScoped ?? data.Reusable(slot.Id)) is { } source ? Rendered(scope, source, slot.Precedence) : null;

    /// <summary>An app-scoped policy as the API shows it.</summary>
    private static JsonObject RenderOwn(ScopeRef scope, PolicySlot slot, JsonObject policy) => Rendered(scope, policy, slot.Precedence);

    private static JsonObject Rendered(ScopeRef scope, JsonObject source, int precedence)
    {
        var policy = Json.Clone(source);
        policy["precedence"] = precedence;
        if (!scope.IsZone)
        {
            policy["account_id"] = scope.Id;
        }

        return policy;
    }

    private List<JsonObject> RenderPolicies(ScopeRef scope, ScopeData data, AppRecord app) =>
        [.. app.Policies.OrderBy(p => p.Precedence).Select(p => RenderSlot(scope, data, p)).OfType<JsonObject>()];

    private JsonObject RenderApp(ScopeRef scope, ScopeData data, AppRecord app)
    {
        var rendered = Json.Clone(app.Fields);
        rendered["policies"] = Json.Array(RenderPolicies(scope, data, app));
        return rendered;
    }

    private static JsonObject RenderReusable(ScopeData data, JsonObject policy)
    {
        var rendered = Json.Clone(policy);
        rendered["app_count"] = data.AppCount(Json.Id(policy) ?? "");
        rendered["reusable"] = true;
        return rendered;
    }
}
