using AccessSync.Core.Live;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// One application's writes (<see cref="ApplicationWrites"/>), carried on once when live changed under them. When a
/// write is refused in a way another writer explains (a precedence taken, a policy gone), the application is read
/// again, planned again against the files (<see cref="ApplyOptions.Replan"/>), and the new plan's writes are made.
/// Its items then end as that second run ends, each saying so: the application fails only when it still does not
/// converge, and it is re-planned once, so two writers cannot keep each other going.
/// </summary>
internal sealed class ApplicationConvergence(AppPlan plan, IAccessProvider provider, WriteGate gate, ReusablePolicyWrites reusable, ItemOutcomes outcomes, Func<LiveApplication, AppPlan?>? replan)
{
    /// <summary>What each item of a re-planned application says.</summary>
    public const string Replanned = "live changed during apply; re-planned";

    public async Task WriteAsync(LiveApplication live, CancellationToken cancellationToken)
    {
        var writes = new ApplicationWrites(plan, reusable.AsLeft(live), gate, outcomes) { HandsBackLiveChanges = replan is not null };
        if (await writes.WriteAsync(reusable.CreatedIn(plan.App.Scope), cancellationToken) is not { } why || replan is null)
        {
            return;
        }

        var pending = PlanItem.Of(plan).Where(i => !outcomes.IsDone(i)).ToList();
        if (gate.IsStopping)
        {
            // A stopping apply reads and writes nothing more: the refused write stands as it ended.
            outcomes.Failed(pending, $"{why}; the apply was stopping, so the application was not planned again");
            return;
        }

        var fresh = await provider.ReadApplicationAsync(plan.App.Scope, plan.App.Id, cancellationToken);
        var again = fresh is null ? null : replan(fresh);
        if (fresh is null || again is null)
        {
            outcomes.Failed(pending, $"{why}; {(fresh is null ? "a read afterwards found the application gone" : "planning it again against the files failed")}");
            return;
        }

        if (reusable.WhyNotAttempted(again) is { } missing)
        {
            // A reusable policy the new plan attaches would be created by the account's writes, which are done by now.
            outcomes.Failed(pending, $"{why}; planned again, it needs a write this apply no longer makes ({missing}): plan and apply again");
            return;
        }

        var added = PlanItem.Of(again).ToList();
        outcomes.Added(added);

        // The new plan's writes are recorded apart, then each item once, as the re-planned application ended.
        var replanned = new ItemOutcomes();
        await new ApplicationWrites(again, reusable.AsLeft(fresh), gate, replanned).WriteAsync(reusable.CreatedIn(plan.App.Scope), cancellationToken);
        var converged = added.All(replanned.IsDone);
        foreach (var item in pending.Union(added))
        {
            outcomes.Ended(Said(item, replanned.Of(item), converged, why));
        }
    }

    /// <summary>
    /// How an item of the re-planned application ended: as its write in the new plan did. An item the new plan no
    /// longer needs is done when the application converged (live already has it), and not attempted otherwise.
    /// </summary>
    private static ItemOutcome Said(PlanItem item, ItemOutcome? written, bool converged, string why) =>
        (written?.Status ?? (converged ? ItemStatus.Done : ItemStatus.NotAttempted)) switch
        {
            ItemStatus.Done => new ItemOutcome(item, ItemStatus.Done, written?.Message is { } note ? $"{Replanned}; {note}" : Replanned),
            ItemStatus.Failed => new ItemOutcome(item, ItemStatus.Failed, $"{written!.Message}; {Replanned} after {why}"),
            ItemStatus.Unknown => new ItemOutcome(item, ItemStatus.Unknown, $"{written!.Message}; {Replanned} after {why}"),
            _ => new ItemOutcome(item, ItemStatus.NotAttempted, $"{Replanned}, and a write of the new plan failed"),
        };
}
