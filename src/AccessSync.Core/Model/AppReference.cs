using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Model;

public enum AppReferenceKind
{
    Id,
    Name,
    Domain,
}

/// <summary>How a file names its Access application: by id, name or domain, resolved against the live list at plan time.</summary>
public sealed record AppReference(AppReferenceKind Kind, string Value, SourceSpan Span)
{
    /// <summary>Names and domains are matched as Cloudflare shows them: without regard to letter case.</summary>
    public bool SameTargetAs(AppReference other) =>
        Kind == other.Kind && string.Equals(Value, other.Value, Kind == AppReferenceKind.Id ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Value}";
}
