namespace AccessSync.Core.Sources;

/// <summary>
/// What one policy file may make the tool do. Policy files arrive in pull requests, untrusted, to a job that holds an
/// API token: each limit sits far above any real policy (the examples need a few hundred nodes and eight levels) and
/// far below what would hurt (memory, time, a crash), and passing one is a located error, never an attempt.
/// The README's <c>validate</c> section lists them with their reasons; keep the two in step.
/// </summary>
public static class SourceLimits
{
    /// <summary>
    /// No real policy file comes near this; a larger one is a mistake (a generated dump, a binary) and
    /// would only slow every run down.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Levels of lists and mappings, the root's counting as one. A policy file needs about eight (root, policies,
    /// policy, connection rules, a protocol, a list). Every stage after the reader (the schema check, the model)
    /// may recurse once per level, and the YAML parser slows down with each open bracket, so the reader stops here.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Nodes written in one file (each key, value, list and mapping; an alias counts as one here). A file at the
    /// size limit written as real policies holds about this many; a file crammed with tiny values holds more.
    /// </summary>
    public const int MaxNodes = 100_000;

    /// <summary>
    /// Nodes of the file with every alias replaced by what it names: what the schema check and the model go
    /// through. Aliases share nodes while reading, but nine aliases of an anchor that aliases another nine times,
    /// and so on, would make the later stages walk billions of them (an alias bomb).
    /// </summary>
    public const int MaxExpandedNodes = 200_000;

    /// <summary>Characters in a mapping key. The schema's keys are under 40; a long one is echoed in messages and compared against every known key.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>
    /// Characters in one value. The longest real ones (a prompt, a certificate's common name, a SAML attribute)
    /// are a few hundred; values are matched against the schema's patterns, echoed in messages and sent to the API.
    /// </summary>
    public const int MaxValueLength = 10_000;

    /// <summary>
    /// Rules in one policy, its include, exclude and require lists together: Cloudflare's default limit of rules
    /// per application, so a policy with more could never be applied.
    /// </summary>
    public const int MaxRulesPerPolicy = 1_000;

    /// <summary>
    /// Entries in one application's <c>policies</c> list (its own policies and <c>use</c> entries). Cloudflare's
    /// default account limit is 500 reusable policies; real applications have a handful.
    /// </summary>
    public const int MaxPoliciesPerApplication = 500;
}
