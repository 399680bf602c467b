using AccessSync.Cli.Hosting;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests.Support;

/// <summary>
/// Runs <c>accesssync</c> inside the test process, as <see cref="AccessSyncProcess"/> runs it outside: in a working
/// folder and without the CI runner's variables. Much faster than starting a process; the program still sees
/// redirected streams, as in CI.
/// </summary>
/// <remarks>
/// The working folder and the environment belong to the whole process, so they are set for one run at a time and
/// put back after it; the tests of this assembly run one after another.
/// </remarks>
internal static class InProcessAccessSync
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, null, args);

    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunAsync(workingDirectory, environment, new Interruption(), args);

    /// <summary>A run that <paramref name="interruption"/> tells of Ctrl-C and SIGTERM, as the process's signals would.</summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, Interruption interruption, params string[] args) =>
        InsideAsync(workingDirectory, environment, async () =>
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exitCode = await CliApp.RunAsync(args, new CliConsole(stdout, stderr), interruption);
            return new ProcessResult(exitCode, stdout.ToString(), stderr.ToString());
        });

    /// <summary>
    /// Runs <paramref name="body"/> with the working folder and the environment set as for a run, and no other run
    /// meanwhile: for a test that runs commands itself, several at once, under one environment.
    /// </summary>
    public static async Task<T> InsideAsync<T>(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, Func<Task<T>> body)
    {
        await OneAtATime.WaitAsync();
        var previousDirectory = Environment.CurrentDirectory;
        var previousVariables = AccessSyncProcess.OutsideVariables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            Environment.CurrentDirectory = workingDirectory;
            foreach (var name in AccessSyncProcess.OutsideVariables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            {
                previousVariables.TryAdd(name, Environment.GetEnvironmentVariable(name));
                Environment.SetEnvironmentVariable(name, value);
            }

            return await body();
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            foreach (var (name, value) in previousVariables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            OneAtATime.Release();
        }
    }
}
