using System.Collections.Immutable;

namespace AccessSync.Core.Applying;

public enum ItemStatus
{
    Done,
    Failed,
    NotAttempted,

    /// <summary>Its write was sent and the apply was stopped before the answer came: it may or may not have been made.</summary>
    Unknown,
}

/// <summary>How one item of the plan ended: why when it did not end done, and how a done write was confirmed when its answer was lost.</summary>
public sealed record ItemOutcome(PlanItem Item, ItemStatus Status, string? Message);

/// <summary>Every item of an applied plan with its outcome, in plan order.</summary>
public sealed record ApplyReport(ImmutableArray<ItemOutcome> Outcomes)
{
    /// <summary>The apply was stopped (Ctrl-C, a cancelled job) before it had tried every item.</summary>
    public bool Stopped { get; init; }

    public bool Succeeded => Outcomes.All(o => o.Status == ItemStatus.Done);

    public int Count(ItemStatus status) => Outcomes.Count(o => o.Status == status);
}

/// <summary>The result of an apply: a report, or the saved plan's refusal because live changed since.</summary>
public abstract record ApplyResult
{
    public sealed record Applied(ApplyReport Report) : ApplyResult;

    /// <param name="Reasons">Each object that changed, named, and how.</param>
    public sealed record Stale(ImmutableArray<string> Reasons) : ApplyResult;
}
