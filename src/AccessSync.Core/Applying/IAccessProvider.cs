using System.Text.Json;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Applying;

/// <summary>
/// The narrow port between the core and an Access API: read what is live, and perform one write. Cloudflare's
/// API is one implementation; a test's in-memory fake is another.
/// </summary>
public interface IAccessProvider
{
    /// <summary>Everything live in each scope: applications with their policies, groups, service tokens, identity providers.</summary>
    Task<LiveState> ReadAsync(IReadOnlyCollection<Scope> scopes, CancellationToken cancellationToken);

    /// <summary>One application as it is now, with its policies, to check a saved plan against just before writing.</summary>
    Task<LiveApplication?> ReadApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken);

    /// <summary>
    /// Performs one write. <paramref name="body"/> is the complete policy to send (built by <see cref="PolicyBody"/>).
    /// Returns the policy as the API answered it, or the API's error as a failed outcome: never an exception for
    /// an API, auth or network failure.
    /// </summary>
    Task<StepOutcome> WriteAsync(ApplyStep step, JsonElement? body, CancellationToken cancellationToken);
}

/// <summary>How one write ended.</summary>
public abstract record StepOutcome
{
    /// <param name="Written">The policy the API returned (null for a delete).</param>
    public sealed record Done(JsonElement? Written) : StepOutcome;

    public sealed record Failed(string Message) : StepOutcome;
}
