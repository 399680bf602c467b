using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Store;

/// <summary>What one account or zone holds. Reusable policies exist in accounts only.</summary>
internal sealed class ScopeData
{
    public List<AppRecord> Apps { get; } = [];

    public List<JsonObject> ReusablePolicies { get; } = [];

    public List<JsonObject> Groups { get; } = [];

    public List<JsonObject> ServiceTokens { get; } = [];

    public List<JsonObject> IdentityProviders { get; } = [];

    public AppRecord? App(string id) => Apps.Find(a => a.Id == id);

    public JsonObject? Reusable(string id) => ReusablePolicies.Find(p => Json.Id(p) == id);

    public int AppCount(string reusableId) => Apps.Count(a => a.Policies.Exists(s => s.IsLink && s.Id == reusableId));
}

/// <summary>An application: its own fields as stored (id, aud and timestamps included), its policies, and emulator-only settings.</summary>
internal sealed class AppRecord(JsonObject fields)
{
    public JsonObject Fields { get; set; } = fields;

    public List<PolicySlot> Policies { get; set; } = [];

    /// <summary>The seed's <c>x-emulator</c> object; never returned by the API.</summary>
    public JsonObject? EmulatorConfig { get; set; }

    public string Id => Json.Id(Fields) ?? throw new InvalidOperationException("an application without an id");

    public bool RefusesAppScopedPolicies =>
        EmulatorConfig?["refuse_app_scoped_policies"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public PolicySlot? Policy(string id) => Policies.Find(p => p.Id == id);
}

/// <summary>
/// One policy in an application's list at a precedence: an app-scoped ("legacy") policy owned by the app, or a link
/// to a reusable policy of the account (<see cref="AppScoped"/> null).
/// </summary>
internal sealed class PolicySlot(string id, int precedence, JsonObject? appScoped)
{
    public string Id { get; } = id;

    public int Precedence { get; set; } = precedence;

    /// <summary>The stored policy without precedence; null for a link to a reusable policy.</summary>
    public JsonObject? AppScoped { get; set; } = appScoped;

    public bool IsLink => AppScoped is null;
}
