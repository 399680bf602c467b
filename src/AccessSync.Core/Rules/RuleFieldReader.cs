using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>
/// Hands a rule's fields to the record that holds them and notes whether they fit it: every field asked for present
/// and of its type, and no field left over that the record would drop.
/// </summary>
public sealed class RuleFieldReader
{
    private readonly ImmutableSortedDictionary<string, RuleValue> fields;
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);
    private bool fits = true;

    public RuleFieldReader(IEnumerable<RuleField> fields)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, RuleValue>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            fits &= builder.TryAdd(field.Name, field.Value);
        }

        this.fields = builder.ToImmutable();
    }

    /// <summary>Every field was read, each as the type it has.</summary>
    public bool ReadWhole => fits && taken.Count == fields.Count;

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
        if (!fields.TryGetValue(name, out var value))
        {
            return null;
        }

        taken.Add(name);
        return value;
    }

    private T Missing<T>(T placeholder)
    {
        fits = false;
        return placeholder;
    }
}
