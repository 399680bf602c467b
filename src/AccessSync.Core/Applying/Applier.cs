using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// Carries out a plan through an <see cref="IAccessProvider"/>: per application, the steps of
/// <see cref="ApplySequencer"/> one at a time, each write read back and compared. A failure stops that
/// application (its remaining items are not attempted, since later writes assumed the failed one) and the
/// others go on; every item ends done, failed or not attempted.
/// </summary>
public static class Applier
{
    /// <param name="live">
    /// The live state the plan was just computed from; null for a saved plan, whose applications are read again
    /// and whose every touched object must still have the fingerprint the plan recorded.
    /// </param>
    public static async Task<ApplyResult> ApplyAsync(Plan plan, IAccessProvider provider, LiveState? live, ApplyOptions options, CancellationToken cancellationToken)
    {
        var apps = plan.Applications.Where(a => a.HasChanges).ToList();
        var current = new ConcurrentDictionary<AppTarget, LiveApplication?>();
        if (live is null)
        {
            await Parallel.ForEachAsync(apps, Parallelism(options, cancellationToken), async (app, ct) =>
                current[app.App] = await provider.ReadApplicationAsync(app.App.Scope, app.App.Id, ct));
            var reasons = apps.SelectMany(app => StaleReasons(app, current[app.App])).ToImmutableArray();
            if (!reasons.IsEmpty)
            {
                return new ApplyResult.Stale(reasons);
            }
        }
        else
        {
            foreach (var app in apps)
            {
                current[app.App] = live.For(app.App.Scope)?.Applications.FirstOrDefault(a => a.Id == app.App.Id);
            }
        }

        var outcomes = new ConcurrentDictionary<AppTarget, ImmutableArray<ItemOutcome>>();
        await Parallel.ForEachAsync(apps, Parallelism(options, cancellationToken), async (app, ct) =>
            outcomes[app.App] = await ApplyApplicationAsync(app, current[app.App]!, provider, options.Progress, ct));
        return new ApplyResult.Applied(new ApplyReport([.. apps.SelectMany(a => outcomes[a.App])]));
    }

    private static ParallelOptions Parallelism(ApplyOptions options, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.MaxConcurrentApplications, CancellationToken = cancellationToken };

    private static async Task<ImmutableArray<ItemOutcome>> ApplyApplicationAsync(AppPlan plan, LiveApplication live, IAccessProvider provider, IProgress<ItemOutcome>? progress, CancellationToken cancellationToken)
    {
        var items = PlanItem.Of(plan).ToList();
        var status = items.ToDictionary(i => i, _ => (Status: ItemStatus.NotAttempted, Message: (string?)null));
        var raw = live.Policies.ToDictionary(p => p.Id, p => p.Raw, StringComparer.Ordinal);
        ImmutableArray<ApplyStep> steps;
        try
        {
            steps = ApplySequencer.Order(plan, live.Policies.Where(p => p.Precedence is not null).ToDictionary(p => p.Id, p => p.Precedence!.Value, StringComparer.Ordinal));
        }
        catch (InvalidOperationException e)
        {
            return [.. items.Select(i => new ItemOutcome(i, ItemStatus.Failed, e.Message))];
        }

        for (var index = 0; index < steps.Length; index++)
        {
            var step = steps[index];
            var body = step switch
            {
                CreateStep create => PolicyBody.ForCreate(create.Desired),
                UpdateStep update => PolicyBody.ForUpdate(raw[update.PolicyId], update.Desired, update.Precedence),
                _ => (JsonElement?)null,
            };
            var failure = await WriteAsync(step, body, provider, raw, cancellationToken);
            if (failure is not null)
            {
                // A write that only made room realises no item; the item it was making room for fails with it.
                var blamed = step.Items.IsEmpty ? steps.Skip(index + 1).FirstOrDefault(s => !s.Items.IsEmpty)?.Items ?? [] : step.Items;
                foreach (var item in blamed)
                {
                    status[item] = (ItemStatus.Failed, $"{step.Describe()}: {failure}");
                    progress?.Report(new ItemOutcome(item, ItemStatus.Failed, status[item].Message));
                }

                break;
            }

            foreach (var item in step.Items)
            {
                status[item] = (ItemStatus.Done, null);
                progress?.Report(new ItemOutcome(item, ItemStatus.Done, null));
            }
        }

        return [.. items.Select(i => new ItemOutcome(i, status[i].Status, status[i].Message))];
    }

