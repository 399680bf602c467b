namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>How one case ended: its cost, and what was wrong (a throw or an unlocated diagnostic), or null.</summary>
/// <param name="Planned">The file loaded clean and went on to planning, apply and export.</param>
public sealed record FuzzOutcome(FuzzCase Case, TimeSpan Elapsed, long AllocatedBytes, bool Planned, string? Failure)
{
    /// <summary>Generous bounds per case: a well-behaved loader stays far below both.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);

    public const long AllocationBound = 256L * 1024 * 1024;

    public bool OverBounds => Elapsed > TimeBound || AllocatedBytes > AllocationBound;
}
