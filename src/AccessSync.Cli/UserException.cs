namespace AccessSync.Cli;

/// <summary>
/// A problem the user can fix that is not a mistake on the command line (missing credentials, an unreadable
/// plan file): reported as one line, exit code 1, no stack trace.
/// </summary>
public sealed class UserException(string message) : Exception(message);
