using System.Collections.Immutable;
using System.Runtime.InteropServices;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Rules;

/// <summary>
/// One include, exclude or require rule: a closed set of kinds, one record each, as the API defines them
/// (<see cref="RuleKinds"/>). The record says what the rule matches; <see cref="Kind"/> says how it is spelt on the wire
/// and in a file. A rule the API sends that this version cannot read is an <see cref="UnknownRule"/>, kept as it is.
/// </summary>
/// <remarks>
/// Two rules are equal when they are of the same kind with the same values, as written: where a file wrote them
/// (<see cref="Span"/>) is no part of that. Equal in meaning (an address in another letter case, <c>192.0.2.1</c> and
/// <c>192.0.2.1/32</c>) is <see cref="Canonical"/> equality.
/// </remarks>
public abstract record Rule
{
    /// <summary>The rule's kind: its key in the API's JSON and its short form in a file.</summary>
    public abstract RuleKind Kind { get; }

    /// <summary>Where a file wrote the rule; null for a rule read from the API.</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>The fields inside the rule's key, as the API names them, in ordinal order of their names.</summary>
    public abstract ImmutableArray<RuleField> Fields { get; }

    /// <summary>The rule in the one form the API means it (see <see cref="RuleNormalizer"/>); equal canonical rules match the same requests.</summary>
    public virtual Rule Canonical()
    {
        var reader = new RuleFieldReader([.. Fields.Select(RuleNormalizer.Normalize(Kind.Key))]);
        return Kind.Read(ref reader) ?? this;
    }

    public virtual bool Equals(Rule? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>The rule as a message shows it: <c>email: {email: ada@example.com}</c>.</summary>
    public sealed override string ToString() => Describe();

    protected virtual string Describe() => $"{Kind.Key}: {{{string.Join(", ", Fields.Select(f => $"{f.Name}: {f.Value}"))}}}";

    /// <summary>The given fields that have a value, in ordinal order of their names.</summary>
    protected static ImmutableArray<RuleField> FieldsOf(params ReadOnlySpan<(string Name, RuleValue? Value)> fields)
    {
        // One exact array, sorted in place: a plan writes every rule of an estate, and each write asks for this.
        var count = 0;
        foreach (var (_, value) in fields)
        {
            count += value is null ? 0 : 1;
        }

        var list = new RuleField[count];
        var next = 0;
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                list[next++] = new RuleField(name, value);
            }
        }

        if (list.Length > 1)
        {
            Array.Sort(list, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(list);
    }
}

/// <summary>One field inside a rule's key: <c>{"email": {"email": "ada@example.com"}}</c> has the field <c>email</c>.</summary>
public sealed record RuleField(string Name, RuleValue Value);
