using System.Collections.Concurrent;
using System.Diagnostics;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests.Support;

/// <summary>
/// A real <c>accesssync</c> process, watched line by line as it runs, that a test can send signals to: what a
/// cancelled CI job or a person pressing Ctrl-C does to it.
/// </summary>
internal sealed class RunningAccessSync : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;

    private RunningAccessSync(Process process)
    {
        this.process = process;
        process.StandardInput.Close();
        stdout = ReadLinesAsync(process.StandardOutput);
        stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The lines of stdout so far.</summary>
    public IReadOnlyCollection<string> Lines => lines;

    public static RunningAccessSync Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        new(AccessSyncProcess.Start(workingDirectory, environment, args));

    /// <summary>Waits (a minute at most) until <paramref name="condition"/> holds or the process ends; true when it held.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                return condition();
            }

            await Task.Delay(2);
        }

        return true;
    }

    /// <summary>Sends <paramref name="signal"/> (INT or TERM) as <c>kill</c> would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits (a minute at most) for the process to end, and returns what it wrote.</summary>
    public async Task<ProcessResult> CompleteAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }

    private async Task<string> ReadLinesAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
        }

        return string.Join('\n', lines) + "\n";
    }
}
