using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>
/// Hands a rule's fields to the record that holds them and notes whether they fit it: every field asked for present
/// and of its type, no field given twice, and no field left over that the record would drop. A rule has a few
/// fields, so they are kept as given and found by a scan: every rule of every file is read through one of these.
/// </summary>
public sealed class RuleFieldReader
{
    private readonly RuleField[] fields;
    private readonly bool[] taken;
    private int takenCount;
    private bool fits = true;

    public RuleFieldReader(IEnumerable<RuleField> fields)
    {
        this.fields = [.. fields];
        taken = new bool[this.fields.Length];
        for (var i = 0; i < this.fields.Length && fits; i++)
        {
            fits = IndexOf(this.fields[i].Name) == i;
        }
    }

    /// <summary>Every field was read, each as the type it has.</summary>
    public bool ReadWhole => fits && takenCount == fields.Length;

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

        if (!taken[index])
        {
            taken[index] = true;
            takenCount++;
        }

        return fields[index].Value;
    }

    /// <summary>Where the field of this name first appears, or -1.</summary>
    private int IndexOf(string name)
    {
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
