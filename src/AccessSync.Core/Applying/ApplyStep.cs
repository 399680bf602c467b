using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Planning;
using AccessSync.Core.Wire;

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
/// <remarks>
/// Each kind of step knows its own write: it builds its body from the <see cref="LiveObjects"/> as they are when
/// it runs, sends it through the one endpoint of <see cref="IAccessWriter"/> it needs, and checks the object the
/// API then holds (<see cref="CheckReadBack"/>), which works the same whether that object came with the answer or
/// from a read afterwards.
/// </remarks>
public abstract record ApplyStep(AppTarget App, ImmutableArray<PlanItem> Items, StepPurpose Purpose)
{
    /// <summary>Why a write the API accepted without giving back what it wrote fails: nothing shows it did what was sent.</summary>
    private protected const string Unchecked = "the API answered without the object it wrote, so the write could not be checked";

    public abstract string Describe();

    /// <summary>The policy the step writes; null for a create (its id comes with the answer) and for an application's policies list.</summary>
    public virtual string? TargetPolicyId => null;

    /// <summary>The request the step sends, as the API names it.</summary>
    internal abstract WriteRequest Request { get; }

    /// <summary>
    /// Performs the write and checks what the API answered. When the answer was lost, the object a read found
    /// afterwards is checked the same way: the write is done if that object is what it should have made, and
    /// otherwise fails with the error it ended with and what the read showed.
    /// </summary>
    internal async Task<StepResult> WriteAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(writer, live, cancellationToken);
        if (answer.Failure is { } failure)
        {
            return answer.SaysLiveChanged ? StepResult.FailedAsLiveChanged(failure) : StepResult.Failed(failure);
        }

        var readBack = CheckReadBack(answer.Written, live);
        var result = (answer.LostAnswer, readBack) switch
        {
            (null, null) => StepResult.Done,
            // Neither is taken for another writer's change: an answer is the object as the write left it, so a field
            // not as sent is the API's doing; a read after a lost answer that finds the object otherwise most often
            // shows the write did not happen, which the report must say rather than a retry hide. Another writer's
            // change is found by the read after the apply's last write.
            (null, { } mismatch) => StepResult.Failed(mismatch),
            (_, null) => StepResult.ConfirmedByReading,
            ({ } lost, { } mismatch) => StepResult.Failed($"{lost}; a read afterwards found {mismatch}"),
        };
        return answer.Written is { ValueKind: JsonValueKind.Object } written && written.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? result with { WrittenId = id.GetString() }
            : result;
    }

    /// <summary>Builds the body (once, for an endpoint that takes one) and sends it.</summary>
    private protected abstract Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the object the API holds after the write (<paramref name="written"/>; null when it gave none back)
    /// against what was sent, and records it in <paramref name="live"/> for the writes after it. Returns why the
    /// write did not do what it should, or null.
    /// </summary>
    internal abstract string? CheckReadBack(JsonElement? written, LiveObjects live);

    /// <summary>A policy the API created: kept under its id and, when it is as sent, known by its name to the writes after it.</summary>
    private protected static string? CheckCreated(JsonElement? written, DesiredPolicy desired, int? precedence, LiveObjects live)
    {
        if (written is not { } policy)
        {
            return Unchecked;
        }

        var failure = ReadBack.Failure(desired, precedence, policy);
        if (policy.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            live.Wrote(id.GetString()!, policy);
            if (failure is null)
            {
                live.CreatedAs(desired.Name, id.GetString()!);
            }
        }

        return failure;
    }

    /// <summary>A policy the API replaced: kept as it now is, and checked against what was sent.</summary>
    private protected static string? CheckUpdated(JsonElement? written, string policyId, DesiredPolicy? desired, int? precedence, LiveObjects live)
    {
        if (written is not { } policy)
        {
            return Unchecked;
        }

        live.Wrote(policyId, policy);
        return ReadBack.Failure(desired, precedence, policy);
    }
}

/// <summary>POST a new policy of the application.</summary>
public sealed record CreateStep(AppTarget App, ImmutableArray<PlanItem> Items, DesiredPolicy Desired) : ApplyStep(App, Items, StepPurpose.Change)
{
    /// <summary>Where it is created: its own precedence, or a free one above the rest when a later policies list puts it in place.</summary>
    public int Precedence { get; init; } = Desired.Precedence;

    public override string Describe() => $"create \"{Desired.Name}\" at precedence {Precedence}";

    internal override WriteRequest Request => new("POST", ScopePaths.AppPolicies(App.Scope, App.Id));

    internal JsonObject Body() => PolicyBody.ForCreate(Desired, Precedence);

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.CreatePolicyAsync(App, Body(), cancellationToken);

    internal override string? CheckReadBack(JsonElement? written, LiveObjects live) => CheckCreated(written, Desired, Precedence, live);
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

    public override string? TargetPolicyId => PolicyId;

    internal override WriteRequest Request => new("PUT", ScopePaths.AppPolicy(App.Scope, App.Id, PolicyId));

    /// <summary>The policy as the API last gave it, changed where the plan changes it.</summary>
    internal JsonObject Body(LiveObjects live) => PolicyBody.ForUpdate(live.Policy(PolicyId), Desired, Precedence);

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.UpdatePolicyAsync(App, PolicyId, Body(live), cancellationToken);

    internal override string? CheckReadBack(JsonElement? written, LiveObjects live) => CheckUpdated(written, PolicyId, Desired, Precedence, live);
}

