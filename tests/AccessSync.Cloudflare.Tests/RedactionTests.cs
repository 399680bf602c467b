using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;
using Serilog.Events;

namespace AccessSync.Cloudflare.Tests;

public class RedactionTests
{
    [Test]
    public async Task The_token_never_reaches_a_log_event_or_an_error_message_even_at_verbose()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 2, PoliciesPerApp: 1, ReusablePolicies: 1).Build(), level: LogEventLevel.Verbose);
        h.Server.Faults.Enqueue(Fault.Status(503).When("GET", "/access/groups$"));
        var errors = new List<string>();

        await h.Client.ReadEstateAsync(Harness.Account);
        // The token in a request body, echoed in the response body ...
        await h.Client.CreateReusablePolicyAsync(Harness.Account, new JsonObject
        {
            ["name"] = "Pasted by mistake: " + Harness.Token,
            ["decision"] = "allow",
            ["include"] = new JsonArray(new JsonObject { ["everyone"] = new JsonObject() }),
        });
        // ... in a path, and so in an error message and the failed request's trace ...
        errors.Add((await Should.ThrowAsync<CloudflareApiException>(h.Client.GetApplicationAsync(Harness.Account, Harness.Token))).Message);
        // ... and in a rejected body, with Cloudflare's error message quoting it.
        errors.Add((await Should.ThrowAsync<CloudflareApiException>(h.Client.CreateApplicationPolicyAsync(Harness.Account, EstateSeed.AppId(0), new JsonObject
        {
            ["name"] = "Broken",
            ["decision"] = Harness.Token,
            ["include"] = new JsonArray(new JsonObject { ["everyone"] = new JsonObject() }),
        }))).Message);

        var captured = h.Logs.Rendered.Concat(errors).ToList();
        captured.ShouldNotContain(text => text.Contains(Harness.Token, StringComparison.Ordinal));

        // The test could fail: traces were captured, with the secret masked where it was.
        h.Logs.Events.Count(e => e.Level == LogEventLevel.Debug && e.Properties.ContainsKey("Status")).ShouldBeGreaterThanOrEqualTo(8);
        h.Logs.Events.ShouldContain(e => e.Level == LogEventLevel.Verbose && e.RenderMessage().Contains("response body", StringComparison.Ordinal));
        h.Logs.Rendered.ShouldContain(text => text.Contains("request body: {\"name\":\"Pasted by mistake: [REDACTED]\"", StringComparison.Ordinal));
        h.Logs.Rendered.ShouldContain(text => text.Contains($"/access/apps/[REDACTED] 404", StringComparison.Ordinal));
        errors.ShouldAllBe(e => e.Contains("[REDACTED]", StringComparison.Ordinal));
        h.Logs.Rendered.ShouldContain(text => text.Contains("HTTP 503 on attempt 1", StringComparison.Ordinal));
    }
}
