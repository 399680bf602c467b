using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Sends <paramref name="signal"/> (INT or TERM) as <c>kill</c> does, but at once (starting a <c>kill</c> process
    /// takes long enough on a busy machine for the program to get past the point the test waited for), and waits until
    /// the program has received it: two signals of one kind sent before the first is received arrive as one.
    /// </summary>
    public async Task SignalAsync(string signal)
    {
        var number = signal == "INT" ? SigInt : SigTerm;
        if (Kill(process.Id, number) != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var clock = Stopwatch.StartNew();
        while (IsPending(number) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(1);
        }
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

    private const int SigInt = 2;
    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Whether a signal sent to the process is still pending: the process's shared pending mask (/proc/PID/status) has it.</summary>
    private bool IsPending(int signal)
    {
        try
        {
            var pending = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("ShdPnd:", StringComparison.Ordinal));
            return pending is not null && (Convert.ToUInt64(pending["ShdPnd:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
        }
        catch (IOException)
        {
            return false; // the process has ended
        }
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
