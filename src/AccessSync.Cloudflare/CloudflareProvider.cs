using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Model;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Cloudflare;

/// <summary>
/// The core's <see cref="IAccessProvider"/> over Cloudflare's API: maps the wire objects to the live model and
/// performs one write per step. API, auth and network failures come back as failed outcomes, never exceptions.
/// </summary>
public sealed class CloudflareProvider(CloudflareAccessClient client) : IAccessProvider
{
    /// <summary>Ids of reusable policies per account, to tell them apart from an application's own (embedded ones carry no flag).</summary>
    private readonly ConcurrentDictionary<Scope, Task<HashSet<string>>> reusableIds = new();

    public async Task<LiveState> ReadAsync(IReadOnlyCollection<Scope> scopes, CancellationToken cancellationToken)
    {
        var estates = await Task.WhenAll(scopes.Distinct().Select(scope => client.ReadEstateAsync(scope, cancellationToken)));
        return new LiveState([.. estates.Select(ToLive)]);
    }

    public async Task<LiveApplication?> ReadApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken)
    {
        AccessApplication app;
        try
        {
            app = await client.GetApplicationAsync(scope, appId, cancellationToken);
        }
        catch (CloudflareApiException e) when (e.StatusCode == 404)
        {
            return null;
        }

        var reusable = await reusableIds.GetOrAdd(scope, s => ReusableIdsAsync(s, cancellationToken));
        return ToLive(scope, app, policy => reusable.Contains(policy.Id));
    }

    public async Task<StepOutcome> WriteAsync(ApplyStep step, JsonElement? body, CancellationToken cancellationToken)
    {
        var scope = step.App.Scope;
        try
        {
            switch (step)
            {
                case CreateStep:
                    var created = await client.CreateApplicationPolicyAsync(scope, step.App.Id, Body(body), cancellationToken);
                    return new StepOutcome.Done(Element(created.Raw));
                case UpdateStep update:
                    var updated = await client.UpdateApplicationPolicyAsync(scope, step.App.Id, update.PolicyId, Body(body), cancellationToken);
                    return new StepOutcome.Done(Element(updated.Raw));
                case DeleteStep delete:
                    await client.DeleteApplicationPolicyAsync(scope, step.App.Id, delete.PolicyId, cancellationToken);
                    return new StepOutcome.Done(null);
                case CreateReusableStep:
                    var createdReusable = await client.CreateReusablePolicyAsync(scope, Body(body), cancellationToken);
                    Remember(scope, createdReusable.Id);
                    return new StepOutcome.Done(Element(createdReusable.Raw));
                case UpdateReusableStep reusable:
                    var updatedReusable = await client.UpdateReusablePolicyAsync(scope, reusable.PolicyId, Body(body), cancellationToken);
                    return new StepOutcome.Done(Element(updatedReusable.Raw));
                case DeleteReusableStep reusable:
                    await client.DeleteReusablePolicyAsync(scope, reusable.PolicyId, cancellationToken);
                    return new StepOutcome.Done(null);
                case MakeReusableStep make:
                    var reusablePolicy = await client.MakePolicyReusableAsync(scope, make.Owner.Id, make.PolicyId, cancellationToken);
                    Remember(scope, reusablePolicy.Id);
                    return new StepOutcome.Done(Element(reusablePolicy.Raw));
                case SetAppPoliciesStep:
                    var app = await client.UpdateApplicationAsync(scope, step.App.Id, Body(body), cancellationToken);
                    return new StepOutcome.Done(Element(app.Raw));
                default:
                    throw new ArgumentOutOfRangeException(nameof(step), step, "an unknown kind of step");
            }
        }
        catch (CloudflareException e)
        {
            return new StepOutcome.Failed(e.Message);
        }
    }

    /// <summary>A reusable policy this run created is reusable when an application embeds it later.</summary>
    private void Remember(Scope scope, string id)
    {
        if (reusableIds.TryGetValue(scope, out var known) && known.IsCompletedSuccessfully)
        {
            lock (known.Result)
            {
                known.Result.Add(id);
            }
        }
    }

    private async Task<HashSet<string>> ReusableIdsAsync(Scope scope, CancellationToken cancellationToken) =>
        scope.Kind == ScopeKind.Account
            ? [.. (await client.ListReusablePoliciesAsync(scope, cancellationToken)).Select(p => p.Id)]
            : [];

    private static JsonObject Body(JsonElement? body) =>
        JsonNode.Parse((body ?? throw new ArgumentNullException(nameof(body), "a write needs a body")).GetRawText())!.AsObject();

    private static JsonElement Element(JsonObject raw) => JsonSerializer.SerializeToElement(raw);

    private static LiveScope ToLive(LiveEstate estate) => new(
        estate.Scope,
        [.. estate.Applications.Select(app => ToLive(estate.Scope, app, estate.IsReusable))],
        [.. estate.ReusablePolicies.Select(p => LivePolicy.FromJson(Element(p.Raw), isReusable: true))],
        [.. estate.Groups.Select(g => new NamedObject(g.Id, g.Name))],
        [.. estate.ServiceTokens.Select(t => new NamedObject(t.Id, t.Name))],
        [.. estate.IdentityProviders.Select(i => new NamedObject(i.Id, i.Name))]);

    private static LiveApplication ToLive(Scope scope, AccessApplication app, Func<AccessPolicy, bool> isReusable) => new(
        scope,
        app.Id,
        app.Name,
        app.Domain,
        [.. app.Policies.Where(p => p.Id.Length > 0).Select(p => LivePolicy.FromJson(Element(p.Raw), isReusable(p))).OrderBy(p => p.Precedence ?? int.MaxValue)],
        Element(app.Raw));
}
