namespace AccessSync.Cli;

/// <summary>The user asked for something that cannot be done as asked; reported in one line, exit code 64.</summary>
public sealed class UsageException(string message) : Exception(message);
