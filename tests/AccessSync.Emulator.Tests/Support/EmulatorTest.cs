using Microsoft.Extensions.Time.Testing;

namespace AccessSync.Emulator.Tests.Support;

/// <summary>A fresh emulator per test on a free loopback port, seeded with <see cref="Some.Seed"/>, on a fake clock.</summary>
public abstract class EmulatorTest
{
    private ApiClient? api;
    private EmulatorServer? server;

    internal FakeTimeProvider Clock { get; private set; } = new(Some.Start);

    internal EmulatorServer Server => server ?? throw new InvalidOperationException("not started");

    internal ApiClient Api => api ?? throw new InvalidOperationException("not started");

    internal EmulatorState State => Server.State;

    [SetUp]
    public async Task StartEmulator()
    {
        Clock = new FakeTimeProvider(Some.Start);
        server = await EmulatorServer.StartAsync(Options(Clock));
        api = new ApiClient(server.BaseUrl);
    }

    [TearDown]
    public async Task StopEmulator()
    {
        api?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    internal virtual EmulatorOptions Options(FakeTimeProvider clock) => new()
    {
        Seed = Some.Seed(),
        Credentials = EmulatorCredentials.Token(ApiClient.Token),
        TimeProvider = clock,
    };
}
