using System.Collections.Immutable;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Schema;

/// <summary>
/// A quick answer to "does this tree satisfy its definition in the schema?": certainly, or don't know. Most files
/// are valid, and for them this is the whole schema check; a file it does not accept goes to NJsonSchema, which
/// finds and words its errors (<see cref="SchemaValidator"/>).
/// <para>
/// Invariant: it accepts no tree that NJsonSchema, as <see cref="SchemaValidator"/> runs it, refuses. It reads the
/// very document NJsonSchema reads (<see cref="QuickSchemaReader"/>), and wherever the two could judge a value
/// differently it refuses: an empty value (null), a schema with a keyword it does not check, a format its own test
/// is stricter about (<see cref="QuickFormats"/>), a number whose comparison NJsonSchema makes in another type.
/// A test runs both on the examples, the fuzzer's files and mutations of them to pin it.
/// </para>
/// <para>
/// It walks the located tree as read, with no second copy of the document, and descends only where the schema
/// describes the values (properties, items), so its depth is the schema's, whatever the file's. A rule, a mapping
/// with one key, is checked against that key's schema alone: the schema describes each rule kind as a property.
/// </para>
/// </summary>
internal static class SchemaAcceptance
{
    private static readonly Lazy<IReadOnlyDictionary<string, QuickSchema>> Definitions =
        new(() => QuickSchemaReader.ReadDefinitions(SchemaDocument.Open()));

    /// <summary>Whether the tree certainly satisfies the definition for its kind of file.</summary>
    public static bool Accepts(LocatedNode root, SchemaDefinition definition) =>
        // Access-test files have a schema of their own, which NJsonSchema checks: they are few and small.
        definition != SchemaDefinition.AccessTestFile
        && Definitions.Value.TryGetValue(SchemaDocument.DefinitionName(definition), out var schema) && Accepts(schema, root);

    public static bool Accepts(QuickSchema schema, LocatedNode node)
    {
        // NJsonSchema lets null through where a schema says it is nullable, by rules of its own: left to it.
        if (schema.IsOpaque || node is LocatedScalar { Value: null })
        {
            return false;
        }

        if (!schema.AnyOf.IsEmpty && !AnyAccepts(schema.AnyOf, node))
        {
            return false;
        }

        return node switch
        {
            LocatedMapping mapping => Allows(schema, JsonTypes.Object) && schema.Enum is null && MappingAccepted(schema, mapping),
            // NJsonSchema checks required keys of a value that is not a mapping too, and finds them missing.
            LocatedSequence sequence => Allows(schema, JsonTypes.Array) && schema.Enum is null && schema.Required.IsEmpty && SequenceAccepted(schema, sequence),
            LocatedScalar scalar => schema.Required.IsEmpty && ScalarAccepted(schema, scalar.Value!),
            _ => false,
        };
    }

    /// <summary>Whether the schema's <c>type</c> allows any of <paramref name="types"/> (a bit test: no boxing, unlike HasFlag before tiering).</summary>
    private static bool Allows(QuickSchema schema, JsonTypes types) => (schema.Types & types) != 0;

    private static bool AnyAccepts(ImmutableArray<QuickSchema> alternatives, LocatedNode node)
    {
        foreach (var alternative in alternatives)
        {
            if (Accepts(alternative, node))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MappingAccepted(QuickSchema schema, LocatedMapping mapping)
    {
        var count = mapping.Entries.Length;
        if (count < schema.MinProperties || count > schema.MaxProperties)
        {
            return false;
        }

        foreach (var entry in mapping.Entries)
        {
            var known = schema.Properties.TryGetValue(entry.Key, out var property);
            if (known ? !Accepts(property!, entry.Value) : !schema.AdditionalProperties)
            {
                return false;
            }
        }

        foreach (var key in schema.Required)
        {
            if (mapping.Entry(key) is null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SequenceAccepted(QuickSchema schema, LocatedSequence sequence)
    {
        var items = sequence.Items;
        if (items.Length < schema.MinItems || items.Length > schema.MaxItems || (schema.UniqueItems && !DistinctStrings(items)))
        {
            return false;
        }

        if (schema.Items is { } itemSchema)
        {
            foreach (var item in items)
            {
                if (!Accepts(itemSchema, item))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Items all strings, no two equal. NJsonSchema compares any items by their JSON text; for strings that is
    /// the string itself, and other items under <c>uniqueItems</c> are left to it. Such lists are short (the
    /// allowed authenticators of a policy), so their items are compared pairwise, with no set to allocate.
    /// </summary>
    private static bool DistinctStrings(ImmutableArray<LocatedNode> items)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not LocatedScalar { Value: string text })
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(text, (string)((LocatedScalar)items[j]).Value!, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A scalar as its JSON token: a string, true or false, an integer, or a number with a fraction.</summary>
    private static bool ScalarAccepted(QuickSchema schema, object value) => value switch
    {
        string text => Allows(schema, JsonTypes.String) && InEnum(schema, text) && StringAccepted(schema, text),
        bool flag => Allows(schema, JsonTypes.Boolean) && InEnum(schema, flag),
        long whole => Allows(schema, JsonTypes.Integer | JsonTypes.Number) && schema.Enum is null && InRange(schema, whole),
        // NJsonSchema compares a fraction as decimal, converted as here; one beyond decimal's range it compares as
        // double, and .nan is text to it (LocatedJToken): both left to it.
        double real => Allows(schema, JsonTypes.Number) && schema.Enum is null
            && double.IsFinite(real) && Math.Abs(real) < 7.9e28 && InRange(schema, (decimal)real),
        _ => false,
    };

    private static bool InEnum(QuickSchema schema, string text)
    {
        if (schema.Enum is not { } values)
        {
            return true;
        }

        foreach (var value in values)
        {
            if (value is string known && string.Equals(known, text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InEnum(QuickSchema schema, bool flag)
    {
        if (schema.Enum is not { } values)
        {
            return true;
        }

        foreach (var value in values)
        {
            if (value is bool known && known == flag)
            {
                return true;
            }
        }

        return false;
    }

    private static bool StringAccepted(QuickSchema schema, string text) =>
        !(text.Length < schema.MinLength || text.Length > schema.MaxLength)
        && (schema.Pattern is null || schema.Pattern.IsMatch(text))
        && (schema.Format is null || schema.Format(text));

    private static bool InRange(QuickSchema schema, decimal value) => !(value < schema.Minimum || value > schema.Maximum);
}
