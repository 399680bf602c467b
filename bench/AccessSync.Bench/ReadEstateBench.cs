using System.Diagnostics;
using System.Globalization;
using AccessSync.Cloudflare;
using AccessSync.Core.Model;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>ReadEstateAsync over a large estate behind a fixed per-request latency: requests, wall time, memory.</summary>
internal static class ReadEstateBench
{
    public static async Task RunAsync(int apps, int policies, int reusable, int groups, TimeSpan latency, int runs, int? readConcurrency)
    {
        var sinceStart = Stopwatch.StartNew();
        var seed = new EstateSeed(apps, policies, reusable, groups, ServiceTokens: 10, IdentityProviders: 3).Build();
        await using var server = await BenchEmulator.StartAsync(seed);
        server.Faults.RateLimit = null;
        server.Faults.Latency = latency;
        Console.WriteLine($"estate: {apps} apps x {policies} policies (+1 reusable link each), {reusable} reusable policies, {groups} groups; latency {latency.TotalMilliseconds} ms per request; read concurrency {readConcurrency?.ToString(CultureInfo.InvariantCulture) ?? "the client's default"}");
        Console.WriteLine($"emulator started {sinceStart.ElapsedMilliseconds} ms after the process began timing");

        var scope = Scope.Account(EstateSeed.AccountId);
        await BenchEmulator.WarmAsync(server);
        Console.WriteLine($"emulator warmed (one plain GET of each list, so run 1 shows the client's cold start, not the emulator's) at {sinceStart.ElapsedMilliseconds} ms");
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"run {run}: " + await MeasureOnceAsync(server, scope, readConcurrency));
        }
    }

    /// <summary>One read with a new client, whose connections, limiter and pipelines start cold as in one CLI invocation.</summary>
    private static async Task<string> MeasureOnceAsync(EmulatorServer server, Scope scope, int? readConcurrency)
    {
        var options = new CloudflareClientOptions { BaseUrl = server.BaseUrl };
        using var client = BenchEmulator.Client(readConcurrency is { } lists ? options with { ReadConcurrency = lists } : options);
        server.Requests.Clear();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var wall = Stopwatch.StartNew();
        var estate = await client.ReadEstateAsync(scope);
        wall.Stop();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var embedded = estate.Applications.Sum(a => a.Policies.Count);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        return $"{server.Requests.Count} requests ({string.Join(", ", server.Requests.All.Select(r => r.Path.Split('/')[^1]))}); " +
            $"wall {wall.ElapsedMilliseconds} ms; {estate.Applications.Count} apps, {embedded} embedded policies, {estate.ReusablePolicies.Count} reusable, {estate.Groups.Count} groups; " +
            $"allocated {allocated / (1024 * 1024)} MiB (client and emulator); peak working set {peak / (1024 * 1024)} MiB";
    }
}
