using AccessSync.Core.Json;

namespace AccessSync.Core.Rules;

/// <summary>
/// Rules as a file writes them: the API's shape (<c>email: {email: ada@example.com}</c>), or a short form: one value
/// for the kind's <see cref="RuleKind.ShortFormField"/> (<c>email: ada@example.com</c>), <c>true</c> for a kind that
/// takes no value (<c>everyone: true</c>), and a name for a group, service token or identity provider
/// (<c>group: Developers</c>), which the plan resolves against the live account.
/// </summary>
public static class RuleShortForms
{
    /// <summary>A rule in the API's shape.</summary>
    public static Rule FromFields(string kind, IReadOnlyCollection<RuleField> fields) =>
        RuleKinds.Find(kind)?.Read(new RuleFieldReader(fields))
        ?? new UnknownRule(Utf8Json.Text(writer => RuleWire.WriteTo(writer, kind, fields)));

    /// <summary><c>everyone: true</c>: a kind whose API shape is an empty object.</summary>
    public static Rule FromFlag(string kind) => FromFields(kind, []);

    /// <summary>
    /// A one-value short form. For a kind that names a live object, a value that is not UUID-shaped is a name to
    /// resolve; an id is taken as it is.
    /// </summary>
    public static Rule FromValue(string kind, RuleValue value)
    {
        var field = RuleKinds.Find(kind)?.ShortFormField ?? kind;
        var rule = FromFields(kind, [new RuleField(field, value)]);
        return rule is ReferenceRule reference && value is TextRuleValue { Text: var text } && !Guid.TryParse(text, out _)
            ? reference.With(ObjectReference.Name(text))
            : rule;
    }
}
