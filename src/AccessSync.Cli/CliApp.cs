using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Hosting;
using AccessSync.Cloudflare;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Rendering;
using Serilog;
using Serilog.Events;

namespace AccessSync.Cli;

/// <summary>The composition root: parses the command line, sets up logging once, and runs one command.</summary>
public static partial class CliApp
{
    private static readonly Option<string> LogLevelOption = new("--log-level")
    {
        Description = "How much to log to stderr: verbose, debug, information, warning, error.",
        DefaultValueFactory = _ => "warning",
        Recursive = true,
    };

    private static readonly Option<string> LogFormatOption = new("--log-format")
    {
        Description = "Log format on stderr: text or json.",
        DefaultValueFactory = _ => "text",
        Recursive = true,
    };

    private static readonly Option<bool> NoColorOption = new("--no-color")
    {
        Description = "Never colour output (NO_COLOR is honoured too).",
        Recursive = true,
    };

    private static readonly Option<string?> AccountIdOption = new("--account-id")
    {
        Description = "Cloudflare account id, for files and accesssync.yaml that name none (else CLOUDFLARE_ACCOUNT_ID).",
        Recursive = true,
    };

    private static readonly Option<string?> ZoneIdOption = new("--zone-id")
    {
        Description = "Cloudflare zone id, for zone-scoped applications (else CLOUDFLARE_ZONE_ID).",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = ReferenceEquals(stdout, Console.Out)
            ? new CliConsole(stdout, stderr, Console.In, !Console.IsInputRedirected, !Console.IsOutputRedirected, !Console.IsErrorRedirected)
            : new CliConsole(stdout, stderr);
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync($"Run 'accesssync {parsed.CommandResult.Command.Name} --help' for usage.".Replace("accesssync accesssync", "accesssync", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand BuildRoot(CliConsole console)
    {
        LogLevelOption.AcceptOnlyFromAmong("verbose", "debug", "information", "warning", "error");
        LogFormatOption.AcceptOnlyFromAmong("text", "json");

        var root = new RootCommand($"""
            AccessSync: policy-as-code for Cloudflare Zero Trust Access.

            {ExitCodes.HelpText}
            """)
        {
            LogLevelOption,
            LogFormatOption,
            NoColorOption,
            AccountIdOption,
            ZoneIdOption,
        };
        root.Add(ValidateCommandLine(console));
        root.Add(EmulatorCommandLine(console));
        root.Add(PlanCommandLine(console));
        root.Add(ApplyCommandLine(console));
        root.Add(ExportCommandLine(console));
        root.Add(GitHubCommentCommandLine(console));
        return root;
    }

    private static Command ValidateCommandLine(CliConsole console)
    {
        var directory = new Argument<DirectoryInfo>("DIR")
        {
            Description = "The folder of policy files (default: the current folder).",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var format = new Option<string>("--format")
        {
            Description = "Output: text, or github for annotations (the default when GITHUB_ACTIONS=true).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true" ? "github" : "text",
        };
        format.AcceptOnlyFromAmong("text", "github");
        RejectOptionLookalikes(directory);

        var command = new Command(
            "validate",
            "Check the policy files under DIR: schema and meaning, no network. Prints path:line:col: error|warning: message [rule-id]. Exit 0 valid (warnings allowed), 1 invalid, 64 usage error.")
        {
            directory,
            format,
        };
        command.SetAction((parsed, _) => Run(parsed, console, (global, log) =>
            new ValidateCommand(console, log).ExecuteAsync(
                new ValidateSettings(parsed.GetValue(directory)!, parsed.GetValue(format) == "github" ? DiagnosticFormat.GitHub : DiagnosticFormat.Text),
                global)));
        return command;
    }

    private static Command EmulatorCommandLine(CliConsole console)
    {
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1 (default 0: any free port; the URL line says which).",
        };
        var seed = new Option<FileInfo?>("--seed")
        {
            Description = "A JSON file with the initial accounts, zones, apps and policies (default: empty).",
        };
        var state = new Option<FileInfo?>("--state")
        {
            Description = "A JSON file the state is saved to after every write and on exit; loaded at start if it exists (it wins over --seed).",
        };
        var latency = new Option<string?>("--latency-ms")
        {
            Description = "Added to every request: N milliseconds, or MIN-MAX for a random latency per request.",
        };
        var failRate = new Option<double>("--fail-rate")
        {
            Description = "The fraction (0..1) of requests answered 500, 502 or 503.",
        };
        var resetRate = new Option<double>("--reset-rate")
        {
            Description = "The fraction (0..1) of connections reset without an answer.",
        };
        var rateLimit = new Option<string?>("--rate-limit")
        {
            Description = "Requests per credential as N/SECONDS (default Cloudflare's 1200/300), or off.",
        };
        var token = new Option<string?>("--token")
        {
            Description = "The API token to accept (else CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY, from the environment; with none, any credential). Prefer the environment: arguments are visible to other users.",
        };

        var command = new Command(
            "emulator",
            "Serve a local Cloudflare Access API on 127.0.0.1 for dry runs and tests, until Ctrl-C or SIGTERM. Prints one line on stdout: "
            + "'Cloudflare Access API emulator listening on http://127.0.0.1:PORT/client/v4'. Exit 0 when stopped, 1 when it cannot start "
            + "(invalid seed or state file, port in use), 64 usage error.")
        {
            port,
            seed,
            state,
            latency,
            failRate,
            resetRate,
            rateLimit,
            token,
        };
        command.SetAction((parsed, stop) => Run(parsed, console, (global, log) =>
            new EmulatorCommand(console, log).ExecuteAsync(
                EmulatorSettings.Parse(
                    parsed.GetValue(port),
                    parsed.GetValue(seed),
                    parsed.GetValue(state),
                    parsed.GetValue(latency),
                    parsed.GetValue(failRate),
                    parsed.GetValue(resetRate),
                    parsed.GetValue(rateLimit),
                    parsed.GetValue(token)),
                stop)));
        return command;
    }

    /// <summary>An unknown option would otherwise be taken for a folder named "--bogus".</summary>
    private static void RejectOptionLookalikes<T>(Argument<T> argument) =>
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"unrecognized option '{token.Value}'");
            }
        });

    /// <summary>
    /// Runs a command with logging set up, turning a user's mistake into one line and exit code 64, and a bug
    /// into a logged stack trace and exit code 1.
    /// </summary>
    private static async Task<int> Run(ParseResult parsed, CliConsole console, Func<GlobalSettings, ILogger, Task<int>> command)
    {
        GlobalSettings global;
        try
        {
            global = ReadGlobalSettings(parsed);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        await using var log = Logging.Create(global, console.Error);
        try
        {
            return await command(global, log);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is UserException or CloudflareException)
        {
            // The user's to fix (credentials, a plan file) or the API's answer: one line says it all.
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Error;
        }
#pragma warning disable CA1031 // The last line of defence: a bug is logged with its stack, never thrown at the user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Fatal(e, "AccessSync failed unexpectedly; this is a bug, please report it with this output");
            return ExitCodes.Error;
        }
    }

    private static GlobalSettings ReadGlobalSettings(ParseResult parsed) => new(
        parsed.GetValue(LogLevelOption) switch
        {
            "verbose" => LogEventLevel.Verbose,
            "debug" => LogEventLevel.Debug,
            "information" => LogEventLevel.Information,
            "error" => LogEventLevel.Error,
            _ => LogEventLevel.Warning,
        },
        parsed.GetValue(LogFormatOption) == "json" ? LogFormat.Json : LogFormat.Text,
        parsed.GetValue(NoColorOption),
        new ScopeFallbacks(
            ScopeFrom("--account-id", parsed.GetValue(AccountIdOption), "--zone-id", parsed.GetValue(ZoneIdOption)),
            ScopeFrom(
                "CLOUDFLARE_ACCOUNT_ID", Environment.GetEnvironmentVariable("CLOUDFLARE_ACCOUNT_ID"),
                "CLOUDFLARE_ZONE_ID", Environment.GetEnvironmentVariable("CLOUDFLARE_ZONE_ID"))));

    private static Scope? ScopeFrom(string accountSource, string? account, string zoneSource, string? zone)
    {
        account = string.IsNullOrWhiteSpace(account) ? null : account.Trim();
        zone = string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();
        if (account is not null && zone is not null)
        {
            throw new UsageException($"{accountSource} and {zoneSource} are both set; an application lives in an account or a zone, so give one");
        }

        foreach (var (source, id) in new[] { (accountSource, account), (zoneSource, zone) })
        {
            if (id is not null && !CloudflareId().IsMatch(id))
            {
                throw new UsageException($"{source} must be a 32-character lower-case hexadecimal id, not \"{id}\"");
            }
        }

        return account is not null ? Scope.Account(account) : zone is not null ? Scope.Zone(zone) : null;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex CloudflareId();
}
