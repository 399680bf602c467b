using AccessSync.Cli.Hosting;
using AccessSync.Cloudflare;
using AccessSync.Core.Applying;
using AccessSync.Emulator;
using Serilog;

namespace AccessSync.Cli.Connections;

/// <summary>
/// An open connection to an Access API: the provider the core talks to, and, in the sandbox, the in-process
/// emulator behind it, whose state persists in <c>.accesssync/sandbox.json</c> and starts from the examples'
/// live estate. Disposing it closes both.
/// </summary>
public sealed class Connection : IAsyncDisposable
{
    public const string SandboxStateFile = ".accesssync/sandbox.json";

    /// <summary>The sandbox accepts any credential; this one keeps real ones out of it.</summary>
    private const string SandboxToken = "accesssync-sandbox";

    private readonly CloudflareAccessClient client;
    private readonly EmulatorServer? sandbox;

    private Connection(CloudflareAccessClient client, EmulatorServer? sandbox, string description)
    {
        this.client = client;
        this.sandbox = sandbox;
        Provider = new CloudflareProvider(client);
        Description = description;
    }

    public IAccessProvider Provider { get; }

    /// <summary>Requests sent and 429 waits so far, for the progress line.</summary>
    public RequestStatistics Statistics => client.Statistics;

    /// <summary>What the connection is to, for logs: never a credential.</summary>
    public string Description { get; }

    /// <summary>Opens the connection; the sandbox's state is in the working folder, and credentials come from the environment variables, both of <paramref name="surroundings"/>.</summary>
    public static async Task<Connection> OpenAsync(ConnectionSettings settings, Surroundings surroundings, ILogger log, CancellationToken cancellationToken)
    {
        if (settings.Sandbox)
        {
            var state = surroundings.Given(SandboxStateFile).FullPath;
            Directory.CreateDirectory(Path.GetDirectoryName(state)!);
            var server = await EmulatorServer.StartAsync(
                new EmulatorOptions { StateFile = state, Seed = File.Exists(state) ? null : SandboxSeed() },
                cancellationToken);
            log.Information("Sandbox: a local Access API on {Url}, state in {StateFile}", server.BaseUrl, SandboxStateFile);
            var sandboxClient = new CloudflareAccessClient(CloudflareCredentials.ApiToken(SandboxToken), new CloudflareClientOptions { BaseUrl = server.BaseUrl, RateLimit = settings.Budget }, log);
            return new Connection(sandboxClient, server, $"the sandbox ({SandboxStateFile})");
        }

        CloudflareCredentials credentials;
        try
        {
            credentials = CloudflareCredentials.FromEnvironment(surroundings.Variable);
        }
        catch (CloudflareException e)
        {
            throw new UserException(e.Message);
        }

        var options = new CloudflareClientOptions { BaseUrl = settings.ApiUrl ?? CloudflareClientOptions.DefaultBaseUrl, RateLimit = settings.Budget };
        return new Connection(new CloudflareAccessClient(credentials, options, log), null, $"{options.BaseUrl} with the {credentials.Kind}");
    }

    /// <summary>The examples' live estate, shipped inside the tool so that a sandbox works from any folder.</summary>
    private static EmulatorSeed SandboxSeed()
    {
        using var stream = typeof(Connection).Assembly.GetManifestResourceStream("AccessSync.Cli.sandbox-seed.json")
            ?? throw new InvalidOperationException("the sandbox seed is missing from the build");
        using var reader = new StreamReader(stream);
        return EmulatorSeed.Parse(reader.ReadToEnd());
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }
    }
}
