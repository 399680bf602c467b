namespace AccessSync.Core.Rules;

/// <summary>Reads a rule's fields into the record of its kind; null when they are not its fields.</summary>
public delegate Rule? ReadRuleFields(ref RuleFieldReader fields);

/// <summary>
/// How one kind of rule is spelt: its key in the API's JSON, the short forms a file may use for it, and how its
/// fields are read into its record. Every kind is listed once, in <see cref="RuleKinds"/>.
/// </summary>
public sealed class RuleKind
{
    private readonly ReadRuleFields read;

    internal RuleKind(string key, ReadRuleFields read, string? shortFormField = null, bool flag = false)
    {
        Key = key;
        this.read = read;
        ShortFormField = shortFormField;
        IsFlag = flag;
    }

    /// <summary>The kind of a rule this version does not know: it has a key, and no record to read it into.</summary>
    internal static RuleKind Unknown(string key) => new(key, static (ref _) => null);

    /// <summary>The rule's key in the API's JSON: <c>email</c>, <c>group</c>, <c>github-organization</c>, ...</summary>
    public string Key { get; }

    /// <summary>The field a file's one-value short form fills (<c>email: ada@example.com</c> fills <c>email</c>); null when there is none.</summary>
    public string? ShortFormField { get; }

    /// <summary>A kind whose API shape is an empty object (or one optional field), which a file may write as <c>true</c>: <c>everyone: true</c>.</summary>
    public bool IsFlag { get; }

    /// <summary>
    /// The rule with these fields, or null when they are not the fields this kind has (a field missing, one of
    /// another type, or one this version does not know): such a rule is kept as an <see cref="UnknownRule"/>.
    /// </summary>
    public Rule? Read(ref RuleFieldReader fields)
    {
        var rule = read(ref fields);
        return fields.ReadWhole ? rule : null;
    }

    public override string ToString() => Key;
}
