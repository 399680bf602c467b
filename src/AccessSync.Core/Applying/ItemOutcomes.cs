using System.Collections.Concurrent;

namespace AccessSync.Core.Applying;

/// <summary>
/// How each item of the plan ended, recorded as the apply goes (applications are written in parallel). An item
/// never recorded was not attempted.
/// </summary>
internal sealed class ItemOutcomes
{
    private readonly ConcurrentDictionary<PlanItem, ItemOutcome> outcomes = new();

    /// <summary>
    /// The items a write realises: done (with how it was confirmed, when a read did), failed with the write and
    /// why, or unknown when the write was abandoned in flight.
    /// </summary>
    public void Wrote(IEnumerable<PlanItem> items, ApplyStep step, StepResult result)
    {
        foreach (var item in items)
        {
            outcomes[item] = result.Outcome switch
            {
                WriteOutcome.Done => new ItemOutcome(item, ItemStatus.Done, result.Note),
                WriteOutcome.Failed => new ItemOutcome(item, ItemStatus.Failed, $"{step.Describe()}: {result.Failure}"),
                _ => new ItemOutcome(item, ItemStatus.Unknown, $"{step.Describe()}: {result.Failure}"),
            };
        }
    }

    /// <summary>Items that failed before any write was tried.</summary>
    public void Failed(IEnumerable<PlanItem> items, string why)
    {
        foreach (var item in items)
        {
            outcomes[item] = new ItemOutcome(item, ItemStatus.Failed, why);
        }
    }

    /// <summary>Items left alone because a write they depend on did not happen; an item that already ended keeps its outcome.</summary>
    public void NotAttempted(IEnumerable<PlanItem> items, string why)
    {
        foreach (var item in items)
        {
            outcomes.TryAdd(item, new ItemOutcome(item, ItemStatus.NotAttempted, why));
        }
    }

    public bool IsDone(PlanItem item) => outcomes.GetValueOrDefault(item)?.Status == ItemStatus.Done;

    /// <summary>Every item, in <paramref name="planOrder"/>; one never recorded was not attempted, for <paramref name="whyNotAttempted"/> when given.</summary>
    public ApplyReport Report(IEnumerable<PlanItem> planOrder, string? whyNotAttempted) =>
        new([.. planOrder.Select(i => outcomes.GetValueOrDefault(i) ?? new ItemOutcome(i, ItemStatus.NotAttempted, whyNotAttempted))]);
}
