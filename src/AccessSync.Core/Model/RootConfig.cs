using System.Collections.Immutable;

namespace AccessSync.Core.Model;

/// <summary>The root <c>accesssync.yaml</c>: settings for every application file below it.</summary>
public sealed record RootConfig(
    Scope? Scope,
    bool Prune,
    PolicySettings Defaults,
    SafetyOptions Safety,
    ImmutableArray<string> Ignore)
{
    public const string FileName = "accesssync.yaml";

    /// <summary>What applies when there is no accesssync.yaml.</summary>
    public static RootConfig Default { get; } = new(null, Prune: true, PolicySettings.None, SafetyOptions.Default, []);
}

/// <summary>How much one plan may change before AccessSync refuses to go on without --force.</summary>
/// <param name="MinPolicies">The percentages apply only to applications with at least this many policies.</param>
public sealed record SafetyOptions(decimal MaxDeletePercent, decimal MaxUpdatePercent, int MinPolicies, bool AllowEmptyApps)
{
    public static SafetyOptions Default { get; } = new(30, 50, 4, AllowEmptyApps: false);
}
