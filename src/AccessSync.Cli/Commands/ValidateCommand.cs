using System.Diagnostics;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Rendering;
using Serilog;
using Serilog.Events;

namespace AccessSync.Cli.Commands;

public sealed record ValidateSettings(GivenPath Directory, DiagnosticFormat Format);

/// <summary><c>accesssync validate [DIR]</c>: every problem in every file, at once, with no network access.</summary>
public sealed class ValidateCommand(CliConsole console, Surroundings surroundings, ILogger log)
{
    public int Execute(ValidateSettings settings, GlobalSettings global, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var allocatedBefore = log.IsEnabled(LogEventLevel.Debug) ? GC.GetTotalAllocatedBytes(precise: true) : 0;

        // Reading a large tree takes a while: Ctrl-C ends the wait for it at once, and with it the command. The wait
        // blocks this thread rather than awaiting, since validate has nothing else to do meanwhile: a command that
        // never yields leaves the asynchronous machinery of every caller unused, which a short run would otherwise
        // spend a tenth of its time compiling (about 60 methods, one set per async method on the way).
        var folder = Task.Run(() => LoadedFolder.Load(settings.Directory, surroundings, global.Scopes), CancellationToken.None)
            .WaitAsync(cancellationToken)
            .GetAwaiter()
            .GetResult();
        if (log.IsEnabled(LogEventLevel.Debug))
        {
            // What validate itself allocated (the files read and checked), and the whole process, start-up included.
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            log.Debug(
                "Validated {FileCount} files under {Directory} in {ElapsedMs} ms, allocating {ValidateMiB} MiB; the process has allocated {AllocatedMiB} MiB",
                folder.FileCount,
                settings.Directory,
                clock.ElapsedMilliseconds,
                Math.Round((allocated - allocatedBefore) / (1024.0 * 1024), 1),
                Math.Round(allocated / (1024.0 * 1024), 1));
        }

        foreach (var diagnostic in folder.Diagnostics)
        {
            console.Out.WriteLine(DiagnosticRenderer.Render(diagnostic, settings.Format));
        }

        console.Out.WriteLine(DiagnosticRenderer.Summary(folder.FileCount, folder.Diagnostics));
        return folder.Project is null ? ExitCodes.Error : ExitCodes.Success;
    }
}
