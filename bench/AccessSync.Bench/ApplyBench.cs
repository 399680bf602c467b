using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>
/// <c>accesssync apply --auto-approve</c> as a user runs it, writing many policy updates against the in-process emulator
/// with a rate limit: wall time against the fastest the budget allows, and 429s drawn.
/// </summary>
/// <remarks>
/// The CLI keeps to Cloudflare's budget (1,200 requests per 5 minutes) and has no option to change it, so the
/// emulator's window can be shrunk (<c>--window-s</c>) only to show what a smaller server budget does to the same client:
/// the bound printed is always the emulator's.
/// </remarks>
internal static class ApplyBench
{
    private const int PoliciesPerApp = 5;

    public static async Task RunAsync(CliProcess cli, int apps, int updatesPerApp, int budget, TimeSpan window, TimeSpan latency)
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
            server.Faults.RateLimit = new RateLimitOptions(budget, window);
            server.Requests.Clear();
            var result = await cli.RunAsync(args);
            var requests = server.Requests.All;
            var rejected = requests.Count(r => r.Status == 429);
            var puts = requests.Count(r => r.Method == "PUT" && r.Status == 200);
            var rate = budget / window.TotalSeconds;
            var bound = TimeSpan.FromSeconds(requests.Count / rate);
            Console.WriteLine(
                $"apply: {apps} apps x {updatesPerApp} policy updates; emulator limit {budget} per {window.TotalSeconds} s ({rate:0.0}/s), latency {latency.TotalMilliseconds} ms; " +
                $"{requests.Count} requests ({puts} PUTs answered 200), {rejected} answered 429 (target 0); wall {result.Wall.TotalSeconds:0.0} s (start-up included), CPU {result.Cpu.TotalSeconds:0.0} s; " +
                $"budget bound {bound.TotalSeconds:0.0} s (requests / {rate:0.0} per s) = {bound / result.Wall:P0} of the budget's throughput (target >= 90%); " +
                $"peak RSS {result.PeakRssKiB / 1024} MiB; exit {result.ExitCode}; \"{result.LastOutputLine}\"");
            if (result.ExitCode != 0)
            {
                Console.WriteLine(result.Error);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
