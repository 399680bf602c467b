namespace AccessSync.Cli.Hosting;

/// <summary>
/// One line on stderr, redrawn in place a few times a second, saying what a long step is doing. Only for a
/// person at a terminal: when stderr is redirected, or in CI, it writes nothing at all.
/// </summary>
public sealed class ProgressLine : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly TextWriter? error;
    private readonly Func<string> status;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop = Task.CompletedTask;
    private readonly Lock drawing = new();

    private ProgressLine(TextWriter? error, Func<string> status)
    {
        this.error = error;
        this.status = status;
        if (error is not null)
        {
            loop = RedrawAsync();
        }
    }

    /// <summary>Starts a line that shows <paramref name="status"/>, or a silent one where nobody watches.</summary>
    public static ProgressLine Start(CliConsole console, Surroundings surroundings, Func<string> status) =>
        new(console.ErrorIsTerminal && !RunsInCi(surroundings) ? console.Error : null, status);

    private static bool RunsInCi(Surroundings surroundings) => surroundings.IsSet("CI") || surroundings.IsSet("GITHUB_ACTIONS");

    private async Task RedrawAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, stop.Token);
                lock (drawing)
                {
                    error!.Write($"\r\e[K{status()}");
                    error.Flush();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the line is cleared below.
        }
    }

    /// <summary>
    /// Writes <paramref name="line"/> to <paramref name="output"/> and flushes it, clearing the progress line first
    /// so that the two never share a line of the terminal; the progress line comes back at its next redraw.
    /// </summary>
    public void WriteAbove(TextWriter output, string line)
    {
        lock (drawing)
        {
            if (error is not null)
            {
                error.Write("\r\e[K");
                error.Flush();
            }

            output.WriteLine(line);
            output.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        if (error is not null)
        {
            await error.WriteAsync("\r\e[K");
            await error.FlushAsync();
        }

        stop.Dispose();
    }
}
