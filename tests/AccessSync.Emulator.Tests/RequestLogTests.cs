using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>The request log: every request in arrival order, with no credential in it.</summary>
public class RequestLogTests : EmulatorTest
{
    [Test]
    public async Task Each_request_is_logged_with_method_relative_path_query_body_time_and_status()
    {
        await Api.Get(Some.AccountPath("/access/apps?page=1&per_page=5"));
        Clock.Advance(TimeSpan.FromSeconds(3));
        var body = Some.Policy(precedence: 4);
        await Api.Post(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies"), body);
        await Api.Get("/nowhere");

        var log = Server.Requests.All;
        log.Count.ShouldBe(3);
        log[0].ShouldBe(new RecordedRequest("GET", $"/accounts/{Some.Account}/access/apps", "page=1&per_page=5", null, Some.Start, 200) { Ended = Some.Start });
        log[1].Method.ShouldBe("POST");
        log[1].Path.ShouldBe($"/accounts/{Some.Account}/access/apps/{Some.GrafanaId}/policies");
        log[1].Query.ShouldBe("");
        JsonNode.Parse(log[1].Body!)!.ToJsonString().ShouldBe(body.ToJsonString());
        log[1].Time.ShouldBe(Some.Start.AddSeconds(3));
        log[1].Status.ShouldBe(201);
        log[2].Status.ShouldBe(404);
        Server.Requests.Count.ShouldBe(3);
    }

    [Test]
    public async Task No_credential_ever_appears_in_the_log()
    {
        using var keyed = new ApiClient(Server.BaseUrl, r =>
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiClient.Token);
            r.Headers.Add("X-Auth-Email", "ops@example.com");
            r.Headers.Add("X-Auth-Key", "global-key-secret");
        });
        await keyed.Get(Some.AccountPath("/access/apps"));
        await Api.Get(Some.AccountPath("/access/policies"));

        var everything = string.Join("\n", Server.Requests.All.Select(r => r.ToString()));
        everything.ShouldNotContain(ApiClient.Token);
        everything.ShouldNotContain("global-key-secret");
        everything.ShouldNotContain("ops@example.com");
    }

    [Test]
    public async Task Clearing_the_log_empties_it()
    {
        await Api.Get(Some.AccountPath("/access/apps"));

        Server.Requests.Clear();

        Server.Requests.Count.ShouldBe(0);
        await Api.Get(Some.AccountPath("/access/apps"));
        Server.Requests.All.Single().Status.ShouldBe(200);
    }

    [Test]
    public async Task Refused_requests_are_logged_with_their_status()
    {
        using var anonymous = new ApiClient(Server.BaseUrl, _ => { });

        await anonymous.Get(Some.AccountPath("/access/apps"));

        Server.Requests.All.Single().Status.ShouldBe(400);
    }

    [Test]
    public async Task A_log_with_a_capacity_keeps_only_the_latest_requests()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = Some.Seed(), RequestLogCapacity = 2 });
        using var api = new ApiClient(server.BaseUrl);

        foreach (var page in new[] { 1, 2, 3 })
        {
            await api.Get(Some.AccountPath($"/access/apps?page={page}"));
        }

        server.Requests.All.Select(r => r.Query).ShouldBe(["page=2", "page=3"]);
    }
}
