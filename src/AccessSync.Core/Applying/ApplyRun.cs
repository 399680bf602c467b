using System.Collections.Concurrent;
using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// One apply of a plan, in this order: read what the plan touches (a saved plan is refused if any of it changed
/// since), write the reusable policies the applications will attach, write the applications (several at once,
/// each one's own writes in turn), then delete the reusable policies every application has let go.
/// </summary>
internal sealed class ApplyRun
{
    private readonly IAccessProvider provider;
    private readonly ApplyOptions options;
    private readonly ItemOutcomes outcomes;
    private readonly List<AppPlan> apps;
    private readonly List<ReusablePlan> reusable;

    public ApplyRun(Plan plan, IAccessProvider provider, ApplyOptions options)
    {
        this.provider = provider;
        this.options = options;
        outcomes = new ItemOutcomes(options.Progress);
        apps = [.. plan.Applications.Where(a => a.HasChanges)];
        reusable = [.. plan.Reusable.Where(r => r.Change is not null)];
    }

    /// <param name="live">The live state the plan was just computed from; null for a saved plan.</param>
    public async Task<ApplyResult> RunAsync(LiveState? live, CancellationToken cancellationToken)
    {
        // A saved plan that changes reusable policies reads their accounts whole, and with them their applications;
        // any other application is read alone.
        var accounts = live ?? (reusable.Count > 0 ? await provider.ReadAsync([.. reusable.Select(r => r.Account).Distinct()], cancellationToken) : null);
        var current = await ApplicationsAsync(accounts, cancellationToken);
        if (live is null && SavedPlanStaleness.Reasons(apps, current, reusable, accounts) is { IsEmpty: false } reasons)
        {
            return new ApplyResult.Stale(reasons);
        }

        var reusableWrites = new ReusablePolicyWrites(provider.Writer, outcomes, accounts);
        await reusableWrites.WriteAsync(reusable.Where(r => r.Change is not DeletePolicy), cancellationToken);
        await Parallel.ForEachAsync(apps, Parallelism(cancellationToken), async (app, ct) =>
        {
            if (reusableWrites.WhyNotAttempted(app) is { } why)
            {
                outcomes.NotAttempted(PlanItem.Of(app), why);
                return;
            }

            var writes = new ApplicationConvergence(app, provider, reusableWrites, outcomes, options.Replan);
            await writes.WriteAsync(current[app.App]!, ct);
        });
        await reusableWrites.DeleteAsync(reusable.Where(r => r.Change is DeletePolicy), apps, cancellationToken);
        return new ApplyResult.Applied(outcomes.Report(reusable.Select(PlanItem.Of).Concat(apps.SelectMany(PlanItem.Of))));
    }

    /// <summary>Each application the plan changes as it is now: from <paramref name="accounts"/> when read, else read alone.</summary>
    private async Task<IReadOnlyDictionary<AppTarget, LiveApplication?>> ApplicationsAsync(LiveState? accounts, CancellationToken cancellationToken)
    {
        var current = new ConcurrentDictionary<AppTarget, LiveApplication?>();
        await Parallel.ForEachAsync(apps, Parallelism(cancellationToken), async (app, ct) =>
            current[app.App] = accounts?.For(app.App.Scope) is { } scope
                ? scope.Applications.FirstOrDefault(a => a.Id == app.App.Id)
                : await provider.ReadApplicationAsync(app.App.Scope, app.App.Id, ct));
        return current;
    }

    private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.MaxConcurrentApplications, CancellationToken = cancellationToken };
}
