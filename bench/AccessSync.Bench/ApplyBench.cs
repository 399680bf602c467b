using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>
/// <c>accesssync apply --auto-approve</c> as a user runs it, writing many policy updates against the in-process emulator
/// with a rate limit: wall time against the least time the budget allows, and 429s drawn.
/// </summary>
/// <remarks>
/// The CLI keeps to Cloudflare's budget (1,200 requests in any 5 minutes) unless told another with --rate-limit, which
/// this benchmark does not pass: the emulator's limit (<c>--budget</c>, <c>--window-s</c>) can be changed only to show what
/// a smaller server budget does to the same client. 1,000 updates (about 1,010 requests) fit one window, so the budget
/// does not bind them; 2 updates per application (about 2,010 requests) make it bind. Each run has an emulator of its
/// own: a second apply against the first one's would find nothing to change, and its window still full.
/// </remarks>
internal static class ApplyBench
{
    private const int PoliciesPerApp = 5;

    /// <returns>0, or 1 when a run of the CLI did not exit 0 (its figures are printed all the same).</returns>
    public static async Task<int> RunAsync(CliProcess cli, int apps, int updatesPerApp, int budget, TimeSpan window, TimeSpan latency, int runs, Summary summary)
    {
        var limit = new Budget(budget, window);
        var results = new List<ApplyRun>();
        for (var run = 1; run <= runs; run++)
        {
            results.Add(await RunOnceAsync(cli, apps, updatesPerApp, limit, latency));
        }

        summary.Row("wall", results.Select(r => r.Wall.TotalSeconds), "s");
        summary.Row("requests", results.Select(r => (double)r.Requests), "count");
        summary.Row("rejected-429", results.Select(r => (double)r.Rejected), "count");

        // A share only where the budget binds: below one window's worth any wall time keeps to it.
        if (results.All(r => limit.ShareOf(r.Requests, r.Wall) is not null))
        {
            summary.Row("budget-share", results.Select(r => 100 * limit.ShareOf(r.Requests, r.Wall)!.Value), "%");
        }

        return results.All(r => r.ExitCode == 0) ? 0 : 1;
    }

    private static async Task<ApplyRun> RunOnceAsync(CliProcess cli, int apps, int updatesPerApp, Budget limit, TimeSpan latency)
    {
        await using var server = await BenchEmulator.StartAsync(new EstateSeed(apps, PoliciesPerApp, Groups: 1).Build());
        await BenchEmulator.WarmAsync(server);
        server.Faults.Latency = latency;
        var directory = Directory.CreateTempSubdirectory("accesssync-apply-bench-").FullName;
        try
        {
            PolicyFiles.Write(directory, apps, PoliciesPerApp, reusablePolicies: 0, _ => (FileEdit.LongerSessions, updatesPerApp));
            string[] args = ["apply", directory, "--auto-approve", "--api-url", server.BaseUrl.AbsoluteUri, "--account-id", EstateSeed.AccountId];

            // More than half an application's policies updated trips the default safety threshold, on purpose.
            if (updatesPerApp * 2 > PoliciesPerApp)
            {
                args = [.. args, "--force"];
            }

            // The emulator's bucket starts full now, as Cloudflare's would for a token that has been idle.
            server.Faults.RateLimit = new RateLimitOptions(limit.Requests, limit.Window);
            server.Requests.Clear();
            var result = await cli.RunAsync(args);
            var requests = server.Requests.All;
            var rejected = server.Requests.RateLimitedCount;
            var puts = requests.Count(r => r.Method == "PUT" && r.Status == 200);
            var span = (requests.Max(r => r.Ended) ?? DateTimeOffset.MaxValue) - requests.Min(r => r.Time);
            Console.WriteLine(
                $"apply: {apps} apps x {updatesPerApp} policy updates; emulator limit {limit.Requests} in any {limit.Window.TotalSeconds} s, latency {latency.TotalMilliseconds} ms; " +
                $"{requests.Count} requests ({puts} PUTs answered 200), {rejected} answered 429; wall {result.Wall.TotalSeconds:0.0} s (start-up included), CPU {result.Cpu.TotalSeconds:0.0} s; " +
                $"the budget's bound {limit.Bound(requests.Count).TotalSeconds:0.0} s = {limit.Share(requests.Count, result.Wall)} of the budget's throughput; " +
                $"from the first request's arrival to the last one's end {span.TotalSeconds:0.0} s (start-up and planning before them left out) = {limit.Share(requests.Count, span)}; " +
                $"at its average rate ({limit.Requests / limit.Window.TotalSeconds:0.0}/s) {limit.EvenPaceBound(requests.Count).TotalSeconds:0.0} s = {limit.EvenPaceBound(requests.Count) / result.Wall:P0}; " +
                $"peak RSS {result.PeakRssKiB / 1024} MiB; exit {result.ExitCode}; \"{result.LastOutputLine}\"");
            if (result.ExitCode != 0)
            {
                Console.WriteLine(result.Error);
            }

            return new ApplyRun(result.Wall, requests.Count, rejected, result.ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>One apply: its wall time (start-up included), the requests the emulator saw, how many it answered 429, the CLI's exit code.</summary>
    private sealed record ApplyRun(TimeSpan Wall, int Requests, int Rejected, int ExitCode);
}
