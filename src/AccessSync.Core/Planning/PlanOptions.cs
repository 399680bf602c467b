using System.Collections.Immutable;

namespace AccessSync.Core.Planning;

/// <summary>What a plan covers.</summary>
/// <param name="Targets">Applications to plan, by id, name or domain (<c>--target</c>); empty for all.</param>
public sealed record PlanOptions(ImmutableArray<string> Targets)
{
    public static PlanOptions All { get; } = new([]);
}
