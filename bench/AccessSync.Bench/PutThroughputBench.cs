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

        // The emulator's limit starts full now, as Cloudflare's would for a fresh token.
        server.Faults.RateLimit = new RateLimitOptions(budget, window);
        server.Requests.Clear();
        var wall = Stopwatch.StartNew();
        foreach (var (app, policy) in targets)
        {
            var body = policy.ToWriteBody();
            body["session_duration"] = "12h";
            await client.UpdateApplicationPolicyAsync(scope, app, policy.Id, body);
        }

        wall.Stop();
        var requests = server.Requests.All;
        var rejected = requests.Count(r => r.Status == 429);
        var seconds = wall.Elapsed.TotalSeconds;
        var budgetRate = budget / window.TotalSeconds;
        var rate = targets.Count / seconds;
        Console.WriteLine(
            $"{targets.Count} sequential PUTs, emulator limit {budget} per {window.TotalSeconds} s ({budgetRate:0.0}/s), client limiter {(withLimiter ? "on" : "off")}: " +
            $"{requests.Count} requests, {rejected} answered 429; wall {seconds:0.0} s; {rate:0.0} PUT/s = {rate / budgetRate:P0} of the budget's rate");
    }
}
