using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Store;

/// <summary>The /apps/{app_id}/policies endpoints: app-scoped policies, and reading the reusable ones an app uses.</summary>
internal sealed partial class StateStore
{
    public List<JsonObject> ListAppPolicies(ScopeRef scope, string appId) => Read(() =>
    {
        var (data, app) = RequireApp(scope, appId);
        return RenderPolicies(scope, data, app);
    });

    public JsonObject GetAppPolicy(ScopeRef scope, string appId, string policyId) => Read(() =>
    {
        var (data, app) = RequireApp(scope, appId);
        var slot = app.Policy(policyId) ?? throw NotFound("policy in this application", policyId);
        return RenderSlot(scope, data, slot) ?? throw NotFound("policy in this application", policyId);
    });

    public JsonObject CreateAppPolicy(ScopeRef scope, string appId, JsonObject body) => Write(() =>
    {
        var (_, app) = RequireApp(scope, appId);
        ThrowIfInvalid(PolicyValidator.Validate(body));
        if (app.RefusesAppScopedPolicies)
        {
            throw LegacyRefusal(scope);
        }

        var precedence = Json.AsInt(body["precedence"]) ?? NextPrecedence(app);
        if (app.Policies.Exists(p => p.Precedence == precedence))
        {
            throw PrecedenceCollision();
        }

        var id = NewId();
        var policy = StoredPolicy(id, body, null);
        var slot = new PolicySlot(id, precedence, policy);
        app.Policies.Add(slot);
        return RenderOwn(scope, slot, policy);
    });

    /// <summary>A full replacement of an app-scoped policy; a body without precedence keeps the old one.</summary>
    public JsonObject UpdateAppPolicy(ScopeRef scope, string appId, string policyId, JsonObject body) => Write(() =>
    {
        var (_, app) = RequireApp(scope, appId);
        var slot = app.Policy(policyId) ?? throw NotFound("policy in this application", policyId);
        if (slot.AppScoped is not { } old)
        {
            throw ReusableThroughAppPath(scope, policyId, "updated");
        }

        ThrowIfInvalid(PolicyValidator.Validate(body));
        var precedence = faults.IgnoredFieldsOnWrite.Contains("precedence")
            ? slot.Precedence
            : Json.AsInt(body["precedence"]) ?? slot.Precedence;
        if (app.Policies.Exists(p => p != slot && p.Precedence == precedence))
        {
            throw PrecedenceCollision();
        }

        var policy = StoredPolicy(slot.Id, body, old);
        slot.AppScoped = policy;
        slot.Precedence = precedence;
        return RenderOwn(scope, slot, policy);
    });

    public JsonObject DeleteAppPolicy(ScopeRef scope, string appId, string policyId) => Write(() =>
    {
        var (_, app) = RequireApp(scope, appId);
        var slot = app.Policy(policyId) ?? throw NotFound("policy in this application", policyId);
        if (slot.IsLink)
        {
            throw ReusableThroughAppPath(scope, policyId, "deleted");
        }

        app.Policies.Remove(slot);
        return new JsonObject { ["id"] = slot.Id };
    });

    private static int NextPrecedence(AppRecord app) => app.Policies.Count == 0 ? 1 : app.Policies.Max(p => p.Precedence) + 1;

    private static Api.ApiException ReusableThroughAppPath(ScopeRef scope, string policyId, string verb) => Invalid(
        $"policy {policyId} is a reusable policy and can only be {verb} through "
        + $"/accounts/{(scope.IsZone ? "{account_id}" : scope.Id)}/access/policies/{policyId}; "
        + "to detach it from this application, update the application's policies array");
}
