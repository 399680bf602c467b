using System.Collections.Immutable;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>What a step is for, so a report can say why a write happened.</summary>
public enum StepPurpose
{
    /// <summary>Realises a change of the plan.</summary>
    Change,

    /// <summary>Moves a policy out of the way, to a free precedence, so another write keeps precedences unique.</summary>
    MakeRoom,
}

/// <summary>
/// One write to the API. Steps are computed from a plan by <see cref="ApplySequencer"/>, in an order that keeps
/// every precedence unique after each one; each names the plan items it realises (none for a move that only
/// makes room; an update that also moves the policy realises both its update and its reorder).
/// </summary>
public abstract record ApplyStep(AppTarget App, ImmutableArray<PlanItem> Items, StepPurpose Purpose)
{
    public abstract string Describe();
}

/// <summary>POST a new policy of the application.</summary>
public sealed record CreateStep(AppTarget App, ImmutableArray<PlanItem> Items, DesiredPolicy Desired) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"create \"{Desired.Name}\" at precedence {Desired.Precedence}";
}

/// <summary>
/// PUT a live policy: its live object with the managed fields of <paramref name="Desired"/> (when set) and
/// <paramref name="Precedence"/>. Without <paramref name="Desired"/> it only moves the policy.
/// </summary>
public sealed record UpdateStep(AppTarget App, ImmutableArray<PlanItem> Items, StepPurpose Purpose, string PolicyId, string Name, DesiredPolicy? Desired, int Precedence) : ApplyStep(App, Items, Purpose)
{
    public override string Describe() => Desired is null
        ? $"move \"{Name}\" to precedence {Precedence}{(Purpose == StepPurpose.MakeRoom ? " (to make room)" : string.Empty)}"
        : $"update \"{Desired.Name}\" at precedence {Precedence}";
}

/// <summary>DELETE a live policy of the application.</summary>
public sealed record DeleteStep(AppTarget App, ImmutableArray<PlanItem> Items, string PolicyId, string Name) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"delete \"{Name}\"";
}
