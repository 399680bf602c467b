using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Core.Applying;
using AccessSync.Core.Planning;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

/// <summary>A write's body goes to the wire as the core built it, serialised once.</summary>
public class WriteBodyTests
{
    private static readonly string AppId = EstateSeed.AppId(0);

    [Test]
    public async Task The_provider_sends_the_body_it_is_handed_as_it_is()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build());
        IAccessWriter writer = new CloudflareProvider(h.Client);
        var body = Policy("Équipe <SRE> & on-call");
        body["x_unknown"] = new JsonObject { ["kept"] = new JsonArray(1, 2.50m, "δ") };

        var answer = await writer.CreatePolicyAsync(new AppTarget(Harness.Account, AppId, "App", "app.yaml"), body, CancellationToken.None);

        answer.Failure.ShouldBeNull();
        h.Requests.Single(r => r.Method == "POST").Body.ShouldBe(body.ToJsonString());
    }

    [Test]
    public async Task Every_attempt_of_a_create_sends_the_same_bytes()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build());
        h.Server.Faults.Enqueue(Fault.Reset().When("POST"));
        h.Server.Faults.Enqueue(Fault.Status(502).When("POST"));
        var body = Policy("Allow SRE");

        await h.Client.CreateApplicationPolicyAsync(Harness.Account, AppId, body);

        var posts = h.Requests.Where(r => r.Method == "POST").ToList();
        posts.Count.ShouldBe(3);
        posts.ShouldAllBe(r => r.Body == body.ToJsonString());
    }

    private static JsonObject Policy(string name) => new()
    {
        ["name"] = name,
        ["decision"] = "allow",
        ["include"] = new JsonArray(new JsonObject { ["email_domain"] = new JsonObject { ["domain"] = "example.com" } }),
        ["precedence"] = 2,
    };
}
