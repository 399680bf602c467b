namespace AccessSync.Testing;

/// <summary>Runs another program (dotnet, npx, an installed tool) to its end, with its output captured.</summary>
public static class ExternalProcess
{
    /// <param name="patience">How long it may take before it is stopped and the test fails: a minute unless given.</param>
    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? patience = null) =>
        ProcessRunner.CompleteAsync(ProcessRunner.Launch(fileName, args, workingDirectory ?? Environment.CurrentDirectory, [], environment), patience: patience);

    /// <summary>The full path of a command on PATH, or null when it is not installed.</summary>
    public static string? Find(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
