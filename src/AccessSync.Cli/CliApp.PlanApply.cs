using System.CommandLine;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Hosting;

namespace AccessSync.Cli;

/// <summary>The command lines of plan and apply, and the options they share.</summary>
public static partial class CliApp
{
    private static Option<string[]> TargetOption() => new("--target")
    {
        Description = "Plan only this application (id, name or domain); repeat for more. Default: every file's application.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>--live: evaluate what is live instead of the files, through the connection options.</summary>
    private static Option<bool> LiveOption(string what) => new("--live")
    {
        Description = $"Evaluate the live policies of {what} (read through --sandbox or --api-url and the credentials plan uses) instead of the files.",
    };

    /// <summary>The connection to read live through when --live is given; without it, a connection option is a mistake.</summary>
    private static ConnectionSettings? LiveConnection(ParseResult parsed, Option<bool> live, ConnectionOptions connection)
    {
        var settings = connection.Read(parsed);
        if (parsed.GetValue(live))
        {
            return settings;
        }

        return settings.Sandbox || settings.ApiUrl is not null
            ? throw new UsageException("--sandbox and --api-url read live policies: add --live to evaluate them")
            : null;
    }

    private static Argument<GivenPath> DirectoryArgument(Invocation invocation) => new("DIR")
    {
        Description = "The folder of policy files (default: the current folder).",
        DefaultValueFactory = _ => invocation.WorkingFolder(),
        CustomParser = invocation.Path,
    };

    private static Command PlanCommandLine(Invocation invocation)
    {
        var directory = DirectoryArgument(invocation);
        var output = new Option<GivenPath?>("--out") { Description = "Also save the plan, as JSON, for `apply --plan FILE` to apply exactly it.", CustomParser = invocation.Path };
        var format = new Option<string>("--format")
        {
            Description = "Output: text (default), markdown (for a pull request comment) or json.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 2 when the plan has changes (0 when none)." };
        var targets = TargetOption();
        var connection = new ConnectionOptions();
        RejectOptionLookalikes(directory);

        var command = new Command(
            "plan",
            $"""
            Read the files under DIR and the live policies, and show what apply would change. Changes nothing.

            {ExitCodes.HelpText}
            """)
        {
            directory, output, format, detailed, targets,
        };
        connection.AddTo(command);
        command.SetAction((parsed, _) => Run(parsed, invocation, (global, log) =>
            new PlanCommand(invocation.Console, invocation.Surroundings, log).ExecuteAsync(
                new PlanSettings(
                    parsed.GetValue(directory)!,
                    parsed.GetValue(output),
                    Enum.Parse<PlanFormat>(parsed.GetValue(format)!, ignoreCase: true),
                    parsed.GetValue(detailed),
                    [.. parsed.GetValue(targets) ?? []],
                    connection.Read(parsed)),
                global,
                invocation.Interruption.Stop)));
        return command;
    }

    private static Command ApplyCommandLine(Invocation invocation)
    {
        var directory = DirectoryArgument(invocation);
        var planFile = new Option<GivenPath?>("--plan") { Description = "Apply exactly this saved plan (from `plan --out`), refused if live changed since it was made.", CustomParser = invocation.Path };
        var autoApprove = new Option<bool>("--auto-approve") { Description = "Apply without asking (needed when there is no terminal, as in CI)." };
        var force = new Option<bool>("--force") { Description = "Apply even if a safety threshold (accesssync.yaml `safety`) refuses the plan." };
        var journal = new Option<GivenPath?>("--journal") { Description = "Append one JSON line per write to FILE as each write ends (see README: the journal).", CustomParser = invocation.Path };
        var targets = TargetOption();
        var connection = new ConnectionOptions();
        RejectOptionLookalikes(directory);

        var command = new Command(
            "apply",
            $"""
            Make the live policies match the files under DIR (or a saved --plan): shows the plan, checks the safety thresholds, asks for confirmation, applies, prints each write as it ends, and reports every change that did not end done as failed, unknown or not attempted.

            Ctrl-C or SIGTERM stops it: no new write starts, the writes in flight get 10 seconds to finish, the report is printed, and it exits 130 or 143; a second signal abandons the writes in flight.

            {ExitCodes.HelpText}
            """)
        {
            directory, planFile, autoApprove, force, journal, targets,
        };
        connection.AddTo(command);
        command.SetAction((parsed, _) => Run(parsed, invocation, (global, log) =>
        {
            if (parsed.GetValue(planFile) is not null && (parsed.GetResult(directory) is { Implicit: false } || parsed.GetValue(targets) is { Length: > 0 }))
            {
                throw new UsageException("--plan applies a saved plan as it is: give no DIR or --target with it");
            }

            return new ApplyCommand(invocation.Console, invocation.Surroundings, log, invocation.Interruption).ExecuteAsync(
                new ApplySettings(
                    parsed.GetValue(directory)!,
                    parsed.GetValue(planFile),
                    parsed.GetValue(autoApprove),
                    parsed.GetValue(force),
                    [.. parsed.GetValue(targets) ?? []],
                    connection.Read(parsed))
                {
                    Journal = parsed.GetValue(journal),
                },
                global);
        }));
        return command;
    }
}
