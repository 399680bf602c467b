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
    public static ProgressLine Start(CliConsole console, Func<string> status) =>
        new(console.ErrorIsTerminal && !RunsInCi() ? console.Error : null, status);

    private static bool RunsInCi() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"));

    private async Task RedrawAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, stop.Token);
                await error!.WriteAsync($"\r\e[K{status()}");
                await error.FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the line is cleared below.
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
