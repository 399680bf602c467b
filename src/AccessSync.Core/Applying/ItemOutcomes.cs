using System.Collections.Concurrent;

namespace AccessSync.Core.Applying;

/// <summary>
/// How each item of the plan ended, recorded as the apply goes (applications are written in parallel). An item
/// never recorded was not attempted.
/// </summary>
internal sealed class ItemOutcomes
{
    private readonly ConcurrentDictionary<PlanItem, ItemOutcome> outcomes = new();

    /// <summary>Items no plan had: writes a re-plan added, each reported after the items of its application.</summary>
    private readonly ConcurrentQueue<PlanItem> added = new();

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

    /// <summary>How an item ended, or null while it has not.</summary>
    public ItemOutcome? Of(PlanItem item) => outcomes.GetValueOrDefault(item);

    /// <summary>Records how an item ended after all (a re-planned application's).</summary>
    public void Ended(ItemOutcome outcome) => outcomes[outcome.Item] = outcome;

    /// <summary>Items a re-plan added to the plan: reported after the items of their application.</summary>
    public void Added(IEnumerable<PlanItem> items)
    {
        foreach (var item in items)
        {
            added.Enqueue(item);
        }
    }

    /// <summary>
    /// Every item, in <paramref name="planOrder"/>, each item a re-plan added after the last of its application; one
    /// never recorded was not attempted, for <paramref name="whyNotAttempted"/> when given.
    /// </summary>
    public ApplyReport Report(IEnumerable<PlanItem> planOrder, string? whyNotAttempted)
    {
        var order = planOrder.ToList();
        foreach (var item in added.Distinct().Where(i => !order.Contains(i)))
        {
            order.Insert(order.FindLastIndex(i => i.App == item.App) + 1 is var after && after > 0 ? after : order.Count, item);
        }

        return new([.. order.Select(i => outcomes.GetValueOrDefault(i) ?? new ItemOutcome(i, ItemStatus.NotAttempted, whyNotAttempted))]);
    }
}
