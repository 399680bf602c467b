using System.CommandLine;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Hosting;

namespace AccessSync.Cli;

/// <summary>The command line of test.</summary>
public static partial class CliApp
{
    private static Command TestCommandLine(Invocation invocation)
    {
        var directory = DirectoryArgument(invocation);
        var format = AnnotatingFormatOption(invocation, "Output: text; github for annotations (the default when GITHUB_ACTIONS=true); junit for JUnit XML (to --out, else stdout).", "junit");
        var output = new Option<GivenPath?>("--out")
        {
            Description = "With --format junit: the file to write the JUnit XML to; the report still goes to stdout (as annotations when GITHUB_ACTIONS=true).",
            CustomParser = invocation.Path,
        };
        var live = LiveOption("the files' applications");
        var connection = new ConnectionOptions();
        RejectOptionLookalikes(directory);

        var command = new Command(
            "test",
            """
            Prove the access tests under DIR (files under tests/, or with kind: access-test) against the policy files: each case's request evaluated as Access would (bypass and service auth first, then by precedence; deny by default). Offline: no credentials, no network. With --live, the live policies of each file's application are evaluated instead.

            Prints path:line:col: pass: ... for each case that passes and an error for each that does not, then "N passed, N failed.". Exit 0 all passed, 1 a case failed or invalid files, 64 usage error.
            """)
        {
            directory,
            format,
            output,
            live,
        };
        connection.AddTo(command);
        command.SetAction((parsed, _) => Run(parsed, invocation, (global, log) =>
            new TestCommand(invocation.Console, invocation.Surroundings, log).ExecuteAsync(
                new TestSettings(
                    parsed.GetValue(directory)!,
                    parsed.GetValue(format) switch
                    {
                        "github" => TestReportFormat.GitHub,
                        "junit" => TestReportFormat.JUnit,
                        _ => TestReportFormat.Text,
                    },
                    parsed.GetValue(output),
                    invocation.InGitHubActions,
                    LiveConnection(parsed, live, connection)),
                global,
                invocation.Interruption.Stop)));
        return command;
    }
}
