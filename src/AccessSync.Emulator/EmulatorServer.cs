using System.Net;
using AccessSync.Emulator.Api;
using AccessSync.Emulator.Faults;
using AccessSync.Emulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccessSync.Emulator;

/// <summary>
/// A local Cloudflare Access API over real HTTP on 127.0.0.1, faithful to the Access OpenAPI subset, with fault
/// injection. It logs nothing, so that it never mixes with a command's output.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StateStore store;
    private readonly string? stateFile;
    private int stopped;

    private EmulatorServer(WebApplication app, StateStore store, string? stateFile, Uri baseUrl, FaultSettings faults, RequestLog requests)
    {
        this.app = app;
        this.store = store;
        this.stateFile = stateFile;
        BaseUrl = baseUrl;
        Faults = faults;
        Requests = requests;
        State = new EmulatorState(store);
    }

    /// <summary>The API's base URL, e.g. http://127.0.0.1:41234/client/v4 (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    public int Port => BaseUrl.Port;

    public EmulatorState State { get; }

    public FaultSettings Faults { get; }

    public RequestLog Requests { get; }

    /// <exception cref="SeedFormatException">The seed or the state file does not follow the seed format; it names the file.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBodyBytes, 1, nameof(options.MaxRequestBodyBytes));
        var clock = options.TimeProvider;
        var faults = new FaultSettings(clock);
        var requests = new RequestLog(options.RequestLogCapacity);
        var store = new StateStore(clock, faults, options.RefuseAppScopedPoliciesOnNewApps);
        var seed = options.StateFile is { } path && File.Exists(path) ? EmulatorSeed.Load(path) : options.Seed ?? EmulatorSeed.Empty;
        try
        {
            store.Import(seed.ToJson());
        }
        catch (SeedFormatException e) when (seed.Source is { } source)
        {
            // The state file is read instead of the seed when it exists: the error must name the file it is in.
            throw e.In(source);
        }
        if (options.StateFile is { } file)
        {
            store.Saved = state => StateFile.Save(file, state);
            StateFile.Save(file, store.Export());
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The pipeline enforces MaxRequestBodyBytes itself, with the API's envelope; Kestrel's own 30 MB cap would
            // answer a bare 413 (or fail a read) instead.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        var pipeline = new Pipeline(faults, requests, options.Credentials, clock, new Chance(options.RandomSeed), options.MaxRequestBodyBytes);
        app.Use(pipeline.InvokeAsync);
        app.UseRouting();
        Routes.Map(app, store);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var bound = new Uri(address);
        var baseUrl = new Uri($"http://127.0.0.1:{bound.Port}{Routes.BasePath}");
        return new EmulatorServer(app, store, options.StateFile, baseUrl, faults, requests);
    }

    /// <summary>Stops serving, then saves the state file if there is one.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await app.StopAsync(cancellationToken);
        if (stateFile is not null)
        {
            StateFile.Save(stateFile, store.Export());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }
}
