using AccessSync.Core.Model;

namespace AccessSync.Core.Wire;

/// <summary>The API's paths, relative to the base URL, for an account or a zone: where the client sends a request, and how an apply names the request a write made.</summary>
public static class ScopePaths
{
    public static string Root(Scope scope) =>
        (scope.Kind == ScopeKind.Account ? "/accounts/" : "/zones/") + Uri.EscapeDataString(scope.Id);

    public static string Apps(Scope scope) => Root(scope) + "/access/apps";

    public static string App(Scope scope, string appId) => Apps(scope) + "/" + Uri.EscapeDataString(appId);

    public static string AppPolicies(Scope scope, string appId) => App(scope, appId) + "/policies";

    public static string AppPolicy(Scope scope, string appId, string policyId) => AppPolicies(scope, appId) + "/" + Uri.EscapeDataString(policyId);

    public static string MakeReusable(Scope scope, string appId, string policyId) => AppPolicy(scope, appId, policyId) + "/make_reusable";

    public static string ReusablePolicies(Scope scope) => Root(scope) + "/access/policies";

    public static string ReusablePolicy(Scope scope, string policyId) => ReusablePolicies(scope) + "/" + Uri.EscapeDataString(policyId);

    public static string Groups(Scope scope) => Root(scope) + "/access/groups";

    public static string Group(Scope scope, string groupId) => Groups(scope) + "/" + Uri.EscapeDataString(groupId);

    public static string ServiceTokens(Scope scope) => Root(scope) + "/access/service_tokens";

    public static string IdentityProviders(Scope scope) => Root(scope) + "/access/identity_providers";
}
