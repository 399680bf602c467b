using System.Text.Json.Nodes;
using AccessSync.Core.Model;
using AccessSync.Emulator;
using AccessSync.Testing;
using Serilog.Events;

namespace AccessSync.Cloudflare.Tests.Support;

/// <summary>An emulator on loopback and a client pointed at it, with fast retries and every log event collected.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string Token = "cfat_Zq9x7Lw3Pk2Rm8Tn4Vb6Yc1Hd5Jf0Gs3Ae7Ui9Oo2";

    public static readonly Scope Account = Scope.Account(EstateSeed.AccountId);
    public static readonly Scope Zone = Scope.Zone(EstateSeed.ZoneId);
    public static readonly ScopeRef AccountRef = ScopeRef.Account(EstateSeed.AccountId);
    public static readonly ScopeRef ZoneRef = ScopeRef.Zone(EstateSeed.ZoneId);

    private Harness(EmulatorServer server, CloudflareAccessClient client, TimeProvider clock, CollectingSink logs)
    {
        Server = server;
        Client = client;
        Clock = clock;
        Logs = logs;
    }

    public EmulatorServer Server { get; }

    public CloudflareAccessClient Client { get; }

    public TimeProvider Clock { get; }

    public CollectingSink Logs { get; }

    public IReadOnlyList<RecordedRequest> Requests => Server.Requests.All;

    /// <param name="configure">Changes to the test defaults: 1/100 time, no client rate limit, 6 attempts.</param>
    /// <param name="clock">The client's clock instead of 1/100 time: a <see cref="Testing.SteppedClock"/> for a test that checks each wait.</param>
    public static async Task<Harness> StartAsync(
        JsonObject? seed = null,
        Func<CloudflareClientOptions, CloudflareClientOptions>? configure = null,
        CloudflareCredentials? credentials = null,
        LogEventLevel level = LogEventLevel.Debug,
        TimeProvider? clock = null)
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Seed = seed is null ? null : EmulatorSeed.From(seed),
            Credentials = EmulatorCredentials.Token(Token),
        });
        clock ??= new ScaledClock();
        var logs = new CollectingSink();
        var options = Options(server.BaseUrl, clock);
        var client = new CloudflareAccessClient(credentials ?? CloudflareCredentials.ApiToken(Token), configure?.Invoke(options) ?? options, logs.Logger(level));
        return new Harness(server, client, clock, logs);
    }

    public static CloudflareClientOptions Options(Uri baseUrl, TimeProvider clock) => new()
    {
        BaseUrl = baseUrl,
        RateLimit = null,
        TimeProvider = clock,
        // Scaled to 1/100: a long attempt timeout stays long in real time, so only the faults a test injects fail.
        AttemptTimeout = AttemptTimeout,
    };

    /// <summary>Each attempt's timeout under the test defaults.</summary>
    public static TimeSpan AttemptTimeout { get; } = TimeSpan.FromMinutes(10);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