    /// <summary>Performs one write and checks what the API answered; returns why it failed, or null.</summary>
    private static async Task<string?> WriteAsync(ApplyStep step, JsonElement? body, IAccessProvider provider, Dictionary<string, JsonElement> raw, CancellationToken cancellationToken)
    {
        var outcome = await provider.WriteAsync(step, body, cancellationToken);
        switch (outcome)
        {
            case StepOutcome.Failed failed:
                return failed.Message;
            case StepOutcome.Done { Written: { } written } when step is UpdateStep or CreateStep:
                var (desired, precedence, id) = step switch
                {
                    CreateStep c => (c.Desired, c.Desired.Precedence, written.TryGetProperty("id", out var newId) ? newId.GetString() : null),
                    UpdateStep u => (u.Desired, u.Precedence, u.PolicyId),
                    _ => throw new InvalidOperationException("unreachable"),
                };
                if (id is not null)
                {
                    raw[id] = written;
                }

                var mismatches = ReadBack.Mismatches(desired, precedence, written);
                return mismatches.IsEmpty ? null : ReadBack.Describe(mismatches);
            case StepOutcome.Done when step is DeleteStep delete:
                raw.Remove(delete.PolicyId);
                return null;
            default:
                return "the API answered without the policy it wrote, so the write could not be checked";
        }
    }

    /// <summary>Every object a saved plan touches must be as it was when the plan was made.</summary>
    private static IEnumerable<string> StaleReasons(AppPlan plan, LiveApplication? live)
    {
        if (live is null)
        {
            yield return $"application {plan.App.Name} ({plan.App.Id}) no longer exists";
            yield break;
        }

        var policies = live.Policies.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var touched = plan.Changes.SelectMany(c => c switch
        {
            UpdatePolicy u => [(u.PolicyId, u.LiveName, u.Fingerprint)],
            DeletePolicy d => [(d.PolicyId, d.Name, d.Fingerprint)],
            ReorderPolicies r => r.Moves.Select(m => (m.PolicyId, m.PolicyName, m.Fingerprint)),
            _ => [],
        }).DistinctBy(t => t.Item1);
        foreach (var (id, name, fingerprint) in touched)
        {
            if (!policies.TryGetValue(id, out var policy))
            {
                yield return $"policy \"{name}\" ({id}) of {plan.App.Name} was deleted since the plan was made";
            }
            else if (Fingerprint.Of(policy.Raw) is var now && now != fingerprint)
            {
                yield return $"policy \"{name}\" ({id}) of {plan.App.Name} changed since the plan was made (updated_at {fingerprint.UpdatedAt ?? "-"} → {now.UpdatedAt ?? "-"})";
            }
        }

        foreach (var create in plan.Changes.OfType<CreatePolicy>())
        {
            if (live.OwnPolicies.Any(p => string.Equals(p.Name, create.Desired.Name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"a policy named \"{create.Desired.Name}\" was added to {plan.App.Name} since the plan was made";
            }
        }
    }
}

/// <summary>How an apply runs.</summary>
/// <param name="MaxConcurrentApplications">Applications written at once; each application's own writes are one at a time.</param>
/// <param name="Progress">Told of each item as it ends done or failed, for a progress line.</param>
public sealed record ApplyOptions(int MaxConcurrentApplications = 4, IProgress<ItemOutcome>? Progress = null)
{
    public static ApplyOptions Default { get; } = new();
}
