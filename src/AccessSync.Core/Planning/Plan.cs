using System.Collections.Immutable;
using AccessSync.Core.Model;

namespace AccessSync.Core.Planning;

/// <summary>The application a part of the plan is about, and the file that manages it.</summary>
public sealed record AppTarget(Scope Scope, string Id, string Name, string FilePath)
{
    /// <summary>What the writes to an account's reusable policies are reported under: they belong to no one application.</summary>
    public static AppTarget ReusablePoliciesOf(Scope account) => new(account, string.Empty, "Reusable policies", string.Empty);

    public bool IsReusablePolicies => Id.Length == 0;
}

/// <summary>A live policy of a managed application that no file lists and that the plan keeps: pruning is off, or it is reusable.</summary>
public sealed record UnmanagedPolicy(string PolicyId, string Name, int? Precedence, bool IsReusable);

/// <summary>What one application needs, in the stable order deletes, creates, updates, reorder.</summary>
/// <param name="LivePolicyCount">Every live policy of the application, the reusable ones attached to it included.</param>
/// <param name="Fingerprint">The application's live content when the plan was made (its embedded policies included); only for an application with changes, since it costs a hash of the whole object.</param>
public sealed record AppPlan(
    AppTarget App,
    ImmutableArray<PolicyChange> Changes,
    ImmutableArray<UnmanagedPolicy> Unmanaged,
    int LivePolicyCount,
    Fingerprint? Fingerprint)
{
    public bool HasChanges => !Changes.IsEmpty;

    /// <summary>A request the plan lets in that live refuses, when its changes widen who gets in and one was found.</summary>
    public LetInExample? LetIn { get; init; }

    /// <summary>How many of a kind; for a reorder, how many policies move, unless only their numbers change (<see cref="ReorderPolicies.OrderKept"/>).</summary>
    public int Count(ChangeKind kind) => kind == ChangeKind.Reorder
        ? Changes.OfType<ReorderPolicies>().Sum(r => r.Counted)
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

    /// <summary>The reusable policies the plan creates, updates or deletes, or reports, each listed once, in name order.</summary>
    public ImmutableArray<ReusablePlan> Reusable { get; init; } = [];

    /// <summary>The folder's access tests, run against the files and against live; null when the folder has none.</summary>
    public PlannedAccessTests? AccessTests { get; init; }

    public bool HasChanges => Applications.Any(a => a.HasChanges) || Reusable.Any(r => r.Change is not null);

    public PlanSummary Summary => new(
        Applications.Sum(a => a.Count(ChangeKind.Create)) + Reusable.Count(r => r.Change?.Kind == ChangeKind.Create),
        Applications.Sum(a => a.Count(ChangeKind.Update)) + Reusable.Count(r => r.Change?.Kind == ChangeKind.Update),
        Applications.Sum(a => a.Count(ChangeKind.Delete)) + Reusable.Count(r => r.Change?.Kind == ChangeKind.Delete),
        Applications.Sum(a => a.Count(ChangeKind.Reorder)))
    {
        Attach = Applications.Sum(a => a.Count(ChangeKind.Attach)),
        Detach = Applications.Sum(a => a.Count(ChangeKind.Detach)),
    };
}

/// <summary>
/// One reusable (account-level) policy the plan changes or reports. It is listed once however many applications
/// use it; <see cref="Apps"/> names them, since a change to it changes every one of them.
/// </summary>
/// <param name="Account">The account it lives in: reusable policies belong to accounts, never zones.</param>
/// <param name="FilePath">The file that defines it: a reusable-policy file, or the application file that owns it; empty for a live policy no file defines.</param>
/// <param name="Change">A <see cref="CreatePolicy"/>, <see cref="UpdatePolicy"/> or <see cref="DeletePolicy"/>; null for one the plan keeps and reports (no file and no application uses it, and prune is off).</param>
/// <param name="Apps">Names of the applications it is attached to, before the plan or after it.</param>
public sealed record ReusablePlan(Scope Account, string Name, string FilePath, PolicyChange? Change, ImmutableArray<string> Apps)
{
    /// <summary>
    /// The application whose own policy becomes this reusable policy (Cloudflare's <c>make_reusable</c>, which
    /// keeps its id and its place), because a file moved it to a reusable-policy file; the change is then an
    /// <see cref="UpdatePolicy"/> of that policy, with the fields that differ (maybe none).
    /// </summary>
    public AppTarget? ConvertedFrom { get; init; }

    /// <summary>A policy created for an application that refuses app-scoped policies: its name shows whose it is.</summary>
    public static string OwnedName(string appName, string policyName) => $"[{appName}] {policyName}";
}

/// <summary>How many changes of each kind a plan makes.</summary>
public sealed record PlanSummary(int Create, int Update, int Delete, int Reorder)
{
    /// <summary>Reusable policies attached to applications.</summary>
    public int Attach { get; init; }

    /// <summary>Reusable policies taken off applications.</summary>
    public int Detach { get; init; }

    /// <summary>Attach and detach are named only when there are some, so a plan without reusable policies reads as it always has.</summary>
    public override string ToString() =>
        $"Plan: {Create} to create, {Update} to update, {Delete} to delete, {Reorder} to reorder"
        + (Attach > 0 || Detach > 0 ? $", {Attach} to attach, {Detach} to detach." : ".");
}
