using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Store;

/// <summary>Reusable policies (/accounts/{account_id}/access/policies) and make_reusable. Accounts only.</summary>
internal sealed partial class StateStore
{
    public List<JsonObject> ListReusable(string accountId) => Read(() =>
        Find(ScopeRef.Account(accountId)) is { } data ? [.. data.ReusablePolicies.Select(p => RenderReusable(data, p))] : new List<JsonObject>());

    public JsonObject GetReusable(string accountId, string policyId) => Read(() =>
    {
        var data = Find(ScopeRef.Account(accountId));
        var policy = data?.Reusable(policyId) ?? throw NotFound("reusable policy", policyId);
        return RenderReusable(data, policy);
    });

    public JsonObject CreateReusable(string accountId, JsonObject body) => Write(() =>
    {
        ThrowIfInvalid(PolicyValidator.Validate(body));
        var data = Ensure(ScopeRef.Account(accountId));
        var policy = StoredPolicy(NewId(), body, null);
        data.ReusablePolicies.Add(policy);
        return RenderReusable(data, policy);
    });

    public JsonObject UpdateReusable(string accountId, string policyId, JsonObject body) => Write(() =>
    {
        var data = Find(ScopeRef.Account(accountId));
        var old = data?.Reusable(policyId) ?? throw NotFound("reusable policy", policyId);
        ThrowIfInvalid(PolicyValidator.Validate(body));
        var policy = StoredPolicy(policyId, body, old);
        data.ReusablePolicies[data.ReusablePolicies.IndexOf(old)] = policy;
        return RenderReusable(data, policy);
    });

    /// <summary>Refused while an application still uses the policy, as the docs say to detach it everywhere first.</summary>
    public JsonObject DeleteReusable(string accountId, string policyId) => Write(() =>
    {
        var data = Find(ScopeRef.Account(accountId));
        var policy = data?.Reusable(policyId) ?? throw NotFound("reusable policy", policyId);
        var users = data.Apps.Where(a => a.Policies.Exists(s => s.IsLink && s.Id == policyId)).ToList();
        if (users.Count > 0)
        {
            var names = string.Join(", ", users.Select(a => Json.AsString(a.Fields["name"]) ?? a.Id));
            throw Invalid($"policy {policyId} is still used by {users.Count} application(s) ({names}); remove it from every application's policies first");
        }

        data.ReusablePolicies.Remove(policy);
        return new JsonObject { ["id"] = policyId };
    });

    /// <summary>Turns an app-scoped policy into a reusable one with the same id, still attached at its precedence.</summary>
    public JsonObject MakeReusable(string accountId, string appId, string policyId) => Write(() =>
    {
        var scope = ScopeRef.Account(accountId);
        var (data, app) = RequireApp(scope, appId);
        var slot = app.Policy(policyId) ?? throw NotFound("policy in this application", policyId);
        if (slot.AppScoped is not { } legacy)
        {
            throw Invalid($"policy {policyId} is already a reusable policy");
        }

        var policy = Json.Clone(legacy);
        policy["updated_at"] = Now();
        data.ReusablePolicies.Add(policy);
        slot.AppScoped = null;
        return RenderReusable(data, policy);
    });
}
