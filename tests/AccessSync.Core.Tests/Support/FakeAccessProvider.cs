using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Tests.Support;

/// <summary>
/// A tiny in-memory Access API: it refuses a write that makes two policies of an application share a
/// precedence (as Cloudflare does, error 12130), refuses to delete a reusable policy still attached, can ignore
/// fields or fail chosen writes, and counts writes. An application's attached reusable policies are links
/// (<c>{id, precedence, reusable: true}</c>) to the account's reusable policies.
/// </summary>
internal sealed class FakeAccessProvider(LiveState initial) : IAccessProvider
{
    private readonly Dictionary<string, List<JsonObject>> policies = initial.Scopes
        .SelectMany(s => s.Applications)
        .ToDictionary(a => a.Id, a => a.Policies.Select(p => p.IsReusable ? Link(p.Id, p.Precedence) : JsonNode.Parse(p.Raw.GetRawText())!.AsObject()).ToList());

    private readonly Dictionary<string, JsonObject> reusable = initial.Scopes
        .SelectMany(s => s.ReusablePolicies)
        .ToDictionary(p => p.Id, p => JsonNode.Parse(p.Raw.GetRawText())!.AsObject());

    private int nextId;

    public HashSet<string> IgnoredFields { get; } = [];

    /// <summary>Writes to policies with these names fail with an API error.</summary>
    public HashSet<string> FailingPolicies { get; } = [];

    public List<string> Writes { get; } = [];

    public LiveState Current => new([.. initial.Scopes.Select(s => s with
    {
        Applications = [.. s.Applications.Select(Read)],
        ReusablePolicies = s.Scope.Kind == ScopeKind.Account ? [.. reusable.Values.Select(p => LivePolicy.FromJson(JsonSerializer.SerializeToElement(p), isReusable: true))] : [],
    })]);

    public Task<LiveState> ReadAsync(IReadOnlyCollection<Scope> scopes, CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<LiveApplication?> ReadApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken) =>
        Task.FromResult(Current.For(scope)?.Applications.FirstOrDefault(a => a.Id == appId));

    /// <summary>After each write that succeeded, the write and the ids of every application's policies (own and attached): what Access evaluated then.</summary>
    public List<(string Write, Dictionary<string, HashSet<string>> Policies)> States { get; } = [];

    /// <summary>Applications are written in parallel; like the API, this takes one write at a time.</summary>
    public Task<StepOutcome> WriteAsync(ApplyStep step, JsonElement? body, CancellationToken cancellationToken)
    {
        lock (States)
        {
            var outcome = Write(step, body).Result;
            if (outcome is StepOutcome.Done)
            {
                States.Add((step.Describe(), policies.ToDictionary(a => a.Key, a => a.Value.Select(p => (string)p["id"]!).ToHashSet())));
            }

            return Task.FromResult(outcome);
        }
    }

