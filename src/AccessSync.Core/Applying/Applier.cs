using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
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
        var reusable = plan.Reusable.Where(r => r.Change is not null).ToList();

        // A saved plan that changes reusable policies reads their accounts whole, and with them their applications;
        // any other application is read alone.
        var accounts = live ?? (reusable.Count > 0 ? await provider.ReadAsync([.. reusable.Select(r => r.Account).Distinct()], cancellationToken) : null);
        var current = new ConcurrentDictionary<AppTarget, LiveApplication?>();
        await Parallel.ForEachAsync(apps, Parallelism(options, cancellationToken), async (app, ct) =>
            current[app.App] = accounts?.For(app.App.Scope) is { } scope
                ? scope.Applications.FirstOrDefault(a => a.Id == app.App.Id)
                : await provider.ReadApplicationAsync(app.App.Scope, app.App.Id, ct));
        if (live is null)
        {
            var reasons = apps.SelectMany(app => StaleReasons(app, current[app.App]))
                .Concat(reusable.SelectMany(r => StaleReasons(r, accounts!.For(r.Account))))
                .ToImmutableArray();
            if (!reasons.IsEmpty)
            {
                return new ApplyResult.Stale(reasons);
            }
        }

        // Reusable policies are created and updated before any application attaches them, and deleted only after
        // every application that used them has let them go.
        var reusableRaw = new ConcurrentDictionary<string, JsonElement>(
            (accounts?.Scopes ?? []).SelectMany(s => s.ReusablePolicies).Select(p => KeyValuePair.Create(p.Id, p.Raw)),
            StringComparer.Ordinal);
        var outcomes = new ConcurrentDictionary<PlanItem, ItemOutcome>();
        var written = await WriteReusableAsync(reusable.Where(r => r.Change is not DeletePolicy), provider, reusableRaw, outcomes, options.Progress, cancellationToken);

        await Parallel.ForEachAsync(apps, Parallelism(options, cancellationToken), async (app, ct) =>
        {
            if (written.WhyNotAttempted(app) is { } why)
            {
                foreach (var item in PlanItem.Of(app))
                {
                    outcomes[item] = new ItemOutcome(item, ItemStatus.NotAttempted, why);
                }

                return;
            }

            var created = written.Created.Where(c => c.Key.Account == app.App.Scope).ToDictionary(c => c.Key.Name, c => c.Value, StringComparer.Ordinal);
            // A policy converted above is one of the application's reusable policies now.
            var now = current[app.App]!;
            now = now with { Policies = [.. now.Policies.Select(p => written.Converted.Contains(p.Id) ? p with { IsReusable = true } : p)] };
            foreach (var outcome in await ApplyApplicationAsync(app, now, provider, created, options.Progress, ct))
            {
                outcomes[outcome.Item] = outcome;
            }
        });

        await DeleteReusableAsync(reusable.Where(r => r.Change is DeletePolicy), apps, provider, reusableRaw, outcomes, options.Progress, cancellationToken);
        var ordered = reusable.Select(PlanItem.Of).Concat(apps.SelectMany(PlanItem.Of));
        return new ApplyResult.Applied(new ApplyReport([.. ordered.Select(i => outcomes.GetValueOrDefault(i) ?? new ItemOutcome(i, ItemStatus.NotAttempted, null))]));
    }

    /// <summary>
    /// Creates, converts and updates reusable policies, deny ones first; returns the ids of those it created, by
    /// account and name, and of those it converted, for the applications that attach them.
    /// </summary>
    private static async Task<ReusableWritten> WriteReusableAsync(
        IEnumerable<ReusablePlan> changes,
        IAccessProvider provider,
        ConcurrentDictionary<string, JsonElement> raw,
        ConcurrentDictionary<PlanItem, ItemOutcome> outcomes,
        IProgress<ItemOutcome>? progress,
        CancellationToken cancellationToken)
    {
        var written = new ReusableWritten();
        foreach (var change in changes.OrderBy(r => Narrowing(r.Change!)))
        {
            var item = PlanItem.Of(change);
            if (change is { ConvertedFrom: { } owner, Change: UpdatePolicy conversion })
            {
                var make = new MakeReusableStep(item.App, conversion.Fields.IsEmpty ? [item] : [], owner, conversion.PolicyId, conversion.LiveName);
                var (refused, _) = await WriteAsync(make, null, provider, raw, cancellationToken);
                (refused is null ? written.Converted : written.Refused).Add(conversion.PolicyId);
                if (refused is not null || conversion.Fields.IsEmpty)
                {
                    RecordWrite(outcomes, progress, item, make, refused);
                    continue;
                }
            }

            var (step, body) = change.Change switch
            {
                CreatePolicy c => ((ApplyStep)new CreateReusableStep(item.App, [item], c.Desired), PolicyBody.ForCreateReusable(c.Desired)),
                UpdatePolicy u => (new UpdateReusableStep(item.App, [item], u.PolicyId, u.Desired), PolicyBody.ForUpdateReusable(raw[u.PolicyId], u.Desired)),
                _ => throw new InvalidOperationException("unreachable"),
            };
            var (failure, id) = await WriteAsync(step, body, provider, raw, cancellationToken);
            if (failure is null && step is CreateReusableStep && id is not null)
            {
                written.Created[(change.Account, change.Name)] = id;
            }

            RecordWrite(outcomes, progress, item, step, failure);
        }

        return written;
    }

    /// <summary>What the reusable policies' writes left for the applications: the ids created, and the conversions done or refused.</summary>
    private sealed class ReusableWritten
    {
        /// <summary>Ids of the reusable policies created, by account and name.</summary>
        public Dictionary<(Scope Account, string Name), string> Created { get; } = [];

        /// <summary>Ids of the policies made reusable.</summary>
        public HashSet<string> Converted { get; } = new(StringComparer.Ordinal);

        /// <summary>Ids of the policies the API refused to make reusable: they stay their owner's own.</summary>
        public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

        /// <summary>Why an application cannot be written: it attaches a reusable policy that was not created, or not made reusable.</summary>
        public string? WhyNotAttempted(AppPlan app) => app.Changes.OfType<AttachPolicy>()
            .Select(a => a.PolicyId switch
            {
                null when !Created.ContainsKey((app.App.Scope, a.Name)) => $"reusable policy \"{a.Name}\" was not created",
                { } id when Refused.Contains(id) => $"reusable policy \"{a.Name}\" was not made reusable",
                _ => null,
            })
            .FirstOrDefault(why => why is not null);
    }

    /// <summary>Deletes reusable policies that every application detaching them has let go; the others are not attempted.</summary>
    private static async Task DeleteReusableAsync(
        IEnumerable<ReusablePlan> deletes,
        List<AppPlan> apps,
        IAccessProvider provider,
        ConcurrentDictionary<string, JsonElement> raw,
        ConcurrentDictionary<PlanItem, ItemOutcome> outcomes,
        IProgress<ItemOutcome>? progress,
        CancellationToken cancellationToken)
    {
        foreach (var change in deletes)
        {
            var delete = (DeletePolicy)change.Change!;
            var item = PlanItem.Of(change);
            var holding = apps
                .SelectMany(PlanItem.Of)
                .Where(i => i.Kind == ChangeKind.Detach && i.PolicyId == delete.PolicyId && outcomes.GetValueOrDefault(i)?.Status != ItemStatus.Done)
                .ToList();
            if (holding.Count > 0)
            {
                outcomes[item] = new ItemOutcome(item, ItemStatus.NotAttempted, $"still attached to {string.Join(", ", holding.Select(h => h.App.Name).Distinct())}");
                continue;
            }

            var step = new DeleteReusableStep(item.App, [item], delete.PolicyId, delete.Name);
            var (failure, _) = await WriteAsync(step, null, provider, raw, cancellationToken);
            RecordWrite(outcomes, progress, item, step, failure);
        }
    }

    /// <summary>Deny policies first: a change that blocks more goes before one that lets more in.</summary>
    private static int Narrowing(PolicyChange change) => change is CreatePolicy { Desired.Decision: Decision.Deny } or UpdatePolicy { Desired.Decision: Decision.Deny } ? 0 : 1;

    /// <summary>The outcome of the write that realises <paramref name="item"/>: done, or failed with why.</summary>
    private static void RecordWrite(ConcurrentDictionary<PlanItem, ItemOutcome> outcomes, IProgress<ItemOutcome>? progress, PlanItem item, ApplyStep step, string? failure)
    {
        var outcome = failure is null ? new ItemOutcome(item, ItemStatus.Done, null) : new ItemOutcome(item, ItemStatus.Failed, $"{step.Describe()}: {failure}");
        outcomes[item] = outcome;
        progress?.Report(outcome);
    }

    private static ParallelOptions Parallelism(ApplyOptions options, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.MaxConcurrentApplications, CancellationToken = cancellationToken };

    /// <param name="createdReusable">Reusable policies of the application's account created by this apply: name to id.</param>
    private static async Task<ImmutableArray<ItemOutcome>> ApplyApplicationAsync(
        AppPlan plan,
        LiveApplication live,
        IAccessProvider provider,
        IReadOnlyDictionary<string, string> createdReusable,
        IProgress<ItemOutcome>? progress,
        CancellationToken cancellationToken)
    {
        var items = PlanItem.Of(plan).ToList();
        var status = items.ToDictionary(i => i, _ => (Status: ItemStatus.NotAttempted, Message: (string?)null));
        var raw = live.Policies.ToDictionary(p => p.Id, p => p.Raw, StringComparer.Ordinal);
        var createdOwn = new Dictionary<string, string>(StringComparer.Ordinal);
        ImmutableArray<ApplyStep> steps;
        try
        {
            steps = ApplySequencer.Order(plan, live);
        }
        catch (InvalidOperationException e)
        {
            return [.. items.Select(i => new ItemOutcome(i, ItemStatus.Failed, e.Message))];
        }

        for (var index = 0; index < steps.Length; index++)
        {
            var step = steps[index];
            var links = step is SetAppPoliciesStep set ? set.Links.Select(l => l with { PolicyId = IdOf(l, createdOwn, createdReusable) }).ToList() : null;
            var body = step switch
            {
                CreateStep create => PolicyBody.ForCreate(create.Desired, create.Precedence),
                UpdateStep update => PolicyBody.ForUpdate(raw[update.PolicyId], update.Desired, update.Precedence),
                SetAppPoliciesStep => AppBody.WithPolicies(live.Raw, links!.Select(l => (l.PolicyId!, l.Precedence))),
                _ => (JsonElement?)null,
            };
            var (failure, id) = await WriteAsync(step, body, provider, raw, cancellationToken, links);
            if (failure is null && step is CreateStep created && id is not null)
            {
                createdOwn[created.Desired.Name] = id;
            }

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

    private static string IdOf(PolicyLink link, Dictionary<string, string> createdOwn, IReadOnlyDictionary<string, string> createdReusable) =>
        link.PolicyId
        ?? (link.IsReusable ? createdReusable : createdOwn).GetValueOrDefault(link.Name)
        ?? throw new InvalidOperationException($"policy \"{link.Name}\" should have been created before the application's policies list is written");

    /// <summary>Performs one write and checks what the API answered; returns why it failed (or null) and the id of what it wrote.</summary>
    /// <param name="links">For a policies-list write, the list it sends, every id known.</param>
    private static async Task<(string? Failure, string? Id)> WriteAsync(
        ApplyStep step,
        JsonElement? body,
        IAccessProvider provider,
        IDictionary<string, JsonElement> raw,
        CancellationToken cancellationToken,
        IReadOnlyCollection<PolicyLink>? links = null)
    {
        var outcome = await provider.WriteAsync(step, body, cancellationToken);
        switch (outcome)
        {
            case StepOutcome.Failed failed:
                return (failed.Message, null);
            case StepOutcome.Done { Written: { } written } when step is SetAppPoliciesStep:
                var wrong = ReadBack.LinkMismatches(links!, written);
                return (wrong.IsEmpty ? null : $"the API did not apply the policies list as sent: {string.Join("; ", wrong)}", null);
            case StepOutcome.Done { Written: { } written } when step is UpdateStep or CreateStep or CreateReusableStep or UpdateReusableStep:
                var (desired, precedence, id) = step switch
                {
                    CreateStep c => (c.Desired, c.Precedence, IdIn(written)),
                    UpdateStep u => (u.Desired, u.Precedence, u.PolicyId),
                    CreateReusableStep c => (c.Desired, (int?)null, IdIn(written)),
                    UpdateReusableStep u => (u.Desired, (int?)null, u.PolicyId),
                    _ => throw new InvalidOperationException("unreachable"),
                };
                if (id is not null)
                {
                    raw[id] = written;
                }

                var mismatches = ReadBack.Mismatches(desired, precedence, written);
                return (mismatches.IsEmpty ? null : ReadBack.Describe(mismatches), id);
            case StepOutcome.Done { Written: { } written } when step is MakeReusableStep make:
                raw[make.PolicyId] = written;
                return (null, make.PolicyId);
            case StepOutcome.Done when step is DeleteStep or DeleteReusableStep:
                raw.Remove(step is DeleteStep d ? d.PolicyId : ((DeleteReusableStep)step).PolicyId);
                return (null, null);
            default:
                return ("the API answered without the object it wrote, so the write could not be checked", null);
        }
    }

    private static string? IdIn(JsonElement written) => written.TryGetProperty("id", out var id) ? id.GetString() : null;

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

        foreach (var detach in plan.Changes.OfType<DetachPolicy>().Where(d => !policies.ContainsKey(d.PolicyId)))
        {
            yield return $"reusable policy \"{detach.Name}\" ({detach.PolicyId}) was taken off {plan.App.Name} since the plan was made";
        }

        foreach (var attach in plan.Changes.OfType<AttachPolicy>().Where(a => a.PolicyId is not null && policies.ContainsKey(a.PolicyId)))
        {
            yield return $"reusable policy \"{attach.Name}\" ({attach.PolicyId}) was attached to {plan.App.Name} since the plan was made";
        }

        foreach (var create in plan.Changes.OfType<CreatePolicy>())
        {
            if (live.OwnPolicies.Any(p => string.Equals(p.Name, create.Desired.Name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"a policy named \"{create.Desired.Name}\" was added to {plan.App.Name} since the plan was made";
            }
        }
    }

    /// <summary>Every reusable policy a saved plan touches must be as it was, and a name it creates still free.</summary>
    private static IEnumerable<string> StaleReasons(ReusablePlan plan, LiveScope? account)
    {
        var live = plan.ConvertedFrom is { } owner
            ? account?.Applications.FirstOrDefault(a => a.Id == owner.Id)?.OwnPolicies.ToImmutableArray() ?? []
            : account?.ReusablePolicies ?? [];
        var (id, fingerprint) = plan.Change switch
        {
            UpdatePolicy u => (u.PolicyId, u.Fingerprint),
            DeletePolicy d => (d.PolicyId, d.Fingerprint),
            _ => ((string?)null, (Fingerprint?)null),
        };
        if (id is null)
        {
            if (live.Any(p => string.Equals(p.Name, plan.Name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"a reusable policy named \"{plan.Name}\" was added to {plan.Account} since the plan was made";
            }
        }
        else if (live.FirstOrDefault(p => p.Id == id) is not { } policy)
        {
            yield return $"reusable policy \"{plan.Name}\" ({id}) was deleted since the plan was made";
        }
        else if (Fingerprint.Of(policy.Raw) is var now && now != fingerprint)
        {
            yield return $"reusable policy \"{plan.Name}\" ({id}) changed since the plan was made (updated_at {fingerprint!.UpdatedAt ?? "-"} → {now.UpdatedAt ?? "-"})";
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
