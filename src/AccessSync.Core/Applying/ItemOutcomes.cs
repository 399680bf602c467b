using System.Collections.Concurrent;

namespace AccessSync.Core.Applying;

/// <summary>
/// How each item of the plan ended, recorded as the apply goes (applications are written in parallel) and told
/// to <see cref="ApplyOptions.Progress"/> as each write ends. An item never recorded was not attempted.
/// </summary>
internal sealed class ItemOutcomes(IProgress<ItemOutcome>? progress)
{
    private readonly ConcurrentDictionary<PlanItem, ItemOutcome> outcomes = new();

    /// <summary>The items a write realises: done (with how it was confirmed, when a read did), or failed with the write and why.</summary>
    public void Wrote(IEnumerable<PlanItem> items, ApplyStep step, StepResult result)
    {
        foreach (var item in items)
        {
            var outcome = result.Failure is { } failure
                ? new ItemOutcome(item, ItemStatus.Failed, $"{step.Describe()}: {failure}")
                : new ItemOutcome(item, ItemStatus.Done, result.Note);
            outcomes[item] = outcome;
            progress?.Report(outcome);
        }
    }

    /// <summary>Items that failed before any write was tried.</summary>
    public void Failed(IEnumerable<PlanItem> items, string why) => Set(items, ItemStatus.Failed, why);

    /// <summary>Items left alone because a write they depend on did not happen.</summary>
    public void NotAttempted(IEnumerable<PlanItem> items, string why) => Set(items, ItemStatus.NotAttempted, why);

    public bool IsDone(PlanItem item) => outcomes.GetValueOrDefault(item)?.Status == ItemStatus.Done;

    /// <summary>Every item, in <paramref name="planOrder"/>.</summary>
    public ApplyReport Report(IEnumerable<PlanItem> planOrder) =>
        new([.. planOrder.Select(i => outcomes.GetValueOrDefault(i) ?? new ItemOutcome(i, ItemStatus.NotAttempted, null))]);

    private void Set(IEnumerable<PlanItem> items, ItemStatus status, string why)
    {
        foreach (var item in items)
        {
            outcomes[item] = new ItemOutcome(item, status, why);
        }
    }
}
