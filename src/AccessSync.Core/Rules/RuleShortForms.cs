using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
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
    /// <summary>A rule in the API's shape, written at <paramref name="span"/>.</summary>
    public static Rule FromFields(string kind, ImmutableArray<RuleField> fields, SourceSpan? span = null)
    {
        var reader = new RuleFieldReader(fields) { Span = span };
        return RuleKinds.Find(kind)?.Read(ref reader) ?? Unknown(kind, fields, span);
    }

    /// <summary><c>everyone: true</c>: a kind whose API shape is an empty object.</summary>
    public static Rule FromFlag(string kind, SourceSpan? span = null) => FromFields(kind, [], span);

    /// <summary>
    /// A one-value short form. For a kind that names a live object, a value that is not UUID-shaped is a name to
    /// resolve; an id is taken as it is.
    /// </summary>
    public static Rule FromValue(string kind, RuleValue value, SourceSpan? span = null)
    {
        var known = RuleKinds.Find(kind);
        var field = known?.ShortFormField ?? kind;
        var reader = new RuleFieldReader(field, value, shortForm: true) { Span = span };
        return known?.Read(ref reader) ?? Unknown(kind, [new RuleField(field, value)], span);
    }

    /// <summary>A rule of a kind this version does not know, or whose fields do not fit it: kept as its JSON.</summary>
    private static UnknownRule Unknown(string kind, ImmutableArray<RuleField> fields, SourceSpan? span) =>
        new(Utf8Json.Text(writer => RuleWire.WriteTo(writer, kind, fields))) { Span = span };
}
