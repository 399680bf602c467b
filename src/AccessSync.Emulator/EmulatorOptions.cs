namespace AccessSync.Emulator;

/// <summary>How to start an emulator.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The initial state; null starts empty.</summary>
    public EmulatorSeed? Seed { get; init; }

    /// <summary>When set: loaded at start if it exists (it wins over <see cref="Seed"/>), and saved after every write.</summary>
    public string? StateFile { get; init; }

    /// <summary>The credential every request must carry; null accepts any non-empty, well-formed credential.</summary>
    public EmulatorCredentials? Credentials { get; init; }

    /// <summary>0 picks any free port. The emulator always binds 127.0.0.1 only.</summary>
    public int Port { get; init; }

    /// <summary>The clock for timestamps and the rate limit. Latency always waits in real time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Keep only this many of the latest requests in <see cref="EmulatorServer.Requests"/>; null (the default) keeps all.</summary>
    public int? RequestLogCapacity { get; init; }

    /// <summary>Seed of the random source behind FailRate, ResetRate and random latency; null for a random seed.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>
    /// The largest request body accepted, in bytes; a larger one is refused with 413 and the API's envelope before
    /// it is read (by its Content-Length) or as soon as the bytes read pass it (a chunked body). The default, 1 MiB,
    /// is far above the largest body the API's own limits allow (README.md, "Limits").
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// When true, every application created through the API refuses new app-scoped ("legacy") policies, as
    /// Cloudflare does for applications created today. Seeded apps follow their own <c>x-emulator</c> setting.
    /// </summary>
    public bool RefuseAppScopedPoliciesOnNewApps { get; init; }
}
