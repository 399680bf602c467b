using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Tests.Support;

/// <summary>
/// A tiny in-memory Access API: it refuses a write that makes two policies of an application share a
/// precedence (as Cloudflare does, error 12130), refuses to delete a reusable policy still attached, can ignore
/// fields or fail chosen writes, and counts writes. An application's attached reusable policies are links
/// (<c>{id, precedence, reusable: true}</c>) to the account's reusable policies.
/// </summary>
internal sealed class FakeAccessProvider(LiveState initial) : IAccessProvider, IAccessWriter
{
    private readonly Dictionary<string, List<JsonObject>> policies = initial.Scopes
        .SelectMany(s => s.Applications)
        .ToDictionary(a => a.Id, a => a.Policies.Select(p => p.IsReusable ? Link(p.Id, p.Precedence) : JsonNode.Parse(p.Raw.GetRawText())!.AsObject()).ToList());

    private readonly Dictionary<string, JsonObject> reusable = initial.Scopes
        .SelectMany(s => s.ReusablePolicies)
        .ToDictionary(p => p.Id, p => JsonNode.Parse(p.Raw.GetRawText())!.AsObject());

    private int nextId;
    private int unanswered;

    public HashSet<string> IgnoredFields { get; } = [];

    /// <summary>Writes to policies with these names fail with an API error.</summary>
    public HashSet<string> FailingPolicies { get; } = [];

    public List<string> Writes { get; } = [];

    /// <summary>A write this picks (by its description) gets no answer: it waits until the apply abandons it, and is not made.</summary>
    public Func<string, bool>? Hangs { get; set; }

    /// <summary>How many writes <see cref="Hangs"/> has held so far.</summary>
    public int Unanswered => Volatile.Read(ref unanswered);

    /// <summary>Each body as the writer was handed it, by the write it came with.</summary>
    public List<(string Write, JsonObject Body)> Bodies { get; } = [];

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

    public IAccessWriter Writer => this;

