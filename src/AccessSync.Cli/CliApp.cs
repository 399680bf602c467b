using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using AccessSync.Cli.Hosting;
using AccessSync.Cloudflare;
using AccessSync.Core.Text;
using AccessSync.Emulator;
using Serilog;

namespace AccessSync.Cli;

/// <summary>The composition root: parses the command line, sets up logging once, and runs one command.</summary>
public static partial class CliApp
{
    /// <summary>How long a command has, after a second Ctrl-C or SIGTERM, to print what it knows before the process ends regardless.</summary>
    private static readonly TimeSpan LastWords = TimeSpan.FromSeconds(2);

    /// <summary>Runs one command line as the <c>accesssync</c> process does: on the process's console and signals, in <paramref name="surroundings"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Surroundings surroundings)
    {
        if (!ReferenceEquals(stdout, Console.Out))
        {
            using var quiet = new Interruption();
            return await RunAsync(args, new CliConsole(stdout, stderr), quiet, surroundings);
        }

        using var interruption = Interruption.OfThisProcess(LastWords, code =>
        {
            Console.Error.WriteLine($"error: stopped by a second signal; exiting at once ({code})");
            Environment.Exit(code);
        });
        return await RunAsync(
            args,
            new CliConsole(stdout, stderr, Console.In, !Console.IsInputRedirected, !Console.IsOutputRedirected, !Console.IsErrorRedirected),
            interruption,
            surroundings);
    }

    /// <summary>
    /// Runs one command line with the given console, told of Ctrl-C and SIGTERM by <paramref name="interruption"/>,
    /// in the working folder and with the environment variables of <paramref name="surroundings"/>: several can run
    /// at once in one process.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, Interruption interruption, Surroundings surroundings)
    {
        var (stdout, stderr) = (console.Out, console.Error);
        var root = BuildRoot(new Invocation(console, interruption, surroundings, new GlobalOptions()), args);
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
    private static RootCommand BuildRoot(Invocation invocation, string[] args)
    {
        var root = new RootCommand($"""
            AccessSync: policy-as-code for Cloudflare Zero Trust Access.

            {ExitCodes.HelpText}
            """);
        invocation.Options.AddTo(root);
        var named = CommandLines.Where(c => args.Contains(c.Name, StringComparer.Ordinal)).ToArray();
        var all = named.Length == 0 || args.Any(a => a.StartsWith('@') || a.StartsWith('['));
        foreach (var (_, build) in all ? CommandLines : named)
        {
            root.Add(build(invocation));
        }

        return root;
    }

    /// <summary>Every command, by name, in the order help lists them.</summary>
    private static readonly (string Name, Func<Invocation, Command> Build)[] CommandLines =
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
    private static async Task<int> Run(ParseResult parsed, Invocation invocation, Func<GlobalSettings, ILogger, Task<int>> command)
    {
        var (console, interruption) = (invocation.Console, invocation.Interruption);
        GlobalSettings global;
        try
        {
            global = invocation.Options.Read(parsed, invocation.Surroundings);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        await using var logger = Logging.Create(global, console.Error);
        ILogger log = logger; // Serilog's Debug, Information, ... are the interface's own methods
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
            await console.Error.WriteLineAsync($"{e.Where(invocation.Surroundings.DisplayPath)}: error: {e.Reason}");
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

    /// <summary>One command line's run: where it prints, what stops it, what it runs in, and the options every command shares.</summary>
    private sealed record Invocation(CliConsole Console, Interruption Interruption, Surroundings Surroundings, GlobalOptions Options)
    {
        /// <summary>A folder or file on the command line: as given, and resolved against the run's working folder (not the process's).</summary>
        public GivenPath? Path(ArgumentResult result)
        {
            var text = result.Tokens.Single().Value;
            if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal))
            {
                result.AddError($"\"{text}\" is not a path");
                return null;
            }

            return Surroundings.Given(text);
        }

        /// <summary>The run's working folder: the default of a folder argument.</summary>
        public GivenPath WorkingFolder() => Surroundings.Given(".");

        /// <summary>Whether the command runs as a GitHub Actions step, where problems are best reported as annotations.</summary>
        public bool InGitHubActions => Surroundings.Variable("GITHUB_ACTIONS") == "true";
    }
}
