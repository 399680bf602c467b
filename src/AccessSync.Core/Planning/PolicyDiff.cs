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
    /// <remarks>
    /// Loops rather than LINQ here and below: over tuples and key-value pairs (structs), LINQ is code the runtime
    /// compiles on first use in every run, and these run in every plan with a change.
    /// </remarks>
    public static ImmutableSortedDictionary<string, string> ManagedFieldsOf(JsonElement live)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var path in PolicyFields.DisplayOrder)
        {
            if (JsonPath.Get(live, path) is { } value)
            {
                fields[path] = Normalizer.Canonical(path, value);
            }
        }

        return fields.ToImmutable();
    }

    /// <summary>The canonical values of a desired policy's managed fields.</summary>
    public static ImmutableSortedDictionary<string, string> CanonicalFields(DesiredPolicy desired)
    {
        var fields = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (path, value) in desired.Fields)
        {
            fields[path] = Normalizer.Canonical(path, value);
        }

        return fields.ToImmutable();
    }
}
