using System.Diagnostics;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Cloudflare;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;
using AccessSync.Core.Schema;
using AccessSync.Core.Yaml;
using AccessSync.Testing;

namespace AccessSync.Bench;

/// <summary>
/// The steps of <c>accesssync plan</c> called one by one in this process, each timed, the first round cold (as in a
/// CLI run: every method JIT-compiled on first use) and later rounds warm: where the plan benchmark's time goes.
/// </summary>
internal static class PlanPhasesBench
{
    private const int PoliciesPerApp = 5;

    public static async Task RunAsync(int apps, TimeSpan latency, int rounds)
    {
        var seed = new EstateSeed(apps, PoliciesPerApp, ReusablePolicies: 50, Groups: 100, ServiceTokens: 10, IdentityProviders: 3).Build();
        await using var server = await BenchEmulator.StartAsync(seed);
        await BenchEmulator.WarmAsync(server);
        server.Faults.Latency = latency;
        server.Faults.RateLimit = null;
        var directory = Directory.CreateTempSubdirectory("accesssync-plan-phases-").FullName;
        try
        {
            PolicyFiles.Write(directory, apps, PoliciesPerApp, reusablePolicies: 50, _ => (FileEdit.None, 0));
            var scope = Scope.Account(EstateSeed.AccountId);
            Console.WriteLine($"{apps} files and apps x {PoliciesPerApp} policies, latency {latency.TotalMilliseconds} ms; round 1 is cold (JIT), later rounds warm");
            for (var round = 1; round <= rounds; round++)
            {
                var timer = new PhaseTimer();
                Task<T> TimeAsync<T>(string name, Func<Task<T>> step) => timer.TimeAsync(name, step);
                T Time<T>(string name, Func<T> step) => timer.Time(name, step);

                Time("schema", () => AccessSyncSchema.Root);
                var tree = Time("read files", () => PolicyTree.Read(new DirectoryInfo(directory), Surroundings.OfThisProcess()));
                var project = Time("load+validate", () => ProjectLoader.Load(tree.Config, tree.PolicyFiles, new ScopeFallbacks(scope, null))).Value
                    ?? throw new InvalidOperationException("the generated files do not load");
                using var providerClient = BenchEmulator.Client(new CloudflareClientOptions { BaseUrl = server.BaseUrl });
                var live = await TimeAsync("live read, as plan reads (HTTP+JSON+mapping)", () => new CloudflareProvider(providerClient).ReadAsync([scope], CancellationToken.None));
                var plan = Time("plan", () => Planner.Compute(project, live, PlanOptions.All)).Plan ?? throw new InvalidOperationException("no plan");
                var review = Time("review", () => PlanReviewer.Review(plan));
                Time("render", () => PlanOutput.Render(review, PlanFormat.Text, useColor: false));
                await TimeAsync("[load+validate and provider read at once]", async () =>
                {
                    using var overlapClient = BenchEmulator.Client(new CloudflareClientOptions { BaseUrl = server.BaseUrl });
                    var loading = Task.Run(() => ProjectLoader.Load(tree.Config, tree.PolicyFiles, new ScopeFallbacks(scope, null)));
                    var reading = new CloudflareProvider(overlapClient).ReadAsync([scope], CancellationToken.None);
                    return (await loading, await reading);
                });

                // Parts of the steps above, one thread each, to find the costly ones by elimination.
                var yaml = Time("[yaml only, 1 thread]", () => tree.PolicyFiles.Select(YamlTreeReader.Read).ToList());
                Time("[schema only, 1 thread]", () => yaml.Sum(y => SchemaValidator.Validate(y.Root!, SchemaDefinition.ApplicationFile, "bench").Length));
                Time("[schema+model, 1 thread]", () => tree.PolicyFiles.Zip(yaml).Count(f => FileLoader.LoadApplication(f.First, f.Second, tree.Config.Defaults).Value is not null));
                var liveApps = live.Scopes.SelectMany(s => s.Applications).ToList();
                Time("[fingerprint every app]", () => liveApps.Select(a => Fingerprint.Of(a.Raw)).Count());
                Time("[fingerprint every policy]", () => liveApps.SelectMany(a => a.Policies).Select(p => Fingerprint.Of(p.Raw)).Count());
                Time("[canonical live fields of every policy]", () => liveApps.SelectMany(a => a.Policies).Sum(p => PolicyDiff.ManagedFieldsOf(p.Raw).Count));
                timer.Print($"round {round}");
            }

            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB (emulator included)");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
