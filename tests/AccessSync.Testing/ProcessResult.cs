namespace AccessSync.Testing;

/// <summary>What a program run to its end left: its exit code and what it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);
