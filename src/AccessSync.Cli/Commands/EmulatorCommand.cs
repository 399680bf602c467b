using System.Globalization;
using AccessSync.Cli.Hosting;
using AccessSync.Emulator;
using Serilog;

namespace AccessSync.Cli.Commands;

public sealed record EmulatorSettings(
    int Port,
    GivenPath? Seed,
    GivenPath? State,
    LatencyRange Latency,
    double FailRate,
    double ResetRate,
    double LostAnswerRate,
    RateLimitOptions? RateLimit,
    string? Token)
{
    /// <summary>Reads the option values as typed, turning a malformed one into a usage error.</summary>
    public static EmulatorSettings Parse(int port, GivenPath? seed, GivenPath? state, string? latency, double failRate, double resetRate, double lostAnswerRate, string? rateLimit, string? token)
    {
        if (port is < 0 or > 65535)
        {
            throw new UsageException($"--port must be from 0 (any free port) to 65535, not {port}");
        }

        foreach (var (name, rate) in new[] { ("--fail-rate", failRate), ("--reset-rate", resetRate), ("--lost-answer-rate", lostAnswerRate) })
        {
            if (double.IsNaN(rate) || rate is < 0 or > 1)
            {
                throw new UsageException($"{name} must be a fraction from 0 to 1, not {rate.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (seed is not null && !File.Exists(seed.FullPath))
        {
            throw new UsageException($"no such seed file: {seed}");
        }

        if (token is { Length: 0 })
        {
            throw new UsageException("--token must not be empty");
        }

        return new EmulatorSettings(port, seed, state, ParseLatency(latency), failRate, resetRate, lostAnswerRate, ParseRateLimit(rateLimit), token);
    }

    private static LatencyRange ParseLatency(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return LatencyRange.None;
        }

        var parts = text.Split('-');
        var values = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : -1).ToArray();
        return parts.Length switch
        {
            1 when values[0] >= 0 => TimeSpan.FromMilliseconds(values[0]),
            2 when values[0] >= 0 && values[1] >= values[0] => new LatencyRange(TimeSpan.FromMilliseconds(values[0]), TimeSpan.FromMilliseconds(values[1])),
            _ => throw new UsageException($"--latency-ms must be milliseconds (50) or a range MIN-MAX (20-200), not \"{text}\""),
        };
    }

    private static RateLimitOptions? ParseRateLimit(string? text) =>
        RateText.Parse("--rate-limit", text, (RateLimitOptions.CloudflareDefault.Requests, RateLimitOptions.CloudflareDefault.Window)) is { } rate
            ? new RateLimitOptions(rate.Requests, rate.Window)
            : null;
}

/// <summary>
/// <c>accesssync emulator</c>: serves a local Cloudflare Access API on 127.0.0.1 until Ctrl-C or SIGTERM, for dry
/// runs without an account. Prints one line with its base URL on stdout.
/// </summary>
public sealed class EmulatorCommand(CliConsole console, Surroundings surroundings, ILogger log)
{
    /// <summary>A long-running emulator keeps only its latest requests, so its memory stays bounded.</summary>
    private const int RequestLogCapacity = 10_000;

    public async Task<int> ExecuteAsync(EmulatorSettings settings, CancellationToken stop)
    {
        // A seed or state file that breaks the format is the user's to fix: CliApp reports it at its place.
        var seed = settings.Seed is null ? null : EmulatorSeed.Load(settings.Seed.FullPath);

        var credentials = settings.Token is { } token
            ? EmulatorCredentials.Token(token)
            : EmulatorCredentials.FromEnvironment(surroundings.Variable);
        if (credentials is null)
        {
            log.Information("No --token, CLOUDFLARE_API_TOKEN or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY: accepting any credential");
        }

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(
                new EmulatorOptions { Seed = seed, StateFile = settings.State?.FullPath, Credentials = credentials, Port = settings.Port, RequestLogCapacity = RequestLogCapacity },
                stop);
        }
        catch (IOException e)
        {
            await console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{settings.Port}: {e.Message}");
            return ExitCodes.Error;
        }

        await using (server)
        {
            server.Faults.Latency = settings.Latency;
            server.Faults.FailRate = settings.FailRate;
            server.Faults.ResetRate = settings.ResetRate;
            server.Faults.LostAnswerRate = settings.LostAnswerRate;
            server.Faults.RateLimit = settings.RateLimit;
            await console.Out.WriteLineAsync($"Cloudflare Access API emulator listening on {server.BaseUrl}");
            await console.Out.FlushAsync(CancellationToken.None);
            log.Information("Serving {Credential} until Ctrl-C or SIGTERM", credentials?.ToString() ?? "any credential");
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: the normal way to stop.
            }

            await server.StopAsync(CancellationToken.None);
            log.Information("Stopped after {RequestCount} requests", server.Requests.Count);
        }

        return ExitCodes.Success;
    }
}