/// <summary>DELETE a live policy of the application.</summary>
public sealed record DeleteStep(AppTarget App, ImmutableArray<PlanItem> Items, string PolicyId, string Name) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"delete \"{Name}\"";

    public override string? TargetPolicyId => PolicyId;

    internal override WriteRequest Request => new("DELETE", ScopePaths.AppPolicy(App.Scope, App.Id, PolicyId));

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.DeletePolicyAsync(App, PolicyId, cancellationToken);

    internal override string? CheckReadBack(JsonElement? written, LiveObjects live)
    {
        live.Deleted(PolicyId);
        return null;
    }
}

/// <summary>POST a reusable policy of the account.</summary>
public sealed record CreateReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, DesiredPolicy Desired) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"create reusable policy \"{Desired.Name}\"";

    internal override WriteRequest Request => new("POST", ScopePaths.ReusablePolicies(App.Scope));

    internal JsonObject Body() => PolicyBody.ForCreateReusable(Desired);

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.CreateReusablePolicyAsync(App.Scope, Body(), cancellationToken);

    internal override string? CheckReadBack(JsonElement? written, LiveObjects live) => CheckCreated(written, Desired, null, live);
}

/// <summary>PUT a reusable policy: its live object with the managed fields of <paramref name="Desired"/>. Every application using it changes with it.</summary>
public sealed record UpdateReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, string PolicyId, DesiredPolicy Desired) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"update reusable policy \"{Desired.Name}\"";

    public override string? TargetPolicyId => PolicyId;

    internal override WriteRequest Request => new("PUT", ScopePaths.ReusablePolicy(App.Scope, PolicyId));

    internal JsonObject Body(LiveObjects live) => PolicyBody.ForUpdateReusable(live.Policy(PolicyId), Desired);

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.UpdateReusablePolicyAsync(App.Scope, PolicyId, Body(live), cancellationToken);

    internal override string? CheckReadBack(JsonElement? written, LiveObjects live) => CheckUpdated(written, PolicyId, Desired, null, live);
}

/// <summary>DELETE a reusable policy, once no application uses it.</summary>
public sealed record DeleteReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, string PolicyId, string Name) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"delete reusable policy \"{Name}\"";

    public override string? TargetPolicyId => PolicyId;

    internal override WriteRequest Request => new("DELETE", ScopePaths.ReusablePolicy(App.Scope, PolicyId));

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.DeleteReusablePolicyAsync(App.Scope, PolicyId, cancellationToken);

    internal override string? CheckReadBack(JsonElement? written, LiveObjects live)
    {
        live.Deleted(PolicyId);
        return null;
    }
}

/// <summary>
/// PUT the application with its complete <c>policies</c> list: every policy it keeps, its own and reusable ones, at
/// its precedence. One write attaches, detaches and reorders at once, so the application goes from its old set of
/// policies to its new one with no state in between.
/// </summary>
/// <param name="Application">The application as read: the write sends it whole, only its policies list replaced.</param>
public sealed record SetAppPoliciesStep(AppTarget App, ImmutableArray<PlanItem> Items, ImmutableArray<PolicyLink> Links, JsonElement Application) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"set the policies of {App.Name} ({string.Join(", ", Links.Select(l => $"{l.Precedence}: \"{l.Name}\""))})";

    internal override WriteRequest Request => new("PUT", ScopePaths.App(App.Scope, App.Id));

    internal JsonObject Body(LiveObjects live) => AppBody.WithPolicies(Application, Sent(live).Select(l => (l.PolicyId!, l.Precedence)));

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.UpdateApplicationAsync(App, Body(live), cancellationToken);

    /// <summary>The list is checked against the ids it sent, every one known by now.</summary>
    internal override string? CheckReadBack(JsonElement? written, LiveObjects live) =>
        written is { } app ? ReadBack.LinkFailure(Sent(live), app) : Unchecked;

    /// <summary>The links as sent: a policy created earlier in this apply named by its id.</summary>
    private ImmutableArray<PolicyLink> Sent(LiveObjects live) => [.. Links.Select(l => l with { PolicyId = live.IdOf(l) })];
}

/// <summary>One entry of an application's policies list.</summary>
/// <param name="PolicyId">The policy's id; null for one created earlier in the same apply, known then by <paramref name="Name"/>.</param>
/// <param name="IsReusable">A reusable policy of the account, rather than one of the application's own.</param>
public sealed record PolicyLink(string? PolicyId, string Name, int Precedence, bool IsReusable);

/// <summary>Turn an application's own policy into a reusable policy of the account (<c>make_reusable</c>): same id, same place.</summary>
public sealed record MakeReusableStep(AppTarget App, ImmutableArray<PlanItem> Items, AppTarget Owner, string PolicyId, string Name) : ApplyStep(App, Items, StepPurpose.Change)
{
    public override string Describe() => $"make \"{Name}\" of {Owner.Name} a reusable policy";

    public override string? TargetPolicyId => PolicyId;

    internal override WriteRequest Request => new("PUT", ScopePaths.MakeReusable(Owner.Scope, Owner.Id, PolicyId));

    private protected override Task<WriteAnswer> SendAsync(IAccessWriter writer, LiveObjects live, CancellationToken cancellationToken) =>
        writer.MakePolicyReusableAsync(Owner, PolicyId, cancellationToken);

    /// <summary>The policy is the account's now, as the API answered it; the later update of its fields starts from that.</summary>
    internal override string? CheckReadBack(JsonElement? written, LiveObjects live)
    {
        if (written is not { } policy)
        {
            return Unchecked;
        }

        live.Wrote(PolicyId, policy);
        return null;
    }
}
