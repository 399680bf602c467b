namespace AccessSync.Bench;

/// <summary>
/// One run of the built CLI as its own process, start-up included: wall time, CPU time (user + system, all threads: on a
/// machine shared with other work it varies far less than wall time), peak RSS, exit code and output.
/// </summary>
internal sealed record CliRun(TimeSpan Wall, TimeSpan Cpu, long PeakRssKiB, int ExitCode, string Out, string Error, DateTimeOffset Started)
{
    /// <summary>The last line of stdout: plan's and apply's summary.</summary>
    public string LastOutputLine => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
