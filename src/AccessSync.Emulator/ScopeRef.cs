namespace AccessSync.Emulator;

/// <summary>An account or a zone: the two places Access applications live. The scope is part of an app's identity.</summary>
public sealed record ScopeRef(bool IsZone, string Id)
{
    public static ScopeRef Account(string id) => new(false, id);

    public static ScopeRef Zone(string id) => new(true, id);

    public override string ToString() => IsZone ? $"zones/{Id}" : $"accounts/{Id}";
}
