using System.Globalization;

namespace AccessSync.Bench;

/// <summary>
/// <c>read-estate [--apps N] [--policies N] [--reusable N] [--groups N] [--latency-ms N] [--runs N]</c> and
/// <c>put-throughput [--puts N] [--budget N] [--window-s S] [--no-limiter]</c>. Prints one line of figures per run.
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
        switch (args[0])
        {
            case "read-estate":
                await ReadEstateBench.RunAsync(
                    Int(options, "apps", 1000),
                    Int(options, "policies", 5),
                    Int(options, "reusable", 50),
                    Int(options, "groups", 100),
                    TimeSpan.FromMilliseconds(Int(options, "latency-ms", 100)),
                    Int(options, "runs", 3));
                return 0;
            case "put-throughput":
                await PutThroughputBench.RunAsync(
                    Int(options, "puts", 300),
                    Int(options, "budget", 60),
                    TimeSpan.FromSeconds(Int(options, "window-s", 3)),
                    !options.ContainsKey("no-limiter"));
                return 0;
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: AccessSync.Bench read-estate [--apps N] [--policies N] [--reusable N] [--groups N] [--latency-ms N] [--runs N]");
        Console.Error.WriteLine("       AccessSync.Bench put-throughput [--puts N] [--budget N] [--window-s S] [--no-limiter]");
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
