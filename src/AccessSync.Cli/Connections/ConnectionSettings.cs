using AccessSync.Cloudflare;

namespace AccessSync.Cli.Connections;

/// <summary>Where the live state is: Cloudflare's API (or another at <see cref="ApiUrl"/>), or the local sandbox.</summary>
/// <param name="Budget">The request budget the client keeps to; null for none (<c>--rate-limit off</c>).</param>
public sealed record ConnectionSettings(Uri? ApiUrl, bool Sandbox, RequestBudget? Budget);
