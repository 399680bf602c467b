using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Loading;

/// <summary>A value, or null when errors stood in its way, with every diagnostic found on the way.</summary>
public sealed record LoadResult<T>(T? Value, ImmutableArray<Diagnostic> Diagnostics)
    where T : class
{
    public bool HasErrors => Diagnostics.HasErrors();
}
