using System.CommandLine;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Rendering;

namespace AccessSync.Cli;

/// <summary>The command line of validate.</summary>
public static partial class CliApp
{
    private static Command ValidateCommandLine(CliConsole console, Interruption interruption)
    {
        var directory = new Argument<DirectoryInfo>("DIR")
        {
            Description = "The folder of policy files (default: the current folder).",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var format = AnnotatingFormatOption("Output: text, or github for annotations (the default when GITHUB_ACTIONS=true).");
        RejectOptionLookalikes(directory);

        var command = new Command(
            "validate",
            "Check the policy files under DIR: schema and meaning, no network. Prints path:line:col: error|warning: message [rule-id]. Exit 0 valid (warnings allowed), 1 invalid, 64 usage error.")
        {
            directory,
            format,
        };
        command.SetAction((parsed, _) => Run(parsed, console, interruption, (global, log) =>
            new ValidateCommand(console, log).ExecuteAsync(
                new ValidateSettings(parsed.GetValue(directory)!, parsed.GetValue(format) == "github" ? DiagnosticFormat.GitHub : DiagnosticFormat.Text),
                global,
                interruption.Stop)));
        return command;
    }

    /// <summary>Whether the command runs as a GitHub Actions step, where problems are best reported as annotations.</summary>
    private static bool InGitHubActions => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";

    /// <summary>--format for a command that reports problems at their lines: text, github (the default in Actions), and any others it offers.</summary>
    private static Option<string> AnnotatingFormatOption(string description, params string[] others)
    {
        var format = new Option<string>("--format")
        {
            Description = description,
            DefaultValueFactory = _ => InGitHubActions ? "github" : "text",
        };
        format.AcceptOnlyFromAmong(["text", "github", .. others]);
        return format;
    }
}
