using System.Diagnostics;
using AccessSync.Cloudflare;
using AccessSync.Core.Model;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>Sequential policy PUTs against an emulator with a small rate limit: 429s drawn and throughput against the budget.</summary>
internal static class PutThroughputBench
{
    private const int PoliciesPerApp = 5;

    public static async Task RunAsync(int puts, int budget, TimeSpan window, bool withLimiter)
    {
        var apps = (puts + PoliciesPerApp - 1) / PoliciesPerApp;
        await using var server = await BenchEmulator.StartAsync(new EstateSeed(apps, PoliciesPerApp).Build());
        var scope = Scope.Account(EstateSeed.AccountId);
        var options = new CloudflareClientOptions
        {
            BaseUrl = server.BaseUrl,
            RateLimit = withLimiter ? new RequestBudget(budget, window) : null,
            Retry = new RetryOptions { MaxAttempts = 20, MaxTotalWait = TimeSpan.FromMinutes(5) },
        };
        using var client = BenchEmulator.Client(options);
        var targets = (await client.ReadEstateAsync(scope)).Applications
            .SelectMany(a => a.Policies.Where(p => p.Precedence <= PoliciesPerApp).Select(p => (App: a.Id, Policy: p)))
            .Take(puts)
            .ToList();

        // The client's limit has counted the read above; a new client starts with an empty window, as the emulator's now does.
        using var writer = BenchEmulator.Client(options);
        server.Faults.RateLimit = new RateLimitOptions(budget, window);
        server.Requests.Clear();
        var wall = Stopwatch.StartNew();
        foreach (var (app, policy) in targets)
        {
            var body = policy.ToWriteBody();
            body["session_duration"] = "12h";
            await writer.UpdateApplicationPolicyAsync(scope, app, policy.Id, body);
        }

        wall.Stop();
        var requests = server.Requests.All;
        var rejected = server.Requests.RateLimitedCount;
        var limit = new Budget(budget, window);
        Console.WriteLine(
            $"{targets.Count} sequential PUTs, emulator limit {budget} in any {window.TotalSeconds} s, client limiter {(withLimiter ? "on" : "off")}: " +
            $"{requests.Count} requests, {rejected} answered 429; wall {wall.Elapsed.TotalSeconds:0.00} s; " +
            $"the budget's bound {limit.Bound(targets.Count).TotalSeconds:0.0} s ({budget} at once, then {budget} a window later, ...) = {limit.Share(targets.Count, wall.Elapsed)} of the budget's throughput; " +
            $"{limit.EvenPaceBound(targets.Count) / wall.Elapsed:P0} of its average rate ({budget / window.TotalSeconds:0.0}/s)");
    }
}
