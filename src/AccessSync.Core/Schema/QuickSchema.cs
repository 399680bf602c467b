using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AccessSync.Core.Schema;

/// <summary>The JSON types a schema's <c>type</c> allows.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Number = 16,
    Boolean = 32,
    Null = 64,
    Any = Object | Array | String | Integer | Number | Boolean | Null,
}

/// <summary>
/// One schema of the published document as <see cref="SchemaAcceptance"/> checks it: the validation keywords it
/// uses, read from the document's JSON by <see cref="QuickSchemaReader"/>. A schema that uses any keyword the quick
/// acceptance does not check is <see cref="IsOpaque"/>: no value it governs is vouched for, NJsonSchema decides.
/// A limit the schema does not set is null (or, for a list, empty).
/// </summary>
internal sealed record QuickSchema
{
    /// <summary>A schema the quick acceptance cannot vouch for.</summary>
    public static readonly QuickSchema Opaque = new() { IsOpaque = true };

    public bool IsOpaque { get; init; }

    public JsonTypes Types { get; init; } = JsonTypes.Any;

    /// <summary>Every alternative of <c>anyOf</c>; a value must satisfy one of them, and this schema's other keywords too.</summary>
    public ImmutableArray<QuickSchema> AnyOf { get; init; } = [];

    /// <summary>The values of <c>enum</c>: strings and booleans (the reader leaves a schema with any other opaque).</summary>
    public ImmutableArray<object>? Enum { get; init; }

    public IReadOnlyDictionary<string, QuickSchema> Properties { get; init; } = ImmutableDictionary<string, QuickSchema>.Empty;

    public ImmutableArray<string> Required { get; init; } = [];

    /// <summary><c>additionalProperties</c>: false refuses every key <see cref="Properties"/> does not name.</summary>
    public bool AdditionalProperties { get; init; } = true;

    public int? MinProperties { get; init; }

    public int? MaxProperties { get; init; }

    public QuickSchema? Items { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public bool UniqueItems { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public Regex? Pattern { get; init; }

    /// <summary>The test of <c>format</c>, never looser than NJsonSchema's test of the same format.</summary>
    public Func<string, bool>? Format { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }
}
