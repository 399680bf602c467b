using System.CommandLine;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Hosting;

namespace AccessSync.Cli;

/// <summary>The command line of export.</summary>
public static partial class CliApp
{
    private static Command ExportCommandLine(Invocation invocation)
    {
        var applications = new Option<string[]>("--app")
        {
            HelpName = "ID|NAME|DOMAIN",
            Description = "Export only this application (id, name or domain); repeat for more. Default: every application of the account or zone.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<GivenPath>("--out")
        {
            HelpName = "DIR",
            Description = "The folder to write into (default: the current folder): apps/NAME.yaml per application, and accesssync.yaml and the schema when it has none.",
            DefaultValueFactory = _ => invocation.WorkingFolder(),
            CustomParser = invocation.Path,
        };
        var force = new Option<bool>("--force") { Description = "Replace files that exist (by default export refuses, and writes nothing)." };
        var connection = new ConnectionOptions();

        var command = new Command(
            "export",
            """
            Write the live policies of an account's (--account-id) or zone's (--zone-id) applications as policy files that plan then shows as no change: how to adopt AccessSync where policies already exist. Without either option, CLOUDFLARE_ACCOUNT_ID or CLOUDFLARE_ZONE_ID, then the output folder's accesssync.yaml, give the scope. Prints each file it wrote.

            Exit codes:
              0   exported
              1   an application could not be exported, a file exists (see --force), or another error
              64  usage error
            """)
        {
            applications, output, force,
        };
        connection.AddTo(command);
        command.SetAction((parsed, _) => Run(parsed, invocation, (global, log) =>
            new ExportCommand(invocation.Console, invocation.Surroundings, log).ExecuteAsync(
                new ExportSettings(
                    parsed.GetValue(output)!,
                    [.. parsed.GetValue(applications) ?? []],
                    parsed.GetValue(force),
                    connection.Read(parsed)),
                global,
                invocation.Interruption.Stop)));
        return command;
    }
}
