namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>How far a case got through the pipeline, each stage implying the ones before it.</summary>
public enum FuzzStage
{
    /// <summary>The file ended in errors while loading or validating.</summary>
    Rejected,

    /// <summary>The file loaded clean and went on to planning (which may still end in errors against live).</summary>
    Validated,

    /// <summary>Planning gave a plan.</summary>
    Planned,

    /// <summary>The plan was applied to the in-memory provider, and planning again shows no change.</summary>
    Applied,

    /// <summary>What apply left was exported, every file faithfully.</summary>
    Exported,
}

/// <summary>How one case ended: its cost, how far it got, and what was wrong (a throw, an unlocated diagnostic, an unstable plan), or null.</summary>
public sealed record FuzzOutcome(FuzzCase Case, TimeSpan Elapsed, long AllocatedBytes, FuzzStage Stage, string? Failure)
{
    /// <summary>Generous bounds per case: a well-behaved loader stays far below both.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A valid file at the limit of policies per application allocates about 300 MB on its way through load, plan,
    /// both renders, apply, a second plan and export; a hostile one that stops at loading far less.
    /// </summary>
    public const long AllocationBound = 512L * 1024 * 1024;

    public bool OverBounds => Elapsed > TimeBound || AllocatedBytes > AllocationBound;

    /// <summary>The file loaded clean and went on to planning.</summary>
    public bool Validated => Stage >= FuzzStage.Validated;

    /// <summary>The share of <paramref name="outcomes"/> that reached each stage, as <c>validated 40.1%, planned …</c>.</summary>
    public static string Shares(IReadOnlyCollection<FuzzOutcome> outcomes) => string.Join(", ", Enum.GetValues<FuzzStage>()
        .Skip(1)
        .Select(stage => $"{stage.ToString().ToLowerInvariant()} {100.0 * outcomes.Count(o => o.Stage >= stage) / Math.Max(1, outcomes.Count):F1}%"));
}
