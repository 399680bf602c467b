using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Model;

/// <summary>
/// One include, exclude or require rule in the API's shape: its kind (<c>email</c>, <c>group</c>, ...) and the
/// fields inside it. A short form that names a group, service token or identity provider by name carries that
/// name in <see cref="ReferenceName"/> and no fields until the name is resolved against the live account.
/// </summary>
public sealed record AccessRule(string Kind, ImmutableSortedDictionary<string, RuleValue> Fields, string? ReferenceName, SourceSpan Span)
{
    public bool IsUnresolvedReference => ReferenceName is not null;

    public RuleValue? this[string field] => Fields.GetValueOrDefault(field);

    /// <summary>Rules are equal when they match the same requests; where they were written does not matter.</summary>
    public bool Equals(AccessRule? other) =>
        other is not null
        && Kind == other.Kind
        && ReferenceName == other.ReferenceName
        && Fields.Count == other.Fields.Count
        && Fields.All(f => other.Fields.TryGetValue(f.Key, out var v) && v.Equals(f.Value));

    public override int GetHashCode() =>
        Fields.Aggregate(HashCode.Combine(Kind, ReferenceName), (hash, f) => HashCode.Combine(hash, f.Key, f.Value));

    public override string ToString() => ReferenceName is not null
        ? $"{Kind}: {ReferenceName}"
        : $"{Kind}: {{{string.Join(", ", Fields.Select(f => $"{f.Key}: {f.Value}"))}}}";
}
