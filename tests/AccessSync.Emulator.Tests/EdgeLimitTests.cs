using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>
/// The emulator is as strict as the API at its edges: body size, rules per policy, the body's content type, and a
/// count of the 429s it sent.
/// </summary>
[NonParallelizable] // a test counts the process's allocations: a method of its own would still run beside other fixtures
public class EdgeLimitTests : EmulatorTest
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    private static readonly string Apps = Some.AccountPath("/access/apps");
    private static readonly string GrafanaPolicies = Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies");
    private static readonly string Reusable = Some.AccountPath("/access/policies");

    [Test]
    public async Task A_body_over_the_limit_by_its_content_length_is_refused_with_the_envelope_before_a_byte_is_read()
    {
        var content = new GeneratedContent(FiftyMegabytes, knownLength: true);

        // Expect: 100-continue (as curl sends for a large body) lets the server refuse before the client sends any of it.
        var answer = await Api.Send(HttpMethod.Post, Apps, configure: r =>
        {
            r.Content = content;
            r.Headers.ExpectContinue = true;
        });

        ShouldBeTooLarge(answer);
        content.BytesSent.ShouldBe(0, "the emulator refused by the Content-Length alone");
        State.Apps(Some.AccountScope).Count.ShouldBe(2);
        var logged = Server.Requests.All.Single();
        logged.Status.ShouldBe(413);
        logged.Body.ShouldBeNull();
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_body_over_the_limit_sent_whole_is_refused_with_the_envelope_without_being_held_in_memory(bool knownLength)
    {
        // Without Expect: 100-continue a client sends the whole body before it reads the answer, whatever the server
        // does; the server discards what it does not read, so the memory allocated stays below the body's size (read
        // whole as text it would be twice that). A first request warms up the code paths so their one-time cost is not counted.
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        var content = new GeneratedContent(FiftyMegabytes, knownLength);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var answer = await Api.Send(HttpMethod.Post, Apps, configure: r => r.Content = content);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        ShouldBeTooLarge(answer);
        allocated.ShouldBeLessThan(FiftyMegabytes, "the body is read up to the limit only, never buffered whole");
        State.Apps(Some.AccountScope).Count.ShouldBe(2);
    }

    [Test]
    public async Task A_body_at_the_limit_is_read_and_one_byte_more_is_refused()
    {
        var body = Some.App("Jira", "jira.example.com").ToJsonString();
        await using var server = await EmulatorServer.StartAsync(Options(Clock) with { MaxRequestBodyBytes = Encoding.UTF8.GetByteCount(body) });
        using var api = new ApiClient(server.BaseUrl);

        ShouldBeTooLarge(await api.Send(HttpMethod.Post, Apps, body + " "));
        (await api.Send(HttpMethod.Post, Apps, body)).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task The_default_limit_is_one_mebibyte_and_the_next_request_is_served()
    {
        var padding = new string(' ', (int)EmulatorOptions.DefaultMaxRequestBodyBytes);

        ShouldBeTooLarge(await Api.Send(HttpMethod.Post, Apps, Some.App("Jira", "jira.example.com").ToJsonString() + padding));
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_policy_with_more_rules_than_an_application_allows_is_refused_with_the_envelope()
    {
        var answer = await Api.Post(GrafanaPolicies, PolicyWithRules(include: 600, exclude: 401));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(12130);
        answer.ErrorMessage.ShouldContain("at most 1000 rules");
        answer.ErrorMessage.ShouldContain("not 1001");
        State.AppPolicies(Some.AccountScope, Some.GrafanaId).Count.ShouldBe(2);
    }

    [Test]
    public async Task A_policy_with_exactly_the_limit_of_rules_is_accepted()
    {
        (await Api.Post(GrafanaPolicies, PolicyWithRules(include: 999, exclude: 1))).Status.ShouldBe(HttpStatusCode.Created);
        (await Api.Post(Reusable, PolicyWithRules(include: 1000, exclude: 0))).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task The_rule_limit_holds_for_reusable_policies_and_for_policies_inline_in_an_app()
    {
        var reusable = await Api.Post(Reusable, PolicyWithRules(include: 1001, exclude: 0));
        var app = Some.App();
        app["policies"] = new JsonArray(PolicyWithRules(include: 1, exclude: 1000));
        var inline = await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}"), app);

        reusable.Status.ShouldBe(HttpStatusCode.BadRequest);
        reusable.ErrorMessage.ShouldContain("at most 1000 rules");
        inline.Status.ShouldBe(HttpStatusCode.BadRequest);
        inline.ErrorMessage.ShouldContain("at most 1000 rules");
        State.ReusablePolicies(Some.Account).Count.ShouldBe(2);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase(null)]
    public async Task A_body_that_is_not_json_by_its_content_type_is_refused_as_the_api_refuses_it(string? contentType)
    {
        var answer = await Api.Send(HttpMethod.Post, Apps, configure: r =>
        {
            r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Some.App("Jira", "jira.example.com").ToJsonString()));
            r.Content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        });

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(6003);
        answer.ErrorMessage.ShouldBe("Invalid request headers");
        var cause = answer.Body["errors"]![0]!["error_chain"]![0]!;
        cause["code"]!.GetValue<int>().ShouldBe(6105);
        cause["message"]!.GetValue<string>().ShouldBe("Invalid Content-Type header, valid values are application/json,multipart/form-data");
        State.Apps(Some.AccountScope).Count.ShouldBe(2);
    }

    [Test]
    public async Task Json_with_a_charset_and_a_bodyless_put_need_no_more()
    {
        var answer = await Api.Send(HttpMethod.Post, Apps, configure: r =>
        {
            r.Content = new StringContent(Some.App("Jira", "jira.example.com").ToJsonString(), Encoding.UTF8);
            r.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8");
        });

        answer.Status.ShouldBe(HttpStatusCode.Created);
        (await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}/make_reusable"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_request_log_counts_every_429_sent_even_past_its_capacity_until_cleared()
    {
        await using var server = await EmulatorServer.StartAsync(Options(Clock) with { RequestLogCapacity = 1 });
        using var api = new ApiClient(server.BaseUrl);
        server.Faults.RateLimit = new RateLimitOptions(1, TimeSpan.FromMinutes(1));
        server.Faults.Enqueue(Fault.Status(429, retryAfterSeconds: 1));

        (await api.Get(Apps)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        (await api.Get(Apps)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await api.Get(Apps)).Status.ShouldBe(HttpStatusCode.TooManyRequests);

        server.Requests.RateLimitedCount.ShouldBe(3);
        server.Requests.Count.ShouldBe(1);
        server.Requests.Clear();
        server.Requests.RateLimitedCount.ShouldBe(0);
    }

    private static void ShouldBeTooLarge(ApiAnswer answer)
    {
        answer.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        answer.Body["success"]!.GetValue<bool>().ShouldBeFalse();
        answer.ErrorCode.ShouldBe(10413);
        answer.ErrorMessage.ShouldStartWith("Request entity too large");
    }

    private static JsonObject PolicyWithRules(int include, int exclude)
    {
        static JsonArray Emails(int count, string prefix) =>
            new([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["email"] = new JsonObject { ["email"] = $"{prefix}{i}@example.com" } })]);

        var policy = Some.Policy("Many rules");
        policy["include"] = Emails(include, "in");
        policy["exclude"] = Emails(exclude, "out");
        return policy;
    }

    /// <summary>
    /// A body of any size generated from one small buffer, so the test itself holds no large array; it counts the
    /// bytes the server actually took. Without a known length it goes out chunked.
    /// </summary>
    private sealed class GeneratedContent : HttpContent
    {
        private readonly long length;
        private readonly bool knownLength;
        private long sent;

        public GeneratedContent(long length, bool knownLength)
        {
            this.length = length;
            this.knownLength = knownLength;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public long BytesSent => Interlocked.Read(ref sent);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            chunk[0] = (byte)'{';
            while (sent < length)
            {
                var count = (int)Math.Min(chunk.Length, length - sent);
                await stream.WriteAsync(chunk.AsMemory(0, count));
                Interlocked.Add(ref sent, count);
                chunk[0] = (byte)' ';
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return knownLength;
        }
    }
}
