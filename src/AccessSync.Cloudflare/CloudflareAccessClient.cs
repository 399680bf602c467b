using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Http;
using AccessSync.Cloudflare.Model;
using AccessSync.Cloudflare.Redaction;
using AccessSync.Cloudflare.Wire;
using AccessSync.Core.Model;
using AccessSync.Core.Wire;
using Serilog;
using Serilog.Core;

namespace AccessSync.Cloudflare;

/// <summary>
/// The Cloudflare Zero Trust Access API, typed. Works the same against api.cloudflare.com and the local emulator.
/// Every list is read in full; every failure surfaces as a <see cref="CloudflareException"/> whose message is one line
/// naming the request and Cloudflare's error codes, and never a secret. Thread-safe; dispose it when done.
/// </summary>
/// <remarks>
/// GET, PUT and DELETE are retried on 429, 5xx and transport failures. A create (POST) is retried on 429 at once, and
/// after any other transient failure only once a read shows it did not happen: it looks for an object of the body's
/// <c>name</c>, so create only names not yet in use, as a plan does. A DELETE whose answer was lost and whose retry
/// finds nothing (404) counts as done.
/// </remarks>
public sealed class CloudflareAccessClient : IDisposable
{
    private static readonly KeyValuePair<string, string>[] NoFilters = [];

    private readonly ApiConnection api;

    public CloudflareAccessClient(CloudflareCredentials credentials, CloudflareClientOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new CloudflareClientOptions();
        options.Validate();
        var log = (logger ?? Logger.None)
            .ForContext(new RedactingEnricher(new SecretRedactor(credentials.Secrets)))
            .ForContext<CloudflareAccessClient>();
        api = new ApiConnection(credentials, options, log);
    }

    /// <summary>What this client has sent so far: requests and 429 waits, for progress reporting.</summary>
    public RequestStatistics Statistics => api.Statistics;

    // ---- Applications ------------------------------------------------------------------------------------------

    internal async Task<IReadOnlyList<AccessApplication>> ListApplicationsAsync(Scope scope, CancellationToken cancellationToken = default) =>
        Typed(await api.ListAsync(ScopePaths.Apps(scope), NoFilters, cancellationToken), AccessApplication.FromJson);

