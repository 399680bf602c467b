using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Model;

/// <summary>
/// A <c>- use: NAME</c> entry of an application's policy list: the reusable policy of that name (defined by a
/// file, or already live in the account) attached to the application at this place in the list.
/// </summary>
/// <param name="Position">The entry's 1-based place in the <c>policies</c> list.</param>
/// <param name="Precedence">An explicit precedence; when null, <paramref name="Position"/> gives it.</param>
/// <param name="Span">Where the name was written.</param>
public sealed record ReusableUse(string Name, int Position, int? Precedence, SourceSpan Span)
{
    /// <summary>The key that makes a list entry a use entry.</summary>
    public const string Key = "use";

    /// <summary>Where the explicit precedence was written, for diagnostics that point at it.</summary>
    public SourceSpan? PrecedenceSpan { get; init; }

    public int EffectivePrecedence => Precedence ?? Position;
}
