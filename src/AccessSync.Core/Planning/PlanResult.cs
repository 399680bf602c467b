using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Planning;

/// <summary>A plan, or null when errors stand in its way, with every problem found against the live account.</summary>
public sealed record PlanResult(Plan? Plan, ImmutableArray<Diagnostic> Diagnostics);
