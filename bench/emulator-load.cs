#:project ../src/AccessSync.Emulator/AccessSync.Emulator.csproj
#:property PublishAot=false

// Benchmark: the emulator over loopback with an estate of 500 apps of 5 app-scoped policies each (Cloudflare's default
// account limit is 500 apps). Measures reading the whole estate in one page, GET throughput at concurrency 8, and
// policy PUT throughput at concurrency 8. Usage: dotnet run -c Release bench/emulator-load.cs [REQUESTS]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AccessSync.Emulator;

const string Account = "0123456789abcdef0123456789abcdef";
const int Apps = 500;
const int PoliciesPerApp = 5;
const int Concurrency = 8;
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4000;

var apps = new JsonArray();
for (var a = 0; a < Apps; a++)
{
    var policies = new JsonArray();
    for (var p = 1; p <= PoliciesPerApp; p++)
    {
        policies.Add(new JsonObject
        {
            ["id"] = $"{a:00000000}-0000-4000-8000-{p:000000000000}",
            ["name"] = $"Policy {p}",
            ["decision"] = "allow",
            ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "example.com" } }),
            ["precedence"] = p,
        });
    }

    apps.Add(new JsonObject
    {
        ["id"] = $"{a:00000000}-1111-4111-8111-111111111111",
        ["name"] = $"App {a}",
        ["domain"] = $"app{a}.example.com",
        ["type"] = "self_hosted",
        ["policies"] = policies,
    });
}

var seed = EmulatorSeed.From(new JsonObject { ["accounts"] = new JsonObject { [Account] = new JsonObject { ["apps"] = apps } } });
await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = seed, Credentials = EmulatorCredentials.Token("bench") });
server.Faults.RateLimit = null;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency });
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench");
var baseUrl = server.BaseUrl.AbsoluteUri;

// Warm-up, then the whole estate in one page, five times.
for (var i = 0; i < 50; i++)
{
    (await http.GetAsync(new Uri($"{baseUrl}/accounts/{Account}/access/apps/00000000-1111-4111-8111-111111111111"))).EnsureSuccessStatusCode();
}

var estate = new List<double>();
long bytes = 0;
for (var i = 0; i < 5; i++)
{
    var clock = Stopwatch.StartNew();
    var body = await http.GetByteArrayAsync(new Uri($"{baseUrl}/accounts/{Account}/access/apps?per_page=1000"));
    estate.Add(clock.Elapsed.TotalMilliseconds);
    bytes = body.Length;
}

Console.WriteLine(FormattableString.Invariant($"estate read: {Apps} apps x {PoliciesPerApp} policies in one page ({bytes / 1024} KiB): median {Median(estate):F1} ms of 5"));
Console.WriteLine(FormattableString.Invariant($"GET app:    {await Throughput(i => new HttpRequestMessage(HttpMethod.Get, new Uri($"{baseUrl}/accounts/{Account}/access/apps/{i % Apps:00000000}-1111-4111-8111-111111111111"))):F0} requests/s ({requests} requests, concurrency {Concurrency})"));
Console.WriteLine(FormattableString.Invariant($"PUT policy: {await Throughput(i =>
{
    var app = i % Apps;
    var policy = $$$"""{"name": "Policy 1 v{{{i}}}", "decision": "allow", "include": [{"email_domain": {"domain": "example.com"}}], "precedence": 1}""";
    return new HttpRequestMessage(HttpMethod.Put, new Uri($"{baseUrl}/accounts/{Account}/access/apps/{app:00000000}-1111-4111-8111-111111111111/policies/{app:00000000}-0000-4000-8000-000000000001"))
    {
        Content = new StringContent(policy, Encoding.UTF8, "application/json"),
    };
}):F0} requests/s ({requests} requests, concurrency {Concurrency})"));

async Task<double> Throughput(Func<int, HttpRequestMessage> request)
{
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
        {
            using var message = request(i);
            using var response = await http.SendAsync(message);
            response.EnsureSuccessStatusCode();
        }
    }));
    return requests / clock.Elapsed.TotalSeconds;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
