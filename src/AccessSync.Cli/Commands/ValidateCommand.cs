using System.Diagnostics;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Rendering;
using AccessSync.Core.Schema;
using Serilog;

namespace AccessSync.Cli.Commands;

public sealed record ValidateSettings(DirectoryInfo Directory, DiagnosticFormat Format);

/// <summary><c>accesssync validate [DIR]</c>: every problem in every file, at once, with no network access.</summary>
public sealed class ValidateCommand(CliConsole console, ILogger log)
{
    public Task<int> ExecuteAsync(ValidateSettings settings, GlobalSettings global)
    {
        if (!settings.Directory.Exists)
        {
            throw new UsageException($"no such folder: {settings.Directory}");
        }

        var clock = Stopwatch.StartNew();
        _ = AccessSyncSchema.Preload();
        var tree = PolicyTree.Read(settings.Directory);
        log.Debug("Read {FileCount} files in {ElapsedMs} ms", tree.ApplicationFiles.Length, clock.ElapsedMilliseconds);
        var project = ProjectLoader.Load(tree.Config, tree.ApplicationFiles, global.Scopes);
        var diagnostics = tree.Diagnostics.Concat(project.Diagnostics).InReadingOrder().ToList();
        log.Debug("Validated {FileCount} files under {Directory} in {ElapsedMs} ms", tree.ApplicationFiles.Length, settings.Directory, clock.ElapsedMilliseconds);

        foreach (var diagnostic in diagnostics)
        {
            console.Out.WriteLine(DiagnosticRenderer.Render(diagnostic, settings.Format));
        }

        console.Out.WriteLine(DiagnosticRenderer.Summary(tree.ApplicationFiles.Length, diagnostics));
        return Task.FromResult(diagnostics.HasErrors() ? ExitCodes.Error : ExitCodes.Success);
    }
}
