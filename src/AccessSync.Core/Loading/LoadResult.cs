using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;

namespace AccessSync.Core.Loading;

/// <summary>A value, or null when errors stood in its way, with every diagnostic found on the way.</summary>
public sealed record LoadResult<T>(T? Value, ImmutableArray<Diagnostic> Diagnostics)
    where T : class
{
    public bool HasErrors => Diagnostics.HasErrors();
}

/// <summary>One policy file loaded as whichever kind it is: at most one of the values is set, none when it has errors.</summary>
public sealed record LoadedPolicyFile(ApplicationFile? Application, ReusablePolicyFile? ReusablePolicy, ImmutableArray<Diagnostic> Diagnostics)
{
    public AccessTestFile? AccessTest { get; init; }
}
