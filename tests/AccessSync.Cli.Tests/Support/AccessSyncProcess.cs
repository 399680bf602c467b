using System.Diagnostics;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests.Support;

/// <summary>Runs the real <c>accesssync</c> program as a separate process, as a user or CI job would.</summary>
internal static class AccessSyncProcess
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "accesssync.dll");

    /// <summary>A CI runner's own variables must not change what the tests see.</summary>
    internal static readonly string[] OutsideVariables =
    [
        "GITHUB_ACTIONS", "NO_COLOR", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_ZONE_ID", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY",
        "GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_EVENT_PATH", "GITHUB_API_URL", "GITHUB_STEP_SUMMARY", "GITHUB_SHA", "GITHUB_RUN_ID", "GITHUB_SERVER_URL",
    ];

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        ProcessRunner.CompleteAsync(Start(workingDirectory, environment, args));

    /// <summary>Starts the program with redirected streams, for a command that runs until it is stopped.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        ProcessRunner.Launch("dotnet", [Program, .. args], workingDirectory, OutsideVariables, environment);

    /// <summary>
    /// Runs the program on a pseudo-terminal (util-linux <c>script</c>), as a person at a terminal would, outside
    /// CI. The terminal merges stdout and stderr into <see cref="ProcessResult.StdOut"/>.
    /// </summary>
    /// <param name="typed">What the person types at the terminal, if anything.</param>
    public static Task<ProcessResult> RunInTerminalAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string? typed, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", Program }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return ProcessRunner.CompleteAsync(ProcessRunner.Launch("script", ["--quiet", "--return", "--command", command, "/dev/null"], workingDirectory, [.. OutsideVariables, "CI"], environment), typed);
    }
}
