using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>The value of one field inside a rule: text for all kinds but user_risk_score, which takes a list.</summary>
public abstract record RuleValue
{
    public static RuleValue Of(string text) => new TextRuleValue(text);

    public static RuleValue Of(IEnumerable<string> items) => new ListRuleValue([.. items]);

    /// <summary>A rule's optional text field: null stays null, so an absent field is left out.</summary>
    public static implicit operator RuleValue?(string? text) => text is null ? null : Of(text);
}

public sealed record TextRuleValue(string Text) : RuleValue
{
    public override string ToString() => Text;
}

public sealed record ListRuleValue(ImmutableArray<string> Items) : RuleValue
{
    public bool Equals(ListRuleValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(17, (hash, item) => HashCode.Combine(hash, item));

    public override string ToString() => $"[{string.Join(", ", Items)}]";
}
