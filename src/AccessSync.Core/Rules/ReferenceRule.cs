namespace AccessSync.Core.Rules;

/// <summary>A rule that names a live object the files may give by name: <see cref="GroupRule"/>, <see cref="ServiceTokenRule"/>, <see cref="LoginMethodRule"/>.</summary>
public abstract record ReferenceRule(ObjectReference Reference) : Rule
{
    /// <summary>What the object is called in messages: "Access group", "service token", "identity provider".</summary>
    public abstract string ObjectKind { get; }

    /// <summary>The same rule, naming the object another way (a name resolved to its id).</summary>
    public ReferenceRule With(ObjectReference reference) => this with { Reference = reference };

    protected override string Describe() => Reference.IsName ? $"{Kind.Key}: {Reference.Value}" : base.Describe();
}
