using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Applying;
using AccessSync.Core.Rendering;

namespace AccessSync.Cli.Commands;

/// <summary>
/// What apply says while it writes: each write's line on stdout (flushed, in the order writes end) and in the
/// journal, and the counts its progress line shows. Applications are written in parallel; one write is told at a
/// time, so lines never interleave.
/// </summary>
internal sealed class StreamedApplyReport(TextWriter output, ApplyJournal? journal) : IApplyObserver
{
    private readonly Lock telling = new();
    private int done;
    private int notDone;

    /// <summary>Where the lines are drawn; set once the progress line is started.</summary>
    public ProgressLine? Progress { get; set; }

    /// <summary>For the progress line: writes done, and writes failed or of unknown outcome, so far.</summary>
    public (int Done, int NotDone) Counts => (Volatile.Read(ref done), Volatile.Read(ref notDone));

    public void WriteEnded(WriteRecord write)
    {
        lock (telling)
        {
            _ = write.Outcome == WriteOutcome.Done ? Interlocked.Increment(ref done) : Interlocked.Increment(ref notDone);
            journal?.Append(write);
            var line = ApplyReportRenderer.WriteLine(write);
            if (Progress is { } progress)
            {
                progress.WriteAbove(output, line);
            }
            else
            {
                output.WriteLine(line);
                output.Flush();
            }
        }
    }
}
