using System.Collections.Immutable;
using System.Globalization;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Yaml;

/// <summary>
/// One node of a YAML document as <see cref="YamlTreeReader"/> reads it, with the place it was written: a mapping,
/// a list or a scalar. The tree is immutable, so an alias is the very node its anchor names (shared, not copied),
/// and a node keeps the place of the anchor, where its content was written.
/// </summary>
public abstract record LocatedNode(SourceSpan Span);

/// <summary>
/// A mapping: its entries in the order written, each key once (duplicates are reported while reading); entries
/// from merge keys (<c>&lt;&lt;: *base</c>) come after the mapping's own.
/// </summary>
public sealed record LocatedMapping(SourceSpan Span, ImmutableArray<LocatedEntry> Entries) : LocatedNode(Span)
{
    /// <summary>The value under <paramref name="key"/>, or null when the mapping does not set it.</summary>
    public LocatedNode? this[string key] => Entry(key)?.Value;

    /// <summary>
    /// The entry with <paramref name="key"/> (by ordinal comparison), or null. A linear search: the mappings of a
    /// policy file have a handful of keys, and the schema refuses unknown ones before the model reads them.
    /// </summary>
    public LocatedEntry? Entry(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>One key of a mapping, where the key was written (where an unknown or duplicate key is reported), and its value.</summary>
public sealed record LocatedEntry(string Key, SourceSpan KeySpan, LocatedNode Value);

/// <summary>A list, its items in order.</summary>
public sealed record LocatedSequence(SourceSpan Span, ImmutableArray<LocatedNode> Items) : LocatedNode(Span);

/// <summary>
/// A scalar with its type and its value in that type: null for <see cref="ScalarType.Null"/>, a <see cref="bool"/>,
/// a <see cref="long"/>, a <see cref="double"/> or a <see cref="string"/> (as JSON has them, which the schema checks).
/// </summary>
public sealed record LocatedScalar(SourceSpan Span, ScalarType Type, object? Value) : LocatedNode(Span)
{
    /// <summary>
    /// The value as text, as a key or a field that takes text reads it: <c>0x1F</c> is "31" and <c>true</c> is "True"
    /// (invariant culture); null for null.
    /// </summary>
    public string? AsString() => Value is null ? null : Convert.ToString(Value, CultureInfo.InvariantCulture);

    public bool? AsBoolean() => Value is null ? null : Convert.ToBoolean(Value, CultureInfo.InvariantCulture);

    /// <summary>The value as an <see cref="int"/>; one out of its range throws <see cref="OverflowException"/>.</summary>
    public int? AsInt32() => Value is null ? null : Convert.ToInt32(Value, CultureInfo.InvariantCulture);

    public decimal? AsDecimal() => Value is null ? null : Convert.ToDecimal(Value, CultureInfo.InvariantCulture);
}
