namespace AccessSync.Cli.Remote;

/// <summary>Where the live state is: Cloudflare's API (or another at <see cref="ApiUrl"/>), or the local sandbox.</summary>
public sealed record ConnectionSettings(Uri? ApiUrl, bool Sandbox);
