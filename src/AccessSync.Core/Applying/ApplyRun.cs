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
    private readonly List<AppPlan> apps;
    private readonly List<ReusablePlan> reusable;

    public ApplyRun(Plan plan, IAccessProvider provider, ApplyOptions options)
    {
        this.provider = provider;
        this.options = options;
        apps = [.. plan.Applications.Where(a => a.HasChanges)];
        reusable = [.. plan.Reusable.Where(r => r.Change is not null)];
    }

    /// <param name="live">The live state the plan was just computed from; null for a saved plan.</param>
    /// <param name="cancellationToken">Abandons the writes in flight (their outcome is unknown); <see cref="ApplyOptions.StopStarting"/> stops only new ones.</param>
    public async Task<ApplyResult> RunAsync(LiveState? live, CancellationToken cancellationToken)
    {
        // Reads change nothing: a stopping apply abandons them at once.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, options.StopStarting);
        LiveState? accounts;
        IReadOnlyDictionary<AppTarget, LiveApplication?> current;
        try
        {
            // A saved plan that changes reusable policies reads their accounts whole, and with them their applications;
            // any other application is read alone.
            accounts = live ?? (reusable.Count > 0 ? await provider.ReadAsync([.. reusable.Select(r => r.Account).Distinct()], reading.Token) : null);
            current = await ApplicationsAsync(accounts, reading.Token);
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            return new ApplyResult.Applied(Report(new ItemOutcomes(), stopped: true));
        }

        if (live is null && SavedPlanStaleness.Reasons(apps, current, reusable, accounts) is { IsEmpty: false } reasons)
        {
            return new ApplyResult.Stale(reasons);
        }

        var outcomes = new ItemOutcomes();
        var gate = new WriteGate(provider.Writer, options, cancellationToken);
        var reusableWrites = new ReusablePolicyWrites(gate, outcomes, accounts);
        await reusableWrites.WriteAsync(reusable.Where(r => r.Change is not DeletePolicy), cancellationToken);

        // Not cancelled by a stop: each application's writes see it between two writes, and end as the gate left them.
        await Parallel.ForEachAsync(apps, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentApplications }, async (app, _) =>
        {
            if (gate.IsStopping)
            {
                return;
            }

            if (reusableWrites.WhyNotAttempted(app) is { } why)
            {
                outcomes.NotAttempted(PlanItem.Of(app), why);
                return;
            }

            var writes = new ApplicationConvergence(app, provider, gate, reusableWrites, outcomes, options.Replan);
            await writes.WriteAsync(current[app.App]!, cancellationToken);
        });
        await reusableWrites.DeleteAsync(reusable.Where(r => r.Change is DeletePolicy), apps, cancellationToken);
        return new ApplyResult.Applied(Report(outcomes, gate.IsStopping));
    }

    /// <summary>Every item in plan order, reusable policies first; when stopped, each one not reached says so.</summary>
    private ApplyReport Report(ItemOutcomes outcomes, bool stopped) =>
        outcomes.Report(reusable.Select(PlanItem.Of).Concat(apps.SelectMany(PlanItem.Of)), stopped ? WriteGate.StoppedBeforeWrite : null) with { Stopped = stopped };

    /// <summary>Each application the plan changes as it is now: from <paramref name="accounts"/> when read, else read alone.</summary>
    private async Task<IReadOnlyDictionary<AppTarget, LiveApplication?>> ApplicationsAsync(LiveState? accounts, CancellationToken cancellationToken)
    {
        var current = new ConcurrentDictionary<AppTarget, LiveApplication?>();
        await Parallel.ForEachAsync(apps, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentApplications, CancellationToken = cancellationToken }, async (app, ct) =>
            current[app.App] = accounts?.For(app.App.Scope) is { } scope
                ? scope.Applications.FirstOrDefault(a => a.Id == app.App.Id)
                : await provider.ReadApplicationAsync(app.App.Scope, app.App.Id, ct));
        return current;
    }
}
