using System.Diagnostics;

namespace AccessSync.Cli.Tests.Support;

public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs the real <c>accesssync</c> program as a separate process, as a user or CI job would.</summary>
internal static class AccessSyncProcess
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "accesssync.dll");

    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the program with redirected streams, for a command that runs until it is stopped.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A CI runner's own variables must not change what the tests see.
        foreach (var name in new[] { "GITHUB_ACTIONS", "NO_COLOR", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_ZONE_ID", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY",
            "GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_EVENT_PATH", "GITHUB_API_URL", "GITHUB_STEP_SUMMARY",
            "GITHUB_SHA", "GITHUB_RUN_ID", "GITHUB_SERVER_URL" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);
}
