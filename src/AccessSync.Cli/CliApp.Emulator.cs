using System.CommandLine;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Hosting;

namespace AccessSync.Cli;

/// <summary>The command line of emulator.</summary>
public static partial class CliApp
{
    private static Command EmulatorCommandLine(Invocation invocation)
    {
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1 (default 0: any free port; the URL line says which).",
        };
        var seed = new Option<GivenPath?>("--seed")
        {
            Description = "A JSON file with the initial accounts, zones, apps and policies (default: empty).",
            CustomParser = invocation.Path,
        };
        var state = new Option<GivenPath?>("--state")
        {
            Description = "A JSON file the state is saved to after every write and on exit; loaded at start if it exists (it wins over --seed).",
            CustomParser = invocation.Path,
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
        var lostAnswerRate = new Option<double>("--lost-answer-rate")
        {
            Description = "The fraction (0..1) of writes (POST, PUT, DELETE) carried out and committed whose answer is then dropped by resetting the connection.",
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
            lostAnswerRate,
            rateLimit,
            token,
        };
        command.SetAction((parsed, _) => Run(parsed, invocation, (global, log) =>
            new EmulatorCommand(invocation.Console, invocation.Surroundings, log).ExecuteAsync(
                EmulatorSettings.Parse(
                    parsed.GetValue(port),
                    parsed.GetValue(seed),
                    parsed.GetValue(state),
                    parsed.GetValue(latency),
                    parsed.GetValue(failRate),
                    parsed.GetValue(resetRate),
                    parsed.GetValue(lostAnswerRate),
                    parsed.GetValue(rateLimit),
                    parsed.GetValue(token)),
                invocation.Interruption.Stop)));
        return command;
    }
}
