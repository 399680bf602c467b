using System.Text.Json.Nodes;
using AccessSync.Cloudflare;
using AccessSync.Emulator;

namespace AccessSync.Bench;

/// <summary>The in-process emulator both benchmarks run against, and clients for it.</summary>
internal static class BenchEmulator
{
    public const string Token = "bench-token-0123456789abcdef0123456789";

    public static Task<EmulatorServer> StartAsync(JsonObject seed) => EmulatorServer.StartAsync(new EmulatorOptions
    {
        Seed = EmulatorSeed.From(seed),
        Credentials = EmulatorCredentials.Token(Token),
    });

    public static CloudflareAccessClient Client(CloudflareClientOptions options) => new(CloudflareCredentials.ApiToken(Token), options);
}
