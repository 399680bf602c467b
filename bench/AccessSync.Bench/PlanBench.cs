using System.Globalization;
using System.Text.Json;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>
/// <c>accesssync plan</c> as a user runs it (its own process, start-up included) over 1,000 files against the
/// in-process emulator holding the same estate behind a fixed latency, with a handful of real differences.
/// </summary>
internal static class PlanBench
{
    private const int PoliciesPerApp = 5;

    /// <returns>0, or 1 when a run of the CLI did not exit 0 (its figures are printed all the same).</returns>
    public static async Task<int> RunAsync(CliProcess cli, int apps, TimeSpan latency, int runs, bool trace, Summary summary)
    {
        var seed = new EstateSeed(apps, PoliciesPerApp, ReusablePolicies: 50, Groups: 100, ServiceTokens: 10, IdentityProviders: 3).Build();
        await using var server = await BenchEmulator.StartAsync(seed);
        await BenchEmulator.WarmAsync(server);
        server.Faults.Latency = latency;
        var directory = Directory.CreateTempSubdirectory("accesssync-plan-bench-").FullName;
        try
        {
            PolicyFiles.Write(directory, apps, PoliciesPerApp, reusablePolicies: 50, Differences(apps));
            Console.WriteLine($"estate: {apps} apps x {PoliciesPerApp} policies (+1 reusable link each), 50 reusable policies, 100 groups; latency {latency.TotalMilliseconds} ms per request; {apps} files with 5 differences");
            string[] args = ["plan", directory, "--api-url", server.BaseUrl.AbsoluteUri, "--account-id", EstateSeed.AccountId];

            await cli.RunAsync(["validate", directory]);   // warms the disk cache and the runtime's files, uncounted
            var results = new List<(double Ms, double CpuMs, int Requests, int RoundTrips, long RssKiB)>();
            var failed = 0;
            for (var run = 1; run <= runs; run++)
            {
                server.Requests.Clear();
                var result = await cli.RunAsync(args);
                var requests = server.Requests.All;
                var roundTrips = RoundTrips.Of(requests.Select(r => (r.Time.Subtract(DateTimeOffset.UnixEpoch), (r.Ended ?? DateTimeOffset.MaxValue).Subtract(DateTimeOffset.UnixEpoch))));
                results.Add((result.Wall.TotalMilliseconds, result.Cpu.TotalMilliseconds, requests.Count, roundTrips, result.PeakRssKiB));
                Console.WriteLine(
                    $"plan run {run}: wall {result.Wall.TotalMilliseconds:0} ms; CPU {result.Cpu.TotalMilliseconds:0} ms; {requests.Count} requests in {roundTrips} round trips, by the emulator's log ({string.Join(", ", requests.Select(r => $"{r.Method} {r.Path.Split('/')[^1]}{(r.Query.StartsWith("page=1&", StringComparison.Ordinal) ? "" : " " + r.Query.Split('&')[0])} {r.Status}"))}); " +
                    $"peak RSS {result.PeakRssKiB / 1024} MiB; exit {result.ExitCode}; \"{result.LastOutputLine}\"");
                if (result.ExitCode != 0)
                {
                    failed++;
                    Console.WriteLine(result.Error);
                }
            }

            Console.WriteLine(
                $"plan median of {runs}: wall {Stats.Median(results.Select(r => r.Ms)):0} ms (runs {Stats.Spread(results.Select(r => r.Ms))}); CPU {Stats.Median(results.Select(r => r.CpuMs)):0} ms (runs {Stats.Spread(results.Select(r => r.CpuMs))}); " +
                $"requests {Stats.Median(results.Select(r => (double)r.Requests))}; round trips {Stats.Median(results.Select(r => (double)r.RoundTrips))}; " +
                $"peak RSS {Stats.Median(results.Select(r => (double)r.RssKiB)) / 1024:0} MiB (runs {Stats.Spread(results.Select(r => r.RssKiB / 1024.0))})");
            summary.Row("wall", results.Select(r => r.Ms), "ms");
            summary.Row("cpu", results.Select(r => r.CpuMs), "ms");
            summary.Row("requests", results.Select(r => (double)r.Requests), "count");
            summary.Row("round-trips", results.Select(r => (double)r.RoundTrips), "count");
            summary.Row("peak-rss", results.Select(r => r.RssKiB / 1024.0), "MiB");

            if (trace)
            {
                await TraceAsync(cli, args);
            }

            return failed == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Where the time goes, by elimination and by the logs: the bare start-up (<c>--version</c>), start-up plus reading and
    /// validating the files (<c>validate</c>, no network), then one more plan at debug level with JSON logs, each event
    /// printed with its time since the process was started.
    /// </summary>
    private static async Task TraceAsync(CliProcess cli, string[] args)
    {
        var version = await cli.RunAsync(["--version"]);
        var validate = await cli.RunAsync(["validate", args[1]]);
        Console.WriteLine($"start-up alone (--version): wall {version.Wall.TotalMilliseconds:0} ms, CPU {version.Cpu.TotalMilliseconds:0} ms, peak RSS {version.PeakRssKiB / 1024} MiB");
        Console.WriteLine($"start-up + reading and validating the files (validate, no network): wall {validate.Wall.TotalMilliseconds:0} ms, CPU {validate.Cpu.TotalMilliseconds:0} ms, peak RSS {validate.PeakRssKiB / 1024} MiB");
        var result = await cli.RunAsync([.. args, "--log-level", "debug", "--log-format", "json"]);
        Console.WriteLine($"traced run: wall {result.Wall.TotalMilliseconds:0} ms, CPU {result.Cpu.TotalMilliseconds:0} ms; events since the process started:");
        foreach (var line in result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')))
        {
            using var json = JsonDocument.Parse(line);
            var at = DateTimeOffset.Parse(json.RootElement.GetProperty("@t").GetString()!, CultureInfo.InvariantCulture);
            var template = json.RootElement.GetProperty("@mt").GetString();
            var properties = json.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('@')).Select(p => $"{p.Name}={p.Value}");
            Console.WriteLine($"  +{(at - result.Started).TotalMilliseconds,6:0} ms  {template}  [{string.Join(", ", properties)}]");
        }

        Console.WriteLine($"  +{result.Wall.TotalMilliseconds,6:0} ms  process exited");
    }

    /// <summary>One of each kind of change, spread over the estate: 2 updates, a create, a delete and a reorder.</summary>
    private static Func<int, (FileEdit, int)> Differences(int apps) => a => (a * 5 / apps, a % (apps / 5)) switch
    {
        (0, 7) => (FileEdit.LongerSessions, 2),
        (1, 7) => (FileEdit.AddPolicy, 0),
        (2, 7) => (FileEdit.DropLastPolicy, 0),
        (3, 7) => (FileEdit.SwapFirstTwo, 0),
        _ => (FileEdit.None, 0),
    };
}
