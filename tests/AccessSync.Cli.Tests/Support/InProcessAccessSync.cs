using AccessSync.Cli.Hosting;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests.Support;

/// <summary>
/// Runs <c>accesssync</c> inside the test process, as <see cref="AccessSyncProcess"/> runs it outside: in a working
/// folder and without the CI runner's variables. Much faster than starting a process; the program still sees
/// redirected streams, as in CI. Each run is given its own working folder and variables rather than the process's,
/// so runs (and the tests that make them) can go side by side.
/// </summary>
internal static class InProcessAccessSync
{
    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunAsync(workingDirectory, environment, new Interruption(), args);

    /// <summary>A run that <paramref name="interruption"/> tells of Ctrl-C and SIGTERM, as the process's signals would.</summary>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, Interruption interruption, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new CliConsole(stdout, stderr), interruption, SurroundingsOf(workingDirectory, environment));
        return new ProcessResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The working folder, and the variables a process started by <see cref="AccessSyncProcess"/> would have.</summary>
    public static Surroundings SurroundingsOf(string workingDirectory, IReadOnlyDictionary<string, string?>? environment) => new(
        workingDirectory,
        name => environment is not null && environment.TryGetValue(name, out var value)
            ? value
            : AccessSyncProcess.OutsideVariables.Contains(name) ? null : Environment.GetEnvironmentVariable(name));
}
