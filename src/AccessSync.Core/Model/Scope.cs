namespace AccessSync.Core.Model;

public enum ScopeKind
{
    Account,
    Zone,
}

/// <summary>Where an application lives: an account or a zone. The API keeps the two apart, and so does AccessSync.</summary>
public sealed record Scope(ScopeKind Kind, string Id)
{
    public static Scope Account(string id) => new(ScopeKind.Account, id);

    public static Scope Zone(string id) => new(ScopeKind.Zone, id);

    public override string ToString() => $"{(Kind == ScopeKind.Account ? "account" : "zone")} {Id}";
}
