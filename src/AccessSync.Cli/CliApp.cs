using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Cloudflare;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Text;
using AccessSync.Emulator;
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

    /// <summary>How long a command has, after a second Ctrl-C or SIGTERM, to print what it knows before the process ends regardless.</summary>
    private static readonly TimeSpan LastWords = TimeSpan.FromSeconds(2);

    /// <summary>Runs one command line as the <c>accesssync</c> process does: on the process's console and signals.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!ReferenceEquals(stdout, Console.Out))
        {
            using var quiet = new Interruption();
            return await RunAsync(args, new CliConsole(stdout, stderr), quiet);
        }

        using var interruption = Interruption.OfThisProcess(LastWords, code =>
        {
            Console.Error.WriteLine($"error: stopped by a second signal; exiting at once ({code})");
            Environment.Exit(code);
        });
        return await RunAsync(
            args,
            new CliConsole(stdout, stderr, Console.In, !Console.IsInputRedirected, !Console.IsOutputRedirected, !Console.IsErrorRedirected),
            interruption);
    }

    /// <summary>Runs one command line with the given console, told of Ctrl-C and SIGTERM by <paramref name="interruption"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, Interruption interruption)
    {
        var (stdout, stderr) = (console.Out, console.Error);
        var root = BuildRoot(console, interruption, args);
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

        // Signals are the interruption's: the parser's own handling would end the process two seconds after one, mid-write.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }

    /// <summary>
    /// The root command, with the commands <paramref name="args"/> name. A command the arguments do not name takes no
    /// part in parsing them, and building it would only load what it needs (the emulator's, the API client's), which
    /// is most of a short run's start-up. Arguments that name no command (--help, a typo, nothing) get every command,
    /// as do a response file (@file) and a directive ([suggest]), whose contents the parser reads later.
    /// </summary>
    private static RootCommand BuildRoot(CliConsole console, Interruption interruption, string[] args)
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
        var named = CommandLines.Where(c => args.Contains(c.Name, StringComparer.Ordinal)).ToArray();
        var all = named.Length == 0 || args.Any(a => a.StartsWith('@') || a.StartsWith('['));
        foreach (var (_, build) in all ? CommandLines : named)
        {
            root.Add(build(console, interruption));
        }

        return root;
    }

    /// <summary>Every command, by name, in the order help lists them.</summary>
    private static readonly (string Name, Func<CliConsole, Interruption, Command> Build)[] CommandLines =
    [
        ("validate", ValidateCommandLine),
        ("emulator", EmulatorCommandLine),
        ("plan", PlanCommandLine),
        ("apply", ApplyCommandLine),
        ("export", ExportCommandLine),
        ("test", TestCommandLine),
        ("explain", ExplainCommandLine),
        ("github-comment", GitHubCommentCommandLine),
    ];

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
    /// Runs a command with logging set up, turning a user's mistake into one line and exit code 64, a command
    /// stopped by Ctrl-C or SIGTERM into one line and 130 or 143, and a bug into one line, exit code 1 and its
    /// stack trace in the debug log (never on the terminal unless asked for).
    /// </summary>
    private static async Task<int> Run(ParseResult parsed, CliConsole console, Interruption interruption, Func<GlobalSettings, ILogger, Task<int>> command)
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
        catch (OperationCanceledException) when (interruption.Signal is not null)
        {
            // Stopped before it changed anything: apply, once it writes, reports its own stop.
            await console.Error.WriteLineAsync($"error: stopped by {interruption.SignalName}; nothing was changed");
            return interruption.ExitCode;
        }
        catch (SeedFormatException e)
        {
            // An emulator seed or state file (the sandbox's too), reported in the compiler's shape as policy files are.
            await console.Error.WriteLineAsync($"{e.Where(DisplayPath.Of)}: error: {e.Reason}");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is UserException or CloudflareException)
        {
            // The user's to fix (credentials, a plan file) or the API's answer: one line says it all.
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Error;
        }
#pragma warning disable CA1031 // The last line of defence: a bug is one line on the terminal, its stack is in the debug log.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Debug(e, "AccessSync failed unexpectedly");
            await console.Error.WriteLineAsync(
                $"error: AccessSync failed unexpectedly ({e.GetType().Name}: {DisplayText.ForDisplay(e.Message)}). This is a bug: please report it with the output of the same command run with --log-level debug");
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
