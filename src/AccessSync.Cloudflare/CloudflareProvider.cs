using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Model;
using AccessSync.Core.Applying;
using AccessSync.Core.Json;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Cloudflare;

/// <summary>
/// The core's <see cref="IAccessProvider"/> over Cloudflare's API: maps the wire objects to the live model, and
/// is its own <see cref="IAccessWriter"/>, one endpoint per method, sending each body as the core built it. API,
/// auth and network failures come back as failed answers, never exceptions.
/// </summary>
public sealed class CloudflareProvider(CloudflareAccessClient client) : IAccessProvider, IAccessWriter
{
    /// <summary>Ids of reusable policies per account, to tell them apart from an application's own (embedded ones carry no flag).</summary>
    private readonly ConcurrentDictionary<Scope, Task<HashSet<string>>> reusableIds = new();

    public async Task<LiveState> ReadAsync(IReadOnlyCollection<Scope> scopes, CancellationToken cancellationToken)
    {
        var estates = await Task.WhenAll(scopes.Distinct().Select(scope => client.ReadEstateAnswersAsync(scope, cancellationToken)));
        return new LiveState([.. estates.Select(LiveMapping.Scope)]);
    }

    public async Task<LiveApplication?> ReadApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken)
    {
        JsonElement app;
        try
        {
            app = await client.GetApplicationAnswerAsync(scope, appId, cancellationToken);
        }
        catch (CloudflareApiException e) when (e.StatusCode == 404)
        {
            return null;
        }

        var reusable = await reusableIds.GetOrAdd(scope, s => ReusableIdsAsync(s, cancellationToken));
        return LiveMapping.Application(scope, app, reusable.Contains);
    }

    public IAccessWriter Writer => this;

    public Task<WriteAnswer> CreatePolicyAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken) =>
        AnswerAsync(async () => (await client.CreateApplicationPolicyAsync(app.Scope, app.Id, body, cancellationToken)).Raw);

    public Task<WriteAnswer> UpdatePolicyAsync(AppTarget app, string policyId, JsonObject body, CancellationToken cancellationToken) =>
        AnswerAsync(
            async () => (await client.UpdateApplicationPolicyAsync(app.Scope, app.Id, policyId, body, cancellationToken)).Raw,
            async () => (await client.GetApplicationPolicyAsync(app.Scope, app.Id, policyId, cancellationToken)).Raw);

    public Task<WriteAnswer> DeletePolicyAsync(AppTarget app, string policyId, CancellationToken cancellationToken) =>
        DeletedAsync(() => client.DeleteApplicationPolicyAsync(app.Scope, app.Id, policyId, cancellationToken));

    public Task<WriteAnswer> CreateReusablePolicyAsync(Scope account, JsonObject body, CancellationToken cancellationToken) =>
        AnswerAsync(async () =>
        {
            var created = await client.CreateReusablePolicyAsync(account, body, cancellationToken);
            Remember(account, created.Id);
            return created.Raw;
        });

    public Task<WriteAnswer> UpdateReusablePolicyAsync(Scope account, string policyId, JsonObject body, CancellationToken cancellationToken) =>
        AnswerAsync(
            async () => (await client.UpdateReusablePolicyAsync(account, policyId, body, cancellationToken)).Raw,
            async () => (await client.GetReusablePolicyAsync(account, policyId, cancellationToken)).Raw);

    public Task<WriteAnswer> DeleteReusablePolicyAsync(Scope account, string policyId, CancellationToken cancellationToken) =>
        DeletedAsync(() => client.DeleteReusablePolicyAsync(account, policyId, cancellationToken));

    /// <remarks>After a lost answer, the policy found among the account's reusable policies shows the conversion happened.</remarks>
    public Task<WriteAnswer> MakePolicyReusableAsync(AppTarget owner, string policyId, CancellationToken cancellationToken) =>
        AnswerAsync(
            async () => await RememberedAsync(owner.Scope, client.MakePolicyReusableAsync(owner.Scope, owner.Id, policyId, cancellationToken)),
            () => RememberedAsync(owner.Scope, client.GetReusablePolicyAsync(owner.Scope, policyId, cancellationToken)));

    /// <summary>A reusable policy as the API holds it, remembered as reusable for the applications that embed it later.</summary>
    private async Task<JsonObject> RememberedAsync(Scope account, Task<AccessPolicy> reusablePolicy)
    {
        var reusable = await reusablePolicy;
        Remember(account, reusable.Id);
        return reusable.Raw;
    }

    public Task<WriteAnswer> UpdateApplicationAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken) =>
        AnswerAsync(
            async () => (await client.UpdateApplicationAsync(app.Scope, app.Id, body, cancellationToken)).Raw,
            async () => (await client.GetApplicationAsync(app.Scope, app.Id, cancellationToken)).Raw);

    /// <summary>
    /// The API's answer to one write (the object it returned, if any), or its error as a failed answer. A write that
    /// may have happened although its answer was lost (<see cref="MayHaveHappened"/>) is followed by
    /// <paramref name="readAfterLostAnswer"/>, when given: the object it reads is handed back for the step to judge
    /// as it would an answer, with the write's error beside it; when the read fails too, the write's error stands.
    /// </summary>
    private static async Task<WriteAnswer> AnswerAsync(Func<Task<JsonObject?>> write, Func<Task<JsonObject>>? readAfterLostAnswer = null)
    {
        try
        {
            return WriteAnswer.Done(await write() is { } written ? Element(written) : null);
        }
        catch (CloudflareException e) when (readAfterLostAnswer is not null && MayHaveHappened(e))
        {
            try
            {
                return WriteAnswer.ReadAfterLostAnswer(Element(await readAfterLostAnswer()), e.Message);
            }
            catch (CloudflareException)
            {
                return Failed(e);
            }
        }
        catch (CloudflareException e)
        {
            return Failed(e);
        }
    }

    /// <summary>A DELETE: done when the API answered it, or when its answer was lost and a read found the object gone.</summary>
    private static async Task<WriteAnswer> DeletedAsync(Func<Task<bool>> delete)
    {
        try
        {
            return await delete()
                ? WriteAnswer.ReadAfterLostAnswer(null, "no answer to the DELETE, or a retry of it answered 404")
                : WriteAnswer.Done(null);
        }
        catch (CloudflareException e)
        {
            return Failed(e);
        }
    }

    /// <summary>
    /// No answer came back, or one came only to a retry: an earlier attempt may have been carried out, and the
    /// retry's error (a conflict, a 404) may describe the state that attempt made rather than a refusal of it.
    /// </summary>
    private static bool MayHaveHappened(CloudflareException e) => e is CloudflareTransportException or CloudflareApiException { Attempts: > 1 };

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

    /// <summary>The write's error, with the API's codes when it answered one, so the apply can tell a refusal live explains.</summary>
    private static WriteAnswer Failed(CloudflareException e) =>
        WriteAnswer.Failed(e.Message, e is CloudflareApiException api ? api.Errors.Select(error => error.Code) : null);

    /// <remarks>Written by the node itself, not by the serializer: the serializer's first use sets up every converter it has.</remarks>
    private static JsonElement Element(JsonObject raw)
    {
        using var document = JsonDocument.Parse(Utf8Json.Of(writer => raw.WriteTo(writer)));
        return document.RootElement.Clone();
    }
}
