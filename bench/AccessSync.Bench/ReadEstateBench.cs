using System.Diagnostics;
using System.Globalization;
using AccessSync.Cloudflare;
using AccessSync.Core.Model;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>
/// Plan's read of the live estate (CloudflareProvider.ReadAsync: the client's reads and the mapping to the core's live
/// model) over a large estate behind a fixed per-request latency: requests, round trips, wall time, and how long after
/// the last answer was in the live model was ready; memory.
/// </summary>
internal static class ReadEstateBench
{
    public static async Task RunAsync(int apps, int policies, int reusable, int groups, TimeSpan latency, int runs, int? readConcurrency, Summary summary)
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
        var results = new List<(double Wall, double AfterLast)>();
        for (var run = 1; run <= runs; run++)
        {
            var (line, wall, afterLast) = await MeasureOnceAsync(server, scope, readConcurrency);
            results.Add((wall, afterLast));
            Console.WriteLine($"run {run}: {line}");
        }

        Console.WriteLine(
            $"median of {runs}: wall {Stats.Median(results.Select(r => r.Wall)):0} ms (runs {Stats.Spread(results.Select(r => r.Wall))}); " +
            $"live model ready {Stats.Median(results.Select(r => r.AfterLast)):0} ms after the last answer (runs {Stats.Spread(results.Select(r => r.AfterLast))})");
        summary.Row("wall", results.Select(r => r.Wall), "ms");
        summary.Row("after-last-answer", results.Select(r => r.AfterLast), "ms");
    }

    /// <summary>One read with a new client, whose connections, limiter and pipelines start cold as in one CLI invocation.</summary>
    private static async Task<(string Line, double WallMs, double AfterLastMs)> MeasureOnceAsync(EmulatorServer server, Scope scope, int? readConcurrency)
    {
        var wire = new WireLog();
        var options = new CloudflareClientOptions { BaseUrl = server.BaseUrl, Transport = () => wire };
        using var client = BenchEmulator.Client(readConcurrency is { } pages ? options with { ReadConcurrency = pages } : options);
        server.Requests.Clear();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var started = wire.Now;
        var live = await new CloudflareProvider(client).ReadAsync([scope], CancellationToken.None);
        var done = wire.Now;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var exchanges = wire.Exchanges;
        var afterLast = done - exchanges.Max(e => e.Answered);
        var estate = live.Scopes.Single();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var line = $"{exchanges.Count} requests in {RoundTrips.Of(exchanges.Select(e => (e.Sent, e.Answered)))} round trips ({string.Join(", ", exchanges.OrderBy(e => e.Sent).Select(e => e.Path.Split('/')[^1]))}); " +
            $"wall {(done - started).TotalMilliseconds:0} ms, of which {afterLast.TotalMilliseconds:0} ms after the last answer was in; " +
            $"{estate.Applications.Length} apps, {estate.Applications.Sum(a => a.Policies.Length)} embedded policies, {estate.ReusablePolicies.Length} reusable, {estate.Groups.Length} groups; " +
            $"allocated {allocated / (1024 * 1024)} MiB (client and emulator); peak working set {peak / (1024 * 1024)} MiB";
        return (line, (done - started).TotalMilliseconds, afterLast.TotalMilliseconds);
    }
}
