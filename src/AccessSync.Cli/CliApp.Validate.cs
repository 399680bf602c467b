using System.CommandLine;
using AccessSync.Cli.Commands;
using AccessSync.Core.Rendering;

namespace AccessSync.Cli;

/// <summary>The command line of validate.</summary>
public static partial class CliApp
{
    private static Command ValidateCommandLine(Invocation invocation)
    {
        var directory = DirectoryArgument(invocation);
        var format = AnnotatingFormatOption(invocation, "Output: text, or github for annotations (the default when GITHUB_ACTIONS=true).");
        RejectOptionLookalikes(directory);

        var command = new Command(
            "validate",
            "Check the policy files under DIR: schema and meaning, no network. Prints path:line:col: error|warning: message [rule-id]. Exit 0 valid (warnings allowed), 1 invalid, 64 usage error.")
        {
            directory,
            format,
        };
        command.SetAction((parsed, _) => Run(parsed, invocation, (global, log) => Task.FromResult(
            new ValidateCommand(invocation.Console, invocation.Surroundings, log).Execute(
                new ValidateSettings(parsed.GetValue(directory)!, parsed.GetValue(format) == "github" ? DiagnosticFormat.GitHub : DiagnosticFormat.Text),
                global,
                invocation.Interruption.Stop))));
        return command;
    }

    /// <summary>--format for a command that reports problems at their lines: text, github (the default in Actions), and any others it offers.</summary>
    private static Option<string> AnnotatingFormatOption(Invocation invocation, string description, params string[] others)
    {
        var format = new Option<string>("--format")
        {
            Description = description,
            DefaultValueFactory = _ => invocation.InGitHubActions ? "github" : "text",
        };
        format.AcceptOnlyFromAmong(["text", "github", .. others]);
        return format;
    }
}
