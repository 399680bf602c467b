using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>
/// Hands a rule's fields to the record that holds them and notes whether they fit it: every field asked for present
/// and of its type, no field given twice, and no field left over that the record would drop. A rule has a few
/// fields, so they are kept as given and found by a scan, and the fields taken are bits of one number; the one field of
/// a short form (<c>group: Developers</c>) is held as it is, without a list: every rule of every file is read through
/// one of these.
/// </summary>
public sealed class RuleFieldReader
{
    /// <summary>No kind has nearly so many fields: a rule with more is not read (and not scanned for duplicates).</summary>
    private const int MostFields = 64;

    /// <summary>The fields; default when the rule has the one field <see cref="singleName"/>.</summary>
    private readonly ImmutableArray<RuleField> fields;
    private readonly string? singleName;
    private readonly RuleValue? singleValue;
    private ulong taken;
    private int takenCount;
    private bool fits;

    public RuleFieldReader(ImmutableArray<RuleField> fields)
    {
        this.fields = fields;
        fits = fields.Length <= MostFields;
        for (var i = 0; i < fields.Length && fits; i++)
        {
            fits = IndexOf(fields[i].Name) == i;
        }
    }

    /// <summary>A rule of one field.</summary>
    public RuleFieldReader(string name, RuleValue value)
    {
        singleName = name;
        singleValue = value;
        fits = true;
    }

    /// <summary>Every field was read, each as the type it has.</summary>
    public bool ReadWhole => fits && takenCount == Count;

    private int Count => fields.IsDefault ? 1 : fields.Length;

    public string Text(string name) => OptionalText(name) ?? Missing(string.Empty);

    public string? OptionalText(string name) => Take(name) switch
    {
        null => null,
        TextRuleValue text => text.Text,
        _ => Missing<string?>(null),
    };

    public ImmutableArray<string> List(string name) => Take(name) switch
    {
        ListRuleValue list => list.Items,
        _ => Missing(ImmutableArray<string>.Empty),
    };

    private RuleValue? Take(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return null;
        }

        var bit = 1UL << index;
        if ((taken & bit) == 0)
        {
            taken |= bit;
            takenCount++;
        }

        return fields.IsDefault ? singleValue : fields[index].Value;
    }

    /// <summary>Where the field of this name first appears, or -1.</summary>
    private int IndexOf(string name)
    {
        if (fields.IsDefault)
        {
            return string.Equals(singleName, name, StringComparison.Ordinal) ? 0 : -1;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private T Missing<T>(T placeholder)
    {
        fits = false;
        return placeholder;
    }
}
