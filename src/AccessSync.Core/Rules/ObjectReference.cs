namespace AccessSync.Core.Rules;

/// <summary>
/// A rule's reference to a live object (an Access group, a service token, an identity provider): by its id, as
/// the API has it, or by its name, as a file may write it until the plan resolves the name against the account.
/// </summary>
public sealed record ObjectReference(string Value, bool IsName)
{
    public static ObjectReference Id(string id) => new(id, IsName: false);

    public static ObjectReference Name(string name) => new(name, IsName: true);

    public override string ToString() => Value;
}
