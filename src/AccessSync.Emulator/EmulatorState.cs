using System.Text.Json.Nodes;
using AccessSync.Emulator.Store;

namespace AccessSync.Emulator;

/// <summary>
/// A typed, thread-safe handle on the emulator's state, for tests to inspect it and to change it behind a client's
/// back. Every object returned is a deep copy; every change is saved to the state file like an API write.
/// </summary>
public sealed class EmulatorState
{
    private const string Groups = "groups";
    private const string ServiceTokenList = "service_tokens";
    private const string IdentityProviderList = "identity_providers";

    private readonly StateStore store;

    internal EmulatorState(StateStore store) => this.store = store;

    /// <summary>The whole state in seed format.</summary>
    public JsonObject Export() => store.Export();

    /// <summary>Replaces the whole state.</summary>
    /// <exception cref="SeedFormatException">The seed does not follow the seed format.</exception>
    public void Import(EmulatorSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        store.Import(seed.ToJson());
    }

    /// <summary>The apps as the list endpoint returns them (policies embedded).</summary>
    public IReadOnlyList<JsonObject> Apps(ScopeRef scope) => store.ListApps(scope, new AppFilter(null, null, null, null, false));

    public JsonObject? App(ScopeRef scope, string appId) => Try(() => store.GetApp(scope, appId));

    /// <summary>What the app's policies list endpoint returns, in precedence order.</summary>
    public IReadOnlyList<JsonObject> AppPolicies(ScopeRef scope, string appId) => Try(() => store.ListAppPolicies(scope, appId)) ?? [];

    public IReadOnlyList<JsonObject> ReusablePolicies(string accountId) => store.ListReusable(accountId);

    public JsonObject? ReusablePolicy(string accountId, string policyId) => Try(() => store.GetReusable(accountId, policyId));

    public IReadOnlyList<JsonObject> AccessGroups(ScopeRef scope) => store.ListGroups(scope, null, null);

    public IReadOnlyList<JsonObject> ServiceTokens(ScopeRef scope) => store.ListServiceTokens(scope, null, null);

    public IReadOnlyList<JsonObject> IdentityProviders(ScopeRef scope) => store.ListIdentityProviders(scope);

    /// <summary>Adds or replaces an app given in seed form (policies as app-scoped objects or <c>{id, precedence}</c> links).</summary>
    public JsonObject PutApp(ScopeRef scope, JsonObject app) => store.PutApp(scope, Checked(app));

    /// <summary>Adds or replaces an app-scoped policy (by id; an id is generated if absent), without validation; sets updated_at.</summary>
    /// <exception cref="KeyNotFoundException">No such app.</exception>
    public JsonObject PutAppPolicy(ScopeRef scope, string appId, JsonObject policy) => store.PutAppPolicy(scope, appId, Checked(policy));

    /// <summary>Adds or replaces a reusable policy, without validation; sets updated_at.</summary>
    public JsonObject PutReusablePolicy(string accountId, JsonObject policy) => store.PutReusable(accountId, Checked(policy));

    /// <summary>Attaches a reusable policy to an app at a precedence (moving it if already attached), without checks.</summary>
    /// <exception cref="KeyNotFoundException">No such account, app or reusable policy.</exception>
    public void AttachReusablePolicy(string accountId, string appId, string policyId, int precedence) =>
        store.AttachReusable(accountId, appId, policyId, precedence);

    public JsonObject PutAccessGroup(ScopeRef scope, JsonObject group) => store.PutListItem(scope, Groups, Checked(group));

    /// <summary>Adds or replaces a service token; a <c>client_secret</c> is never kept.</summary>
    public JsonObject PutServiceToken(ScopeRef scope, JsonObject token) => store.PutListItem(scope, ServiceTokenList, Checked(token));

    public JsonObject PutIdentityProvider(ScopeRef scope, JsonObject provider) => store.PutListItem(scope, IdentityProviderList, Checked(provider));

    public bool RemoveApp(ScopeRef scope, string appId) => store.RemoveApp(scope, appId);

    /// <summary>Deletes an app-scoped policy, or detaches a reusable one from the app.</summary>
    public bool RemoveAppPolicy(ScopeRef scope, string appId, string policyId) => store.RemoveAppPolicy(scope, appId, policyId);

    /// <summary>Deletes a reusable policy and detaches it from every app (unlike the API, which refuses while attached).</summary>
    public bool RemoveReusablePolicy(string accountId, string policyId) => store.RemoveReusable(accountId, policyId);

    public bool RemoveAccessGroup(ScopeRef scope, string groupId) => store.RemoveListItem(scope, Groups, groupId);

    private static JsonObject Checked(JsonObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }

    private static T? Try<T>(Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Api.ApiException)
        {
            return null;
        }
    }
}
