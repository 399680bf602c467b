using AccessSync.Cli.Connections;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Loading;
using AccessSync.Core.Rendering;
using Serilog;

namespace AccessSync.Cli.Commands;

/// <summary>How a test run is reported: lines for a person, GitHub annotations, or JUnit XML for a CI test report.</summary>
public enum TestReportFormat
{
    Text,
    GitHub,
    JUnit,
}

/// <param name="Out">Where JUnit XML goes; null: stdout.</param>
/// <param name="InGitHubActions">Lines on the console are GitHub annotations also when the JUnit report goes to a file.</param>
/// <param name="Live">Evaluate the live policies through this connection instead of the files; null: the files, offline.</param>
public sealed record TestSettings(GivenPath Directory, TestReportFormat Format, GivenPath? Out, bool InGitHubActions = false, ConnectionSettings? Live = null)
{
    public DiagnosticFormat ConsoleFormat => Format == TestReportFormat.GitHub || (Format == TestReportFormat.JUnit && InGitHubActions)
        ? DiagnosticFormat.GitHub
        : DiagnosticFormat.Text;
}

/// <summary>
/// <c>accesssync test [DIR]</c>: every access-test case under DIR, evaluated against the policy files as Access
/// would evaluate them, offline; with <c>--live</c>, against the live policies of each file's application.
/// </summary>
public sealed class TestCommand(CliConsole console, Surroundings surroundings, ILogger log)
{
    public async Task<int> ExecuteAsync(TestSettings settings, GlobalSettings global, CancellationToken cancellationToken)
    {
        var folder = await Task.Run(() => LoadedFolder.Load(settings.Directory, surroundings, global.Scopes), CancellationToken.None).WaitAsync(cancellationToken);
        var diagnosticFormat = settings.ConsoleFormat;
        foreach (var diagnostic in folder.Diagnostics)
        {
            await console.Error.WriteLineAsync(DiagnosticRenderer.Render(diagnostic, diagnosticFormat));
        }

        if (folder.Project is not { } project)
        {
            await console.Error.WriteLineAsync(DiagnosticRenderer.Summary(folder.FileCount, folder.Diagnostics));
            return ExitCodes.Error;
        }

        if (project.AccessTests.IsEmpty)
        {
            // A CI job pointed at the wrong folder would otherwise pass with "0 passed".
            throw new UserException(
                $"no access test found under {surroundings.DisplayPath(settings.Directory.FullPath)}: a test file is a *.yaml file under {FileKinds.TestsFolder}/ at the root, or one that says `kind: {FileKinds.AccessTestKind}`");
        }

        var results = settings.Live is { } connectionSettings
            ? LiveAccessTests.Run(project, await new PlanMaker(console, surroundings, log).ReadLiveAsync(project, connectionSettings, cancellationToken))
            : AccessTestRunner.Run(project);
        log.Debug("Ran {CaseCount} access-test cases of {FileCount} files", results.Length, project.AccessTests.Length);
        await WriteReportAsync(settings, results, diagnosticFormat);
        return results.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.Error;
    }

    private async Task WriteReportAsync(TestSettings settings, IReadOnlyCollection<AccessTestResult> results, DiagnosticFormat diagnosticFormat)
    {
        if (settings.Format == TestReportFormat.JUnit)
        {
            var xml = JUnitReport.Render(results);
            if (settings.Out is null)
            {
                await console.Out.WriteAsync(xml);
                return;
            }

            await File.WriteAllTextAsync(settings.Out.FullPath, xml);
        }

        foreach (var line in AccessTestRenderer.Lines(results, diagnosticFormat))
        {
            await console.Out.WriteLineAsync(line);
        }
    }
}
