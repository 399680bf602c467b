using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Planning;

/// <summary>A plan, or null when errors stand in its way, with every problem found against the live account.</summary>
/// <param name="UnmatchedTargets">Targets (<see cref="PlanOptions.Targets"/>) that named no application of the files.</param>
public sealed record PlanResult(Plan? Plan, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> UnmatchedTargets);
