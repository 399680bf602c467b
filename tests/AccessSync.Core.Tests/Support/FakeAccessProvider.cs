using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Tests.Support;

/// <summary>
/// A tiny in-memory Access API: it refuses a write that makes two policies of an application share a
/// precedence (as Cloudflare does, error 12130), can ignore fields or fail chosen writes, and counts writes.
/// </summary>
internal sealed class FakeAccessProvider(LiveState initial) : IAccessProvider
{
    private readonly Dictionary<string, List<JsonObject>> policies = initial.Scopes
        .SelectMany(s => s.Applications)
        .ToDictionary(a => a.Id, a => a.Policies.Select(p => JsonNode.Parse(p.Raw.GetRawText())!.AsObject()).ToList());

    private int nextId;

    public HashSet<string> IgnoredFields { get; } = [];

    /// <summary>Writes to policies with these names fail with an API error.</summary>
    public HashSet<string> FailingPolicies { get; } = [];

    public List<string> Writes { get; } = [];

    public LiveState Current => new([.. initial.Scopes.Select(s => s with { Applications = [.. s.Applications.Select(Read)] })]);

    public Task<LiveState> ReadAsync(IReadOnlyCollection<Scope> scopes, CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<LiveApplication?> ReadApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken) =>
        Task.FromResult(Current.For(scope)?.Applications.FirstOrDefault(a => a.Id == appId));

    public Task<StepOutcome> WriteAsync(ApplyStep step, JsonElement? body, CancellationToken cancellationToken)
    {
        Writes.Add(step.Describe());
        var list = policies[step.App.Id];
        var sent = body is { } b ? JsonNode.Parse(b.GetRawText())!.AsObject() : null;
        var name = (string?)sent?["name"] ?? (step as DeleteStep)?.Name;
        if (name is not null && FailingPolicies.Contains(name))
        {
            return Task.FromResult<StepOutcome>(new StepOutcome.Failed("Cloudflare API error 10001 on PUT …: injected failure"));
        }

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
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
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

    private LiveApplication Read(LiveApplication app)
    {
        var current = policies[app.Id]
            .Select(p => LivePolicy.FromJson(JsonSerializer.SerializeToElement(p), isReusable: false))
            .OrderBy(p => p.Precedence)
            .ToImmutableArray();
        return app with { Policies = current, Raw = JsonSerializer.SerializeToElement(new { id = app.Id, name = app.Name, policies = current.Select(p => p.Raw) }) };
    }
}
