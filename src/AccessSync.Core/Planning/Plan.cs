using System.Collections.Immutable;
using AccessSync.Core.Model;

namespace AccessSync.Core.Planning;

/// <summary>The application a part of the plan is about, and the file that manages it.</summary>
public sealed record AppTarget(Scope Scope, string Id, string Name, string FilePath);

/// <summary>A live policy of a managed application that no file lists and that the plan keeps: pruning is off, or it is reusable.</summary>
public sealed record UnmanagedPolicy(string PolicyId, string Name, int? Precedence, bool IsReusable);

/// <summary>What one application needs, in the stable order deletes, creates, updates, reorder.</summary>
/// <param name="Fingerprint">The application's live content when the plan was made (its embedded policies included); only for an application with changes, since it costs a hash of the whole object.</param>
public sealed record AppPlan(
    AppTarget App,
    ImmutableArray<PolicyChange> Changes,
    ImmutableArray<UnmanagedPolicy> Unmanaged,
    int LivePolicyCount,
    Fingerprint? Fingerprint)
{
    public bool HasChanges => !Changes.IsEmpty;

    public int Count(ChangeKind kind) => kind == ChangeKind.Reorder
        ? Changes.OfType<ReorderPolicies>().Sum(r => r.Moves.Length)
        : Changes.Count(c => c.Kind == kind);
}

/// <summary>
/// The difference between the files and live Cloudflare: data computed by <see cref="Planner"/>, read by the
/// renderers, the safety check and the applier. The same inputs give the same plan, to the byte.
/// </summary>
/// <param name="Names">Ids of groups, service tokens and identity providers to their names, so renders can show names.</param>
/// <param name="Safety">The thresholds of the configuration the plan was made from: a saved plan is checked against them when applied.</param>
public sealed record Plan(ImmutableArray<AppPlan> Applications, ImmutableSortedDictionary<string, string> Names, SafetyOptions Safety)
{
    public const int FormatVersion = 1;

    public bool HasChanges => Applications.Any(a => a.HasChanges);

    public PlanSummary Summary => new(
        Applications.Sum(a => a.Count(ChangeKind.Create)),
        Applications.Sum(a => a.Count(ChangeKind.Update)),
        Applications.Sum(a => a.Count(ChangeKind.Delete)),
        Applications.Sum(a => a.Count(ChangeKind.Reorder)));
}

public sealed record PlanSummary(int Create, int Update, int Delete, int Reorder)
{
    public override string ToString() => $"Plan: {Create} to create, {Update} to update, {Delete} to delete, {Reorder} to reorder.";
}
