using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Applying;

/// <summary>
/// The narrow port between the core and an Access API: read what is live, and write through
/// <see cref="Writer"/>. Cloudflare's API is one implementation; a test's in-memory fake is another.
/// </summary>
public interface IAccessProvider
{
    /// <summary>Everything live in each scope: applications with their policies, groups, service tokens, identity providers.</summary>
    Task<LiveState> ReadAsync(IReadOnlyCollection<Scope> scopes, CancellationToken cancellationToken);

    /// <summary>One application as it is now, with its policies, to check a saved plan against just before writing.</summary>
    Task<LiveApplication?> ReadApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken);

    /// <summary>The API's write endpoints.</summary>
    IAccessWriter Writer { get; }
}
