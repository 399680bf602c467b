using System.Collections.Immutable;
using System.Text.Json;

namespace AccessSync.Core.Rules;

/// <summary>
/// A rule the API sent that this version cannot read into a record: a kind added since, a field it does not know,
/// or a shape that is no rule at all. It is kept as the API wrote it, compared as JSON, and sent back unchanged, so
/// nothing the API holds is lost or altered by a version that does not understand it.
/// </summary>
/// <param name="Json">The rule's whole JSON, as the API wrote it.</param>
public sealed record UnknownRule(string Json) : Rule
{
    public override RuleKind Kind { get; } = RuleKind.Unknown(KeyOf(Json));

    /// <summary>The fields of the rule's single key, where they are text or lists of text; none otherwise.</summary>
    public override ImmutableArray<RuleField> Fields => [];

    /// <summary>What it matches cannot be known, so it is canonical as JSON: keys sorted, values as <see cref="RuleNormalizer"/> spells them.</summary>
    public override Rule Canonical() => new UnknownRule(RuleWire.CanonicalJson(this));

    public bool Equals(UnknownRule? other) => other is not null && Json == other.Json;

    public override int GetHashCode() => Json.GetHashCode(StringComparison.Ordinal);

    protected override string Describe() => Json;

    private static string KeyOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        using var properties = document.RootElement.EnumerateObject();
        return properties.MoveNext() ? properties.Current.Name : string.Empty;
    }
}
