using System.Diagnostics;
using System.Globalization;

namespace AccessSync.Bench;

/// <summary>
/// The built CLI (<c>accesssync.dll</c>, or a self-contained build's <c>accesssync</c> executable) and extra environment variables for it (runtime settings such as
/// <c>DOTNET_TieredCompilation=0</c>, to try them without touching the product).
/// </summary>
internal sealed record CliProcess(string Dll, IReadOnlyDictionary<string, string> Environment)
{
    private const string Time = "/usr/bin/time";

    /// <summary>Runs <c>dotnet DLL args</c> under <c>/usr/bin/time</c> (for the peak RSS and CPU time) with only the bench token as credential.</summary>
    public async Task<CliRun> RunAsync(IEnumerable<string> args)
    {
        if (!File.Exists(Time))
        {
            throw new InvalidOperationException($"{Time} is needed to measure the CLI's peak memory");
        }

        var statsFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(Time)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // A .dll runs on the shared runtime; anything else (a self-contained build's own executable) runs as it is.
            string[] command = Dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", Dll] : [Dll];
            foreach (var arg in new[] { "-f", "%M %U %S", "-o", statsFile }.Concat(command).Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var name in new[] { "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_ZONE_ID" })
            {
                start.Environment.Remove(name);
            }

            start.Environment["CLOUDFLARE_API_TOKEN"] = BenchEmulator.Token;
            start.Environment["NO_COLOR"] = "1";
            foreach (var (name, value) in Environment)
            {
                start.Environment[name] = value;
            }

            var started = DateTimeOffset.UtcNow;
            var wall = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Time}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            wall.Stop();
            // The last line: /usr/bin/time writes "Command exited with non-zero status N" above it when there is one.
            var stats = (await File.ReadAllLinesAsync(statsFile)).Last(l => l.Length > 0).Split(' ');
            var cpu = TimeSpan.FromSeconds(double.Parse(stats[1], CultureInfo.InvariantCulture) + double.Parse(stats[2], CultureInfo.InvariantCulture));
            return new CliRun(wall.Elapsed, cpu, long.Parse(stats[0], CultureInfo.InvariantCulture), process.ExitCode, await output, await error, started);
        }
        finally
        {
            File.Delete(statsFile);
        }
    }
}
