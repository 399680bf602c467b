using System.Globalization;

namespace AccessSync.Bench;

/// <summary>
/// <c>read-estate [--apps N] [--policies N] [--reusable N] [--groups N] [--latency-ms N] [--runs N] [--read-concurrency N]</c> and
/// <c>put-throughput [--puts N] [--budget N] [--window-s S] [--no-limiter]</c>, and, running the built CLI as its own process,
/// <c>plan [--cli DLL] [--cli-env "NAME=VALUE ..."] [--apps N] [--latency-ms N] [--runs N] [--trace]</c>, <c>plan-phases [--apps N] [--latency-ms N] [--rounds N]</c> and
/// <c>fuzz [--cases N] [--seed S]</c>, <c>validate-phases --dir DIR [--rounds N]</c> and
/// <c>apply [--cli DLL] [--cli-env "NAME=VALUE ..."] [--apps N] [--updates-per-app N] [--budget N] [--window-s S] [--latency-ms N] [--runs N]</c>. Prints one line of figures per run.
/// <c>--summary</c> (read-estate, plan, validate-phases, apply) adds a line <c>ROW measure median min max unit</c> per measure, for bench/table.sh.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        var options = Parse(args.Skip(1).ToArray());
        var summary = new Summary(options.ContainsKey("summary"));
        switch (args[0])
        {
            case "read-estate":
                await ReadEstateBench.RunAsync(
                    Int(options, "apps", 1000),
                    Int(options, "policies", 5),
                    Int(options, "reusable", 50),
                    Int(options, "groups", 100),
                    TimeSpan.FromMilliseconds(Int(options, "latency-ms", 100)),
                    Int(options, "runs", 3),
                    options.ContainsKey("read-concurrency") ? Int(options, "read-concurrency", 0) : null,
                    summary);
                return 0;
            case "put-throughput":
                await PutThroughputBench.RunAsync(
                    Int(options, "puts", 300),
                    Int(options, "budget", 60),
                    TimeSpan.FromSeconds(Int(options, "window-s", 3)),
                    !options.ContainsKey("no-limiter"));
                return 0;
            case "plan":
                return await PlanBench.RunAsync(
                    Cli(options),
                    Math.Max(10, Int(options, "apps", 1000)),
                    TimeSpan.FromMilliseconds(Int(options, "latency-ms", 100)),
                    Int(options, "runs", 5),
                    options.ContainsKey("trace"),
                    summary);
            case "plan-phases":
                await PlanPhasesBench.RunAsync(Math.Max(10, Int(options, "apps", 1000)), TimeSpan.FromMilliseconds(Int(options, "latency-ms", 100)), Int(options, "rounds", 3));
                return 0;
            case "apply":
                return await ApplyBench.RunAsync(
                    Cli(options),
                    Int(options, "apps", 1000),
                    Math.Clamp(Int(options, "updates-per-app", 1), 1, 5),
                    Int(options, "budget", 1200),
                    TimeSpan.FromSeconds(Int(options, "window-s", 300)),
                    TimeSpan.FromMilliseconds(Int(options, "latency-ms", 0)),
                    Math.Max(1, Int(options, "runs", 1)),
                    summary);
            case "validate-phases" when options.TryGetValue("dir", out var directory):
                ValidatePhasesBench.Run(directory, Int(options, "rounds", 3), summary);
                return 0;
            case "fuzz":
                return FuzzBench.Run(Int(options, "cases", 100_000), options.TryGetValue("seed", out var seed) ? ulong.Parse(seed, CultureInfo.InvariantCulture) : null);
            default:
                return Usage();
        }
    }

    /// <summary>
    /// The built accesssync.dll: --cli, else where bench/plan-apply.sh builds it, next to this benchmark's own folder; and
    /// the environment of --cli-env "NAME=VALUE ...".
    /// </summary>
    private static CliProcess Cli(Dictionary<string, string> options) => new(
        options.TryGetValue("cli", out var path) ? Path.GetFullPath(path) : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "cli", "accesssync.dll")),
        options.TryGetValue("cli-env", out var environment)
            ? environment.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v.Length > 1 ? v[1] : "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal));

    private static int Usage()
    {
        Console.Error.WriteLine("usage: AccessSync.Bench read-estate [--apps N] [--policies N] [--reusable N] [--groups N] [--latency-ms N] [--runs N] [--read-concurrency N] [--summary]");
        Console.Error.WriteLine("       AccessSync.Bench put-throughput [--puts N] [--budget N] [--window-s S] [--no-limiter]");
        Console.Error.WriteLine("       AccessSync.Bench plan [--cli DLL] [--cli-env \"NAME=VALUE ...\"] [--apps N] [--latency-ms N] [--runs N] [--trace] [--summary]");
        Console.Error.WriteLine("       AccessSync.Bench fuzz [--cases N] [--seed S]");
        Console.Error.WriteLine("       AccessSync.Bench plan-phases [--apps N] [--latency-ms N] [--rounds N]");
        Console.Error.WriteLine("       AccessSync.Bench validate-phases --dir DIR [--rounds N] [--summary]");
        Console.Error.WriteLine("       AccessSync.Bench apply [--cli DLL] [--cli-env \"NAME=VALUE ...\"] [--apps N] [--updates-per-app N] [--budget N] [--window-s S] [--latency-ms N] [--runs N] [--summary]");
        Console.Error.WriteLine("       --summary: after the figures, a line \"ROW measure median min max unit\" for each measure");
        return 2;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : "true";
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
