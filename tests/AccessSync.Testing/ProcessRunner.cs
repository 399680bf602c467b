using System.Diagnostics;

namespace AccessSync.Testing;

/// <summary>Starts programs with redirected streams and waits for them, for tests that cross a process boundary.</summary>
public static class ProcessRunner
{
    /// <summary>Starts a program with redirected streams, without the variables named in <paramref name="removed"/>.</summary>
    public static Process Launch(string file, IEnumerable<string> args, string workingDirectory, IEnumerable<string> removed, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in removed)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
    }

    /// <summary>Waits for a started program to end (a minute at most, or <paramref name="patience"/>), and returns what it wrote.</summary>
    public static async Task<ProcessResult> CompleteAsync(Process process, string? input = null, TimeSpan? patience = null)
    {
        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                await process.StandardInput.FlushAsync();
            }

            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A program that outlived its test would go on spending the machine the other tests run on.
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
    }
}
