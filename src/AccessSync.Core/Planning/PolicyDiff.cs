using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using AccessSync.Core.Normalization;
using AccessSync.Core.Wire;

namespace AccessSync.Core.Planning;

/// <summary>Compares a desired policy with a live one, field by managed field, after normalisation.</summary>
public static class PolicyDiff
{
    /// <summary>The managed fields whose canonical values differ, in display order.</summary>
    public static ImmutableArray<FieldChange> Changes(DesiredPolicy desired, JsonElement live)
    {
        List<FieldChange>? changes = null;
        foreach (var field in PolicyWire.ManagedJson(desired))
        {
            var liveValue = JsonPath.Get(live, field.Path);
            // The same JSON text means the same value: most fields of most policies are as the API wrote them, and
            // need no normalising (nor a copy) to be known equal.
            if (liveValue is { } text && JsonMarshal.GetRawUtf8Value(text).SequenceEqual(field.Json.Span))
            {
                continue;
            }

            var change = new FieldChange(field.Path, Normalizer.Canonical(field.Path, liveValue), Normalizer.Canonical(field.Path, field.Text));
            if (change.Before != change.After)
            {
                (changes ??= []).Add(change);
            }
        }

        return changes is null ? [] : [.. changes.OrderBy(c => c.Path, Comparer<string>.Create(PolicyFields.Compare))];
    }

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
