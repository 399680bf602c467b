namespace AccessSync.Core.Model;

/// <summary>The API's spelling of the model's enumerations.</summary>
public static class WireNames
{
    public static string Of(Decision decision) => decision switch
    {
        Decision.Allow => "allow",
        Decision.Deny => "deny",
        Decision.NonIdentity => "non_identity",
        Decision.Bypass => "bypass",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    /// <summary>The decision, or null for a value this version does not know (the API may add one).</summary>
    public static Decision? TryParseDecision(string? wire) => wire switch
    {
        "allow" => Decision.Allow,
        "deny" => Decision.Deny,
        "non_identity" => Decision.NonIdentity,
        "bypass" => Decision.Bypass,
        _ => null,
    };

    public static Decision ParseDecision(string wire) => TryParseDecision(wire) ?? throw new ArgumentOutOfRangeException(nameof(wire), wire, "not an Access decision");
}
