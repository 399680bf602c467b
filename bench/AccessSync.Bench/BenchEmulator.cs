using System.Text.Json.Nodes;
using AccessSync.Cloudflare;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>The in-process emulator every benchmark runs against, and clients for it.</summary>
internal static class BenchEmulator
{
    public const string Token = "bench-token-0123456789abcdef0123456789";

    public static Task<EmulatorServer> StartAsync(JsonObject seed) => EmulatorServer.StartAsync(new EmulatorOptions
    {
        Seed = EmulatorSeed.From(seed),
        Credentials = EmulatorCredentials.Token(Token),
    });

    public static CloudflareAccessClient Client(CloudflareClientOptions options) => new(CloudflareCredentials.ApiToken(Token), options);

    /// <summary>One plain GET of each list, so that a measured run shows the client's cold start, not the emulator's.</summary>
    public static async Task WarmAsync(EmulatorServer server)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("Authorization", "Bearer " + Token);
        foreach (var list in new[] { "apps", "policies", "groups", "service_tokens", "identity_providers" })
        {
            using var response = await http.GetAsync(new Uri($"{server.BaseUrl}/accounts/{EstateSeed.AccountId}/access/{list}?per_page=1000"));
            response.EnsureSuccessStatusCode();
        }
    }
}