    private Task<StepOutcome> Write(ApplyStep step, JsonElement? body)
    {
        Writes.Add(step.Describe());
        var sent = body is { } b ? JsonNode.Parse(b.GetRawText())!.AsObject() : null;
        var name = (string?)sent?["name"] ?? (step as DeleteStep)?.Name ?? (step as MakeReusableStep)?.Name;
        if (name is not null && FailingPolicies.Contains(name))
        {
            return Task.FromResult<StepOutcome>(new StepOutcome.Failed("Cloudflare API error 10001 on PUT …: injected failure"));
        }

        if (step.App.IsReusablePolicies)
        {
            return Task.FromResult(WriteReusable(step, body));
        }

        var list = policies[step.App.Id];

        switch (step)
        {
            case DeleteStep delete:
                list.RemoveAll(p => (string?)p["id"] == delete.PolicyId);
                return Task.FromResult<StepOutcome>(new StepOutcome.Done(null));
            case CreateStep:
                sent!["id"] = $"00000000-0000-4000-8000-{++nextId:D12}";
                return Store(list, null, sent);
            case UpdateStep update:
                var old = list.Single(p => (string?)p["id"] == update.PolicyId);
                sent!["id"] = update.PolicyId;
                foreach (var field in IgnoredFields)
                {
                    sent[field] = old[field]?.DeepClone();
                }

                return Store(list, old, sent);
            case SetAppPoliciesStep:
                return Task.FromResult(SetPolicies(list, sent!));
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    private static JsonObject Link(string id, int? precedence) => new() { ["id"] = id, ["precedence"] = precedence, ["reusable"] = true };

    private StepOutcome WriteReusable(ApplyStep step, JsonElement? body)
    {
        var sent = body is { } b ? JsonNode.Parse(b.GetRawText())!.AsObject() : null;
        switch (step)
        {
            case CreateReusableStep:
                sent!["id"] = $"00000000-0000-4000-9000-{++nextId:D12}";
                reusable[(string)sent["id"]!] = sent;
                return new StepOutcome.Done(JsonSerializer.SerializeToElement(sent));
            case UpdateReusableStep update:
                var old = reusable[update.PolicyId];
                sent!["id"] = update.PolicyId;
                foreach (var field in IgnoredFields)
                {
                    sent[field] = old[field]?.DeepClone();
                }

                reusable[update.PolicyId] = sent;
                return new StepOutcome.Done(JsonSerializer.SerializeToElement(sent));
            case MakeReusableStep make:
                var list = policies[make.Owner.Id];
                var own = list.Single(p => (string?)p["id"] == make.PolicyId);
                var policy = own.DeepClone().AsObject();
                policy.Remove("precedence");
                reusable[make.PolicyId] = policy;
                list[list.IndexOf(own)] = Link(make.PolicyId, (int?)own["precedence"]);
                return new StepOutcome.Done(JsonSerializer.SerializeToElement(policy));
            case DeleteReusableStep delete:
                if (policies.Values.Any(list => list.Any(p => (string?)p["id"] == delete.PolicyId)))
                {
                    return new StepOutcome.Failed($"Cloudflare API error 12130: policy {delete.PolicyId} is still used by an application");
                }

                reusable.Remove(delete.PolicyId);
                return new StepOutcome.Done(null);
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    /// <summary>An application PUT with a policies list: own policies left out are deleted, reusable ones linked.</summary>
    private StepOutcome SetPolicies(List<JsonObject> list, JsonObject app)
    {
        var links = app["policies"]!.AsArray().Select(l => (Id: (string)l!["id"]!, Precedence: (int)l["precedence"]!)).ToList();
        if (links.GroupBy(l => l.Precedence).Any(g => g.Count() > 1))
        {
            return new StepOutcome.Failed("Cloudflare API error 12130: access.api.error.invalid_request: policy precedences must be unique");
        }

        if (IgnoredFields.Contains("policies"))
        {
            app["policies"] = new JsonArray([.. list.Select(p => (JsonNode)p.DeepClone())]);
            return new StepOutcome.Done(JsonSerializer.SerializeToElement(app));
        }

        var updated = new List<JsonObject>();
        foreach (var (id, precedence) in links)
        {
            if (reusable.ContainsKey(id))
            {
                updated.Add(Link(id, precedence));
            }
            else if (list.FirstOrDefault(p => (string?)p["id"] == id && p["reusable"] is null) is { } own)
            {
                own["precedence"] = precedence;
                updated.Add(own);
            }
            else
            {
                return new StepOutcome.Failed($"Cloudflare API error 12130: no policy with id {id}");
            }
        }

        list.Clear();
        list.AddRange(updated);
        app["policies"] = new JsonArray([.. updated.Select(p => (JsonNode)p.DeepClone())]);
        return new StepOutcome.Done(JsonSerializer.SerializeToElement(app));
    }

    private static Task<StepOutcome> Store(List<JsonObject> list, JsonObject? old, JsonObject policy)
    {
        if (list.Any(p => p != old && (int?)p["precedence"] == (int?)policy["precedence"]))
        {
            return Task.FromResult<StepOutcome>(new StepOutcome.Failed("Cloudflare API error 12130: access.api.error.invalid_request: policy precedences must be unique"));
        }

        if (old is not null)
        {
            list.Remove(old);
        }

        policy["updated_at"] = "2026-11-25T00:00:00Z";
        list.Add(policy);
        return Task.FromResult<StepOutcome>(new StepOutcome.Done(JsonSerializer.SerializeToElement(policy)));
    }

    private JsonObject Embedded(JsonObject link)
    {
        var policy = reusable[(string)link["id"]!].DeepClone().AsObject();
        policy["precedence"] = link["precedence"]!.DeepClone();
        return policy;
    }

    private LiveApplication Read(LiveApplication app)
    {
        var current = policies[app.Id]
            .Select(p => p["reusable"] is null
                ? LivePolicy.FromJson(JsonSerializer.SerializeToElement(p), isReusable: false)
                : LivePolicy.FromJson(JsonSerializer.SerializeToElement(Embedded(p)), isReusable: true))
            .OrderBy(p => p.Precedence)
            .ToImmutableArray();
        return app with { Policies = current, Raw = JsonSerializer.SerializeToElement(new { id = app.Id, name = app.Name, policies = current.Select(p => p.Raw) }) };
    }
}