    public async Task<AccessApplication> GetApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken = default) =>
        AccessApplication.FromJson(await api.SendForObjectAsync(HttpMethod.Get, ScopePaths.App(scope, appId), null, cancellationToken));

    /// <summary>An application as the API answered it, for <see cref="LiveMapping"/>.</summary>
    internal Task<JsonElement> GetApplicationAnswerAsync(Scope scope, string appId, CancellationToken cancellationToken) =>
        api.GetElementAsync(ScopePaths.App(scope, appId), cancellationToken);

    /// <summary>Creates an application; if the POST's fate is unknown, looks it up by name (and domain) before sending it again.</summary>
    internal async Task<AccessApplication> CreateApplicationAsync(Scope scope, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var name = JsonFields.String(body, "name");
        var domain = JsonFields.String(body, "domain");
        var probe = name is null ? null : ProbeAsync(
            ct => api.ListAsync(ScopePaths.Apps(scope), [new("name", name), new("exact", "true")], ct),
            app => JsonFields.String(app, "name") == name && (domain is null || JsonFields.String(app, "domain") == domain));
        return AccessApplication.FromJson(await api.CreateAsync(ScopePaths.Apps(scope), body, probe, cancellationToken));
    }

    /// <summary>PUT: a full replacement. Build <paramref name="body"/> from <see cref="AccessApplication.ToWriteBody"/>.</summary>
    public async Task<AccessApplication> UpdateApplicationAsync(Scope scope, string appId, JsonObject body, CancellationToken cancellationToken = default) =>
        AccessApplication.FromJson(await api.SendForObjectAsync(HttpMethod.Put, ScopePaths.App(scope, appId), body, cancellationToken));

    internal Task<bool> DeleteApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken = default) =>
        api.DeleteAsync(ScopePaths.App(scope, appId), cancellationToken);

    // ---- Application policies ----------------------------------------------------------------------------------

    /// <summary>The app's policies, its own and the reusable ones it uses, in precedence order.</summary>
    internal async Task<IReadOnlyList<AccessPolicy>> ListApplicationPoliciesAsync(Scope scope, string appId, CancellationToken cancellationToken = default) =>
        Typed(await api.ListAsync(ScopePaths.AppPolicies(scope, appId), NoFilters, cancellationToken), AccessPolicy.FromJson);

    internal async Task<AccessPolicy> GetApplicationPolicyAsync(Scope scope, string appId, string policyId, CancellationToken cancellationToken = default) =>
        AccessPolicy.FromJson(await api.SendForObjectAsync(HttpMethod.Get, ScopePaths.AppPolicy(scope, appId, policyId), null, cancellationToken));

    /// <summary>
    /// Creates an app-scoped policy; if the POST's fate is unknown, looks among the app's policies for one of that name
    /// (and that precedence, when the body gives one: a reusable policy of the same name elsewhere in the app is not it)
    /// before sending it again.
    /// </summary>
    public async Task<AccessPolicy> CreateApplicationPolicyAsync(Scope scope, string appId, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var name = JsonFields.String(body, "name");
        var precedence = JsonFields.Int(body, "precedence");
        var probe = name is null ? null : ProbeAsync(
            ct => api.ListAsync(ScopePaths.AppPolicies(scope, appId), NoFilters, ct),
            policy => JsonFields.String(policy, "name") == name && (precedence is null || JsonFields.Int(policy, "precedence") == precedence));
        return AccessPolicy.FromJson(await api.CreateAsync(ScopePaths.AppPolicies(scope, appId), body, probe, cancellationToken));
    }

    /// <summary>PUT: a full replacement. Build <paramref name="body"/> from <see cref="AccessPolicy.ToWriteBody"/> so that unmanaged fields survive.</summary>
    public async Task<AccessPolicy> UpdateApplicationPolicyAsync(Scope scope, string appId, string policyId, JsonObject body, CancellationToken cancellationToken = default) =>
        AccessPolicy.FromJson(await api.SendForObjectAsync(HttpMethod.Put, ScopePaths.AppPolicy(scope, appId, policyId), body, cancellationToken));

    /// <returns>True when the DELETE's answer was lost and a read then found it gone; false when the API answered it.</returns>
    public Task<bool> DeleteApplicationPolicyAsync(Scope scope, string appId, string policyId, CancellationToken cancellationToken = default) =>
        api.DeleteAsync(ScopePaths.AppPolicy(scope, appId, policyId), cancellationToken);

    /// <summary>Turns an app-scoped policy into a reusable one (accounts only); from then on it is managed through the reusable endpoints.</summary>
    public async Task<AccessPolicy> MakePolicyReusableAsync(Scope scope, string appId, string policyId, CancellationToken cancellationToken = default)
    {
        RequireAccount(scope, "reusable policies");
        return AccessPolicy.FromJson(await api.SendForObjectAsync(HttpMethod.Put, ScopePaths.MakeReusable(scope, appId, policyId), null, cancellationToken));
    }

    // ---- Reusable policies (accounts only) ---------------------------------------------------------------------

    public async Task<IReadOnlyList<AccessPolicy>> ListReusablePoliciesAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        RequireAccount(scope, "reusable policies");
        return Typed(await api.ListAsync(ScopePaths.ReusablePolicies(scope), NoFilters, cancellationToken), AccessPolicy.FromJson);
    }

    internal async Task<AccessPolicy> GetReusablePolicyAsync(Scope scope, string policyId, CancellationToken cancellationToken = default)
    {
        RequireAccount(scope, "reusable policies");
        return AccessPolicy.FromJson(await api.SendForObjectAsync(HttpMethod.Get, ScopePaths.ReusablePolicy(scope, policyId), null, cancellationToken));
    }

    /// <summary>Creates a reusable policy; if the POST's fate is unknown, looks for it by name before sending it again.</summary>
    public async Task<AccessPolicy> CreateReusablePolicyAsync(Scope scope, JsonObject body, CancellationToken cancellationToken = default)
    {
        RequireAccount(scope, "reusable policies");
        ArgumentNullException.ThrowIfNull(body);
        var name = JsonFields.String(body, "name");
        var probe = name is null ? null : ProbeAsync(
            ct => api.ListAsync(ScopePaths.ReusablePolicies(scope), NoFilters, ct),
            policy => JsonFields.String(policy, "name") == name);
        return AccessPolicy.FromJson(await api.CreateAsync(ScopePaths.ReusablePolicies(scope), body, probe, cancellationToken));
    }

    public async Task<AccessPolicy> UpdateReusablePolicyAsync(Scope scope, string policyId, JsonObject body, CancellationToken cancellationToken = default)
    {
        RequireAccount(scope, "reusable policies");
        return AccessPolicy.FromJson(await api.SendForObjectAsync(HttpMethod.Put, ScopePaths.ReusablePolicy(scope, policyId), body, cancellationToken));
    }

    /// <returns>True when the DELETE's answer was lost and a read then found it gone; false when the API answered it.</returns>
    public Task<bool> DeleteReusablePolicyAsync(Scope scope, string policyId, CancellationToken cancellationToken = default)
    {
        RequireAccount(scope, "reusable policies");
        return api.DeleteAsync(ScopePaths.ReusablePolicy(scope, policyId), cancellationToken);
    }

    // ---- Groups, service tokens, identity providers ------------------------------------------------------------

    internal async Task<IReadOnlyList<AccessGroup>> ListGroupsAsync(Scope scope, CancellationToken cancellationToken = default) =>
        Typed(await api.ListAsync(ScopePaths.Groups(scope), NoFilters, cancellationToken), AccessGroup.FromJson);

    internal async Task<AccessGroup> GetGroupAsync(Scope scope, string groupId, CancellationToken cancellationToken = default) =>
        AccessGroup.FromJson(await api.SendForObjectAsync(HttpMethod.Get, ScopePaths.Group(scope, groupId), null, cancellationToken));

    internal async Task<IReadOnlyList<AccessServiceToken>> ListServiceTokensAsync(Scope scope, CancellationToken cancellationToken = default) =>
        Typed(await api.ListAsync(ScopePaths.ServiceTokens(scope), NoFilters, cancellationToken), AccessServiceToken.FromJson);

    internal async Task<IReadOnlyList<AccessIdentityProvider>> ListIdentityProvidersAsync(Scope scope, CancellationToken cancellationToken = default) =>
        Typed(await api.ListAsync(ScopePaths.IdentityProviders(scope), NoFilters, cancellationToken), AccessIdentityProvider.FromJson);

    // ---- The whole estate --------------------------------------------------------------------------------------

    /// <summary>
    /// Reads everything live in a scope in the fewest requests and round trips the API allows: the applications list
    /// (whose items embed their full policies) and the reusable-policy (accounts only), group, service-token and
    /// identity-provider lists. The first page of every list goes at once; each list's first page says how many more
    /// it has, and those go at once too (at most <see cref="CloudflareClientOptions.ReadConcurrency"/> in flight, all
    /// within the request budget). Never one request per application or policy. The first failure cancels the other reads.
    /// </summary>
    public async Task<LiveEstate> ReadEstateAsync(Scope scope, CancellationToken cancellationToken = default)
    {
        var answers = await ReadEstateAnswersAsync(scope, cancellationToken);
        return new LiveEstate(
            scope,
            Typed(answers.Applications, AccessApplication.FromJson),
            Typed(answers.ReusablePolicies, AccessPolicy.FromJson),
            Typed(answers.Groups, AccessGroup.FromJson),
            Typed(answers.ServiceTokens, AccessServiceToken.FromJson),
            Typed(answers.IdentityProviders, AccessIdentityProvider.FromJson));
    }

    /// <summary>The estate as <see cref="ReadEstateAsync"/> reads it, as answered: for <see cref="LiveMapping"/>.</summary>
    internal async Task<EstateAnswers> ReadEstateAnswersAsync(Scope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);

        // In the order of EstateAnswers' lists. The applications list goes first: it is the largest, so its first page
        // should never wait for a read slot. A zone has no reusable policies: no request, an empty list.
        string?[] lists =
        [
            ScopePaths.Apps(scope),
            scope.Kind == ScopeKind.Account ? ScopePaths.ReusablePolicies(scope) : null,
            ScopePaths.Groups(scope),
            ScopePaths.ServiceTokens(scope),
            ScopePaths.IdentityProviders(scope),
        ];
        var read = await FailFast.WhenAllAsync(
            lists.Select(path => (Func<CancellationToken, Task<List<JsonElement>>>)(ct => path is null ? Task.FromResult(new List<JsonElement>()) : api.ListAsync(path, NoFilters, ct))),
            cancellationToken);
        return new EstateAnswers(scope, read[0], read[1], read[2], read[3], read[4]);
    }

    public void Dispose() => api.Dispose();

    /// <summary>A list's items as one of the client's typed views.</summary>
    private static List<T> Typed<T>(IEnumerable<JsonElement> items, Func<JsonObject, T> view) => items.Select(item => view(JsonFields.Node(item))).ToList();

    private static Func<CancellationToken, Task<JsonObject?>> ProbeAsync(
        Func<CancellationToken, Task<List<JsonElement>>> list,
        Func<JsonElement, bool> matches) =>
        async ct => (await list(ct)).Where(matches).Select(JsonFields.Node).FirstOrDefault();

    private void RequireAccount(Scope scope, string what)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Kind != ScopeKind.Account)
        {
            throw api.Errors.AccountOnly(what, scope);
        }
    }
}
