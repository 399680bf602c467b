using System.Diagnostics;
using System.Globalization;

namespace AccessSync.Bench;

/// <summary>One run of the built CLI as its own process, start-up included: wall time, peak RSS, exit code and output.</summary>
internal sealed record CliRun(TimeSpan Wall, long PeakRssKiB, int ExitCode, string Out, string Error, DateTimeOffset Started)
{
    private const string Time = "/usr/bin/time";

    /// <summary>Runs <c>dotnet CLI args</c> under <c>/usr/bin/time</c> (for the peak RSS) with only the bench token in the environment.</summary>
    public static async Task<CliRun> StartAsync(string cliDll, IEnumerable<string> args)
    {
        if (!File.Exists(Time))
        {
            throw new InvalidOperationException($"{Time} is needed to measure the CLI's peak memory");
        }

        var rssFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(Time)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-f", "%M", "-o", rssFile, "dotnet", cliDll }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var name in new[] { "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_ZONE_ID" })
            {
                start.Environment.Remove(name);
            }

            start.Environment["CLOUDFLARE_API_TOKEN"] = BenchEmulator.Token;
            start.Environment["NO_COLOR"] = "1";

            var started = DateTimeOffset.UtcNow;
            var wall = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Time}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            wall.Stop();
            var rss = long.Parse((await File.ReadAllLinesAsync(rssFile)).Last(l => l.Length > 0), CultureInfo.InvariantCulture);
            return new CliRun(wall.Elapsed, rss, process.ExitCode, await output, await error, started);
        }
        finally
        {
            File.Delete(rssFile);
        }
    }

    public static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
