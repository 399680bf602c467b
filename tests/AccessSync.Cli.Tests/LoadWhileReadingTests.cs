using AccessSync.Cli.Commands;
using AccessSync.Cli.Tests.Support;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// plan and apply read live while the files load: the account accesssync.yaml (or --account-id) names is read before
/// a policy file is parsed. What the files decide stays first: their errors, before missing credentials, and no write.
/// </summary>
public class LoadWhileReadingTests
{
    private const string Token = "cf-token-5e8d2a4c6b1f3e7a9d0c";
    private static readonly Scope Account = Scope.Account("9a7806061c88ada191ed06f989cc3dac");
    private static readonly Scope Other = Scope.Account("0123456789abcdef0123456789abcdef");

    [Test]
    public async Task Files_with_an_error_fail_apply_with_their_diagnostics_and_only_reads_were_sent()
    {
        using var tree = new ExampleTree();
        tree.Edit("apps/grafana.yaml", text => text.Replace("decision: deny", "decision: maybe", StringComparison.Ordinal));
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Load(ExampleTree.LiveJson), Credentials = EmulatorCredentials.Token(Token) });

        var result = await InProcessAccessSync.RunAsync(
            tree.Path, new Dictionary<string, string?> { ["CLOUDFLARE_API_TOKEN"] = Token }, "apply", "--auto-approve", "--api-url", server.BaseUrl.ToString());

        result.ExitCode.ShouldBe(ExitCodes.Error, result.StdErr);
        result.StdErr.ShouldContain("apps/grafana.yaml:7:");
        result.StdErr.ShouldContain("maybe");
        server.Requests.All.ShouldAllBe(r => r.Method == "GET");
    }

    [Test]
    public async Task Files_with_an_error_are_reported_rather_than_the_missing_credentials()
    {
        using var tree = new ExampleTree();
        tree.Edit("apps/grafana.yaml", text => text.Replace("decision: deny", "decision: maybe", StringComparison.Ordinal));

        var result = await InProcessAccessSync.RunAsync(tree.Path, new Dictionary<string, string?> { ["CLOUDFLARE_API_TOKEN"] = null }, "plan");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldContain("apps/grafana.yaml:7:");
        result.StdErr.ShouldNotContain("CLOUDFLARE_API_TOKEN");
    }

    [Test]
    public async Task A_scope_started_early_is_read_once_and_live_holds_exactly_the_scopes_asked_for_in_their_order()
    {
        var provider = new CountingProvider();
        var reads = new LiveReads(provider, CancellationToken.None);
        await using (reads)
        {
            reads.Start(Account);
            var live = await reads.ForAsync([Other, Account]);

            live.Scopes.Select(s => s.Scope).ShouldBe([Other, Account]);
        }

        provider.Reads.ShouldBe([Account, Other], "each scope read once, the one started early first");
    }

    [Test]
    public async Task A_read_no_one_asked_for_is_stopped_when_the_reads_are_disposed()
    {
        var provider = new CountingProvider { Hang = true };
        var reads = new LiveReads(provider, CancellationToken.None);

        reads.Start(Account);
        await reads.DisposeAsync();

        provider.Stopped.ShouldBe([Account]);
    }

    /// <summary>Reads each scope as an empty one, and remembers which it was asked for and which reads were stopped.</summary>
    private sealed class CountingProvider : IAccessProvider
    {
        private readonly Lock gate = new();

        public bool Hang { get; init; }

        public List<Scope> Reads { get; } = [];

        public List<Scope> Stopped { get; } = [];

        public IAccessWriter Writer => throw new NotSupportedException();

        public async Task<LiveState> ReadAsync(IReadOnlyCollection<Scope> scopes, CancellationToken cancellationToken)
        {
            var scope = scopes.Single();
            lock (gate)
            {
                Reads.Add(scope);
            }

            try
            {
                await Task.Delay(Hang ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                lock (gate)
                {
                    Stopped.Add(scope);
                }

                throw;
            }

            return new LiveState([new LiveScope(scope, [], [], [], [], [])]);
        }

        public Task<LiveApplication?> ReadApplicationAsync(Scope scope, string appId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