    public Task<WriteAnswer> CreatePolicyAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken) =>
        Write(cancellationToken, $"create \"{(string?)body["name"]}\" at precedence {body["precedence"]}", (string?)body["name"], () =>
        {
            var sent = Received(body);
            sent["id"] = $"00000000-0000-4000-8000-{++nextId:D12}";
            return Store(policies[app.Id], null, sent);
        }, body);

    public Task<WriteAnswer> UpdatePolicyAsync(AppTarget app, string policyId, JsonObject body, CancellationToken cancellationToken) =>
        Write(cancellationToken, $"update \"{(string?)body["name"]}\" at precedence {body["precedence"]}", (string?)body["name"], () =>
        {
            var list = policies[app.Id];
            var old = list.Single(p => (string?)p["id"] == policyId);
            var sent = Received(body);
            sent["id"] = policyId;
            KeepIgnored(old, sent);
            return Store(list, old, sent);
        }, body);

    public Task<WriteAnswer> DeletePolicyAsync(AppTarget app, string policyId, CancellationToken cancellationToken)
    {
        var name = (string?)policies[app.Id].FirstOrDefault(p => (string?)p["id"] == policyId)?["name"];
        return Write(cancellationToken, $"delete \"{name}\"", name, () =>
        {
            policies[app.Id].RemoveAll(p => (string?)p["id"] == policyId);
            return WriteAnswer.Done(null);
        });
    }

    public Task<WriteAnswer> CreateReusablePolicyAsync(Scope account, JsonObject body, CancellationToken cancellationToken) =>
        Write(cancellationToken, $"create reusable policy \"{(string?)body["name"]}\"", (string?)body["name"], () =>
        {
            var sent = Received(body);
            sent["id"] = $"00000000-0000-4000-9000-{++nextId:D12}";
            reusable[(string)sent["id"]!] = sent;
            return WriteAnswer.Done(JsonSerializer.SerializeToElement(sent));
        }, body);

    public Task<WriteAnswer> UpdateReusablePolicyAsync(Scope account, string policyId, JsonObject body, CancellationToken cancellationToken) =>
        Write(cancellationToken, $"update reusable policy \"{(string?)body["name"]}\"", (string?)body["name"], () =>
        {
            var sent = Received(body);
            sent["id"] = policyId;
            KeepIgnored(reusable[policyId], sent);
            reusable[policyId] = sent;
            return WriteAnswer.Done(JsonSerializer.SerializeToElement(sent));
        }, body);

    public Task<WriteAnswer> DeleteReusablePolicyAsync(Scope account, string policyId, CancellationToken cancellationToken)
    {
        var name = (string?)reusable.GetValueOrDefault(policyId)?["name"];
        return Write(cancellationToken, $"delete reusable policy \"{name}\"", name, () =>
        {
            if (policies.Values.Any(list => list.Any(p => (string?)p["id"] == policyId)))
            {
                return WriteAnswer.Failed($"Cloudflare API error 12130: policy {policyId} is still used by an application");
            }

            reusable.Remove(policyId);
            return WriteAnswer.Done(null);
        });
    }

    public Task<WriteAnswer> MakePolicyReusableAsync(AppTarget owner, string policyId, CancellationToken cancellationToken)
    {
        var list = policies[owner.Id];
        var own = list.Single(p => (string?)p["id"] == policyId);
        return Write(cancellationToken, $"make \"{(string?)own["name"]}\" of {owner.Name} a reusable policy", (string?)own["name"], () =>
        {
            var policy = own.DeepClone().AsObject();
            policy.Remove("precedence");
            reusable[policyId] = policy;
            list[list.IndexOf(own)] = Link(policyId, (int?)own["precedence"]);
            return WriteAnswer.Done(JsonSerializer.SerializeToElement(policy));
        });
    }

    public Task<WriteAnswer> UpdateApplicationAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken) =>
        Write(cancellationToken, $"set the policies of {app.Name}", (string?)body["name"], () => SetPolicies(policies[app.Id], Received(body)), body);

    /// <summary>
    /// Applications are written in parallel; like the API, this takes one write at a time. A write to a policy (or
    /// application) named in <see cref="FailingPolicies"/> fails with an API error.
    /// </summary>
    private Task<WriteAnswer> Write(CancellationToken cancellationToken, string description, string? name, Func<WriteAnswer> write, JsonObject? body = null)
    {
        if (Hangs?.Invoke(description) == true)
        {
            // Sent, and no answer comes: the write waits until it is abandoned, and is never made.
            Interlocked.Increment(ref unanswered);
            return Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<WriteAnswer>(_ => throw new OperationCanceledException(cancellationToken), TaskScheduler.Default);
        }

        lock (States)
        {
            Writes.Add(description);
            if (body is not null)
            {
                Bodies.Add((description, body));
            }

            var answer = name is not null && FailingPolicies.Contains(name)
                ? WriteAnswer.Failed("Cloudflare API error 10001 on PUT …: injected failure")
                : write();
            if (answer.Failure is null)
            {
                States.Add((description, policies.ToDictionary(a => a.Key, a => a.Value.Select(p => (string)p["id"]!).ToHashSet())));
            }

            return Task.FromResult(answer);
        }
    }

    /// <summary>The body as the API receives it: a copy, so storing it leaves the sender's object alone.</summary>
    private static JsonObject Received(JsonObject body) => body.DeepClone().AsObject();

    /// <summary>The fields this API ignores keep their old values.</summary>
    private void KeepIgnored(JsonObject old, JsonObject sent)
    {
        foreach (var field in IgnoredFields)
        {
            sent[field] = old[field]?.DeepClone();
        }
    }

    private static JsonObject Link(string id, int? precedence) => new() { ["id"] = id, ["precedence"] = precedence, ["reusable"] = true };

    /// <summary>An application PUT with a policies list: own policies left out are deleted, reusable ones linked.</summary>
    private WriteAnswer SetPolicies(List<JsonObject> list, JsonObject app)
    {
        var links = app["policies"]!.AsArray().Select(l => (Id: (string)l!["id"]!, Precedence: (int)l["precedence"]!)).ToList();
        if (links.GroupBy(l => l.Precedence).Any(g => g.Count() > 1))
        {
            return WriteAnswer.Failed("Cloudflare API error 12130: access.api.error.invalid_request: policy precedences must be unique", [12130]);
        }

        if (IgnoredFields.Contains("policies"))
        {
            app["policies"] = new JsonArray([.. list.Select(p => (JsonNode)p.DeepClone())]);
            return WriteAnswer.Done(JsonSerializer.SerializeToElement(app));
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
                return WriteAnswer.Failed($"Cloudflare API error 12130: no policy with id {id}", [12130]);
            }
        }

        list.Clear();
        list.AddRange(updated);
        app["policies"] = new JsonArray([.. updated.Select(p => (JsonNode)p.DeepClone())]);
        return WriteAnswer.Done(JsonSerializer.SerializeToElement(app));
    }

    private static WriteAnswer Store(List<JsonObject> list, JsonObject? old, JsonObject policy)
    {
        if (list.Any(p => p != old && (int?)p["precedence"] == (int?)policy["precedence"]))
        {
            return WriteAnswer.Failed("Cloudflare API error 12130: access.api.error.invalid_request: policy precedences must be unique", [12130]);
        }

        if (old is not null)
        {
            list.Remove(old);
        }

        policy["updated_at"] = "2026-11-25T00:00:00Z";
        list.Add(policy);
        return WriteAnswer.Done(JsonSerializer.SerializeToElement(policy));
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
