using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Normalization;

namespace AccessSync.Core.Planning;

/// <summary>Compares a desired policy with a live one, field by managed field, after normalisation.</summary>
public static class PolicyDiff
{
    /// <summary>The managed fields whose canonical values differ, in display order.</summary>
    public static ImmutableArray<FieldChange> Changes(DesiredPolicy desired, JsonElement live) =>
    [
        .. desired.Fields
            .Select(f => (Field: f, Live: JsonPath.Get(live, f.Key)))
            // The same JSON text means the same value: most fields of most policies are as the API wrote them, and
            // need no normalising to be known equal.
            .Where(f => f.Live is not { } text || text.GetRawText() != f.Field.Value)
            .Select(f => new FieldChange(f.Field.Key, Normalizer.Canonical(f.Field.Key, f.Live), Normalizer.Canonical(f.Field.Key, f.Field.Value)))
            .Where(c => c.Before != c.After)
            .OrderBy(c => c.Path, Comparer<string>.Create(PolicyFields.Compare)),
    ];

    /// <summary>Every managed field the live policy has a value for, canonical: what a delete takes away.</summary>
    public static ImmutableSortedDictionary<string, string> ManagedFieldsOf(JsonElement live) =>
        PolicyFields.DisplayOrder
            .Select(path => (path, value: JsonPath.Get(live, path)))
            .Where(f => f.value is not null)
            .ToImmutableSortedDictionary(f => f.path, f => Normalizer.Canonical(f.path, f.value), StringComparer.Ordinal);

    /// <summary>The canonical values of a desired policy's managed fields.</summary>
    public static ImmutableSortedDictionary<string, string> CanonicalFields(DesiredPolicy desired) =>
        desired.Fields.ToImmutableSortedDictionary(f => f.Key, f => Normalizer.Canonical(f.Key, f.Value), StringComparer.Ordinal);
}
