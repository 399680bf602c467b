using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Schema;

/// <summary>Which check settled a tree's schema check.</summary>
internal enum SchemaCheckPath
{
    /// <summary>The quick acceptance vouched for the tree: it has no schema errors.</summary>
    QuickAcceptance,

    /// <summary>NJsonSchema validated the tree, and its diagnostics are NJsonSchema's errors, worded.</summary>
    NJsonSchema,
}

/// <summary>A tree's schema errors, and which check found them (<see cref="SchemaValidator.Check"/>).</summary>
internal sealed record SchemaCheck(ImmutableArray<Diagnostic> Diagnostics, SchemaCheckPath SettledBy)
{
    public static SchemaCheck AcceptedQuickly { get; } = new([], SchemaCheckPath.QuickAcceptance);
}
