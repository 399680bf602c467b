using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Rules;

/// <summary>
/// Hands a rule's fields to the record that holds them and notes whether they fit it: every field asked for present
/// and of its type, no field given twice, and no field left over that the record would drop. A rule has a few
/// fields, so they are kept as given and found by a scan, and the fields taken are bits of one number; the one field of
/// a short form (<c>group: Developers</c>) is held as it is, without a list. Every rule of every file is read through
/// one of these, so it is a value on the stack, handed to the kind's reading by reference, and it carries what the
/// record takes besides its fields (where it was written, and whether a short form names an object by its name): the
/// record is made once, complete.
/// </summary>
public ref struct RuleFieldReader
{
    /// <summary>No kind has nearly so many fields: a rule with more is not read (and not scanned for duplicates).</summary>
    private const int MostFields = 64;

    /// <summary>The fields; default when the rule has the one field <see cref="singleName"/>.</summary>
    private readonly ImmutableArray<RuleField> fields;
    private readonly string? singleName;
    private readonly RuleValue? singleValue;
    private readonly bool shortForm;
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

    /// <summary>
    /// A rule of one field; for a file's short form (<paramref name="shortForm"/>), a reference that is not an id is
    /// a name (see <see cref="Reference"/>).
    /// </summary>
    public RuleFieldReader(string name, RuleValue value, bool shortForm = false)
    {
        singleName = name;
        singleValue = value;
        this.shortForm = shortForm;
        fits = true;
    }

    /// <summary>Where a file wrote the rule, for its record; null for a rule read from the API.</summary>
    public SourceSpan? Span { get; init; }

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

    /// <summary>
    /// The live object a field names: by its id, except in a file's one-value short form, where a value that is not
    /// UUID-shaped is a name for the plan to resolve (<c>group: Developers</c>).
    /// </summary>
    public ObjectReference Reference(string name) =>
        Text(name) is var text && shortForm && !Guid.TryParse(text, out _) ? ObjectReference.Name(text) : ObjectReference.Id(text);

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
