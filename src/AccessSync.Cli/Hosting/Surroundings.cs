namespace AccessSync.Cli.Hosting;

/// <summary>
/// What a command line runs in besides its arguments and its console: the working folder, which relative paths are
/// resolved against and shown from, and the environment variables (credentials, NO_COLOR, GitHub Actions' own). For
/// <c>accesssync</c> they are the process's. Nothing in the command line reads the process's own, so that a program
/// that runs command lines inside itself (the tests do, several at once) can give each its own.
/// </summary>
/// <param name="WorkingDirectory">An absolute path.</param>
/// <param name="Variable">An environment variable's value; null when it is not set.</param>
public sealed record Surroundings(string WorkingDirectory, Func<string, string?> Variable)
{
    /// <summary>The process's working folder and environment: where <c>accesssync</c> was started.</summary>
    public static Surroundings OfThisProcess() => new(Environment.CurrentDirectory, Environment.GetEnvironmentVariable);

    /// <summary>Whether a variable is set to something: an empty one counts as unset, as NO_COLOR and CI have it.</summary>
    public bool IsSet(string name) => !string.IsNullOrEmpty(Variable(name));

    /// <summary>A path as the user gave it (relative or not), and where it points from the working folder.</summary>
    public GivenPath Given(string path) => new(path, Path.GetFullPath(path, WorkingDirectory));

    /// <summary>A path as the user should see it: relative to the working folder, with '/' on every platform.</summary>
    public string DisplayPath(string fullPath) => Path.GetRelativePath(WorkingDirectory, fullPath).Replace('\\', '/');
}
