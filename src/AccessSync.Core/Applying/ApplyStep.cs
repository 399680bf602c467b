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
    /// <summary>Where it is created: its own precedence, or a free one above the rest when a later policies list puts it in place.</summary>
    public int Precedence { get; init; } = Desired.Precedence;

    public override string Describe() => $"create \"{Desired.Name}\" at precedence {Precedence}";
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

/// <summary>POST a reusable policy of the account.</summary>
public sealed record CreateReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, DesiredPolicy Desired) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"create reusable policy \"{Desired.Name}\"";
}

/// <summary>PUT a reusable policy: its live object with the managed fields of <paramref name="Desired"/>. Every application using it changes with it.</summary>
public sealed record UpdateReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, string PolicyId, DesiredPolicy Desired) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"update reusable policy \"{Desired.Name}\"";
}

/// <summary>DELETE a reusable policy, once no application uses it.</summary>
public sealed record DeleteReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, string PolicyId, string Name) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"delete reusable policy \"{Name}\"";
}

/// <summary>
/// PUT the application with its complete <c>policies</c> list: every policy it keeps, its own and reusable ones, at
/// its precedence. One write attaches, detaches and reorders at once, so the application goes from its old set of
/// policies to its new one with no state in between.
/// </summary>
public sealed record SetAppPoliciesStep(AppTarget App, ImmutableArray<PlanItem> Items, ImmutableArray<PolicyLink> Links) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"set the policies of {App.Name} ({string.Join(", ", Links.Select(l => $"{l.Precedence}: \"{l.Name}\""))})";
}

/// <summary>One entry of an application's policies list.</summary>
/// <param name="PolicyId">The policy's id; null for one created earlier in the same apply, known then by <paramref name="Name"/>.</param>
/// <param name="IsReusable">A reusable policy of the account, rather than one of the application's own.</param>
public sealed record PolicyLink(string? PolicyId, string Name, int Precedence, bool IsReusable);

/// <summary>Turn an application's own policy into a reusable policy of the account (<c>make_reusable</c>): same id, same place.</summary>
public sealed record MakeReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, AppTarget Owner, string PolicyId, string Name) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"make \"{Name}\" of {Owner.Name} a reusable policy";
}
