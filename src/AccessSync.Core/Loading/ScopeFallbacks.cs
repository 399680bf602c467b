using AccessSync.Core.Model;

namespace AccessSync.Core.Loading;

/// <summary>
/// Scopes from outside the files, in the order they are consulted after the file's own and accesssync.yaml's:
/// the --account-id/--zone-id option, then CLOUDFLARE_ACCOUNT_ID/CLOUDFLARE_ZONE_ID.
/// </summary>
public sealed record ScopeFallbacks(Scope? CommandLine, Scope? Environment)
{
    public static ScopeFallbacks None { get; } = new(null, null);

    /// <summary>The most specific scope given: the file's, then the root config's, then these.</summary>
    public Scope? Resolve(Scope? file, Scope? config) => file ?? config ?? CommandLine ?? Environment;
}
