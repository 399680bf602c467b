using System.Collections.Immutable;
using AccessSync.Core.Model;

namespace AccessSync.Core.Planning;

/// <summary>The closed set of change kinds, in the order a plan lists them.</summary>
public enum ChangeKind
{
    Delete,
    Create,
    Update,
    Reorder,
    Attach,
    Detach,
}

/// <summary>One managed field that differs: its canonical JSON text live (before) and in the file (after).</summary>
public sealed record FieldChange(string Path, string Before, string After);

/// <summary>One policy's move from one precedence to another.</summary>
public sealed record PrecedenceMove(string PolicyId, string PolicyName, int From, int To, Fingerprint Fingerprint);

/// <summary>One change to one application's policies. A plan is a list of these; renderers only read them.</summary>
public abstract record PolicyChange(ChangeKind Kind)
{
    /// <summary>The name the change is listed under.</summary>
    public abstract string Subject { get; }
}

public sealed record CreatePolicy(DesiredPolicy Desired) : PolicyChange(ChangeKind.Create)
{
    public override string Subject => Desired.Name;
}

/// <summary>A live policy whose managed fields differ from the file. Its precedence, if it moves, is in the app's reorder.</summary>
/// <param name="Fields">Each managed field that differs, with its canonical value live and in the file.</param>
public sealed record UpdatePolicy(
    string PolicyId,
    string LiveName,
    DesiredPolicy Desired,
    ImmutableArray<FieldChange> Fields,
    Fingerprint Fingerprint) : PolicyChange(ChangeKind.Update)
{
    public override string Subject => Desired.Name;
}

/// <summary>A live policy no file lists, deleted because the application is pruned.</summary>
/// <param name="Before">Every managed field of the live policy, canonical.</param>
public sealed record DeletePolicy(
    string PolicyId,
    string Name,
    Decision? Decision,
    int? Precedence,
    ImmutableSortedDictionary<string, string> Before,
    Fingerprint Fingerprint) : PolicyChange(ChangeKind.Delete)
{
    public override string Subject => Name;
}

/// <summary>An allow policy that the new order evaluates before a deny policy it used to come after.</summary>
public sealed record Overtake(string Allow, string Deny);

/// <summary>Policies whose precedence changes; at most one per application.</summary>
/// <param name="Overtakes">Allow policies that now come before a deny policy: Access stops at the first allow or deny that matches.</param>
public sealed record ReorderPolicies(ImmutableArray<PrecedenceMove> Moves, ImmutableArray<Overtake> Overtakes) : PolicyChange(ChangeKind.Reorder)
{
    public override string Subject => string.Join(", ", Moves.Select(m => m.PolicyName));

    /// <summary>
    /// The policies' order is as it was, only their numbers change: those below a deleted policy move up to close
    /// the gap, say, or those below a new one move down. Access decides as before, so the plan does not count or
    /// show it as a reorder of its own, though apply still writes the new numbers.
    /// </summary>
    public bool OrderKept { get; init; }

    /// <summary>How many policies the plan counts as reordered: none when only their numbers change.</summary>
    public int Counted => OrderKept ? 0 : Moves.Length;
}

/// <summary>A reusable policy attached to the application at a precedence.</summary>
/// <param name="PolicyId">The reusable policy's id; null when the plan creates it.</param>
public sealed record AttachPolicy(string? PolicyId, string Name, Decision Decision, int Precedence) : PolicyChange(ChangeKind.Attach)
{
    public override string Subject => Name;
}

/// <summary>A reusable policy taken off the application. The policy itself stays, unless the plan's reusable section deletes it.</summary>
public sealed record DetachPolicy(string PolicyId, string Name, Decision? Decision, int? Precedence) : PolicyChange(ChangeKind.Detach)
{
    public override string Subject => Name;
}
