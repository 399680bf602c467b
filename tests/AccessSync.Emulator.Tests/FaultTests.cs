using System.Net;
using System.Net.Http.Headers;
using AccessSync.Emulator.Faults;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>Fault injection: scripted faults, failure and reset rates, the rate limit, latency.</summary>
public class FaultTests : EmulatorTest
{
    private static readonly string Apps = Some.AccountPath("/access/apps");

    private int AppCount => State.Apps(Some.AccountScope).Count;

    [Test]
    public async Task A_scripted_status_answers_once_with_the_failure_envelope_and_retry_after_and_changes_nothing()
    {
        Server.Faults.Enqueue(Fault.Status(503, retryAfterSeconds: 7));

        var failed = await Api.Post(Apps, Some.App("Jira", "jira.example.com"));

        failed.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        failed.Body["success"]!.GetValue<bool>().ShouldBeFalse();
        failed.ErrorCode.ShouldBe(10002);
        failed.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        AppCount.ShouldBe(2);
        Server.Faults.PendingCount.ShouldBe(0);
        (await Api.Post(Apps, Some.App("Jira", "jira.example.com"))).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_scripted_fault_waits_for_a_request_that_matches_its_method_and_path()
    {
        Server.Faults.Enqueue(Fault.Status(500).When("PUT", "/policies/[^/]+$"));

        (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}"))).Status.ShouldBe(HttpStatusCode.OK);
        (await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}"), Some.App())).Status.ShouldBe(HttpStatusCode.OK);
        Server.Faults.PendingCount.ShouldBe(1);
        (await Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}"), Some.Policy(precedence: 1))).Status
            .ShouldBe(HttpStatusCode.InternalServerError);
        Server.Faults.PendingCount.ShouldBe(0);
    }

    [Test]
    public async Task A_scripted_interleave_changes_the_state_just_before_the_request_it_matches_is_processed()
    {
        Server.Faults.Enqueue(Fault.Interleave(() => State.PutApp(Some.AccountScope, Some.App("Jira", "jira.example.com"))).When("GET", "/access/apps$"));

        (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}"))).Status.ShouldBe(HttpStatusCode.OK);
        AppCount.ShouldBe(2);
        var listed = await Api.Get(Apps);

        listed.ResultArray.Select(a => (string?)a!["name"]).ShouldContain("Jira");
        AppCount.ShouldBe(3);
        Server.Faults.PendingCount.ShouldBe(0);
    }

    [Test]
    public async Task A_held_request_is_in_the_log_unanswered_and_not_ended_until_the_test_lets_it_go()
    {
        var release = new TaskCompletionSource();
        Server.Faults.Enqueue(Fault.Hold(release.Task).When("GET", "/access/apps$"));

        var listing = Api.Get(Apps);
        for (var polls = 0; Server.Requests.Count == 0 && polls < 2000; polls++)
        {
            await Task.Delay(5); // a poll for the request to reach the emulator, not a wait the test is about
        }

        var held = Server.Requests.All.Single();
        release.SetResult();

        (held.Path, held.Status, held.Ended).ShouldBe((Apps, 0, null));
        (await listing).Status.ShouldBe(HttpStatusCode.OK);
        var answered = Server.Requests.All.Single();
        (answered.Status, answered.Ended).ShouldBe((200, Clock.GetUtcNow()));
    }

    [Test]
    public async Task Scripted_faults_fire_in_order()
    {
        Server.Faults.Enqueue(Fault.Status(502));
        Server.Faults.Enqueue(Fault.Status(429, 1));

        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.BadGateway);
        var limited = await Api.Get(Apps);
        limited.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.ErrorCode.ShouldBe(10429);
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_scripted_reset_aborts_the_connection_before_processing()
    {
        Server.Faults.Enqueue(Fault.Reset());

        await Should.ThrowAsync<HttpRequestException>(() => Api.Post(Apps, Some.App("Jira", "jira.example.com")));

        AppCount.ShouldBe(2);
        Server.Requests.All[^1].Status.ShouldBe(0);
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Reset_after_commit_creates_the_object_but_never_answers()
    {
        Server.Faults.Enqueue(Fault.ResetAfterCommit().When("POST"));

        await Should.ThrowAsync<HttpRequestException>(() => Api.Post(Apps, Some.App("Jira", "jira.example.com")));

        AppCount.ShouldBe(3);
        State.Apps(Some.AccountScope).ShouldContain(a => a["name"]!.GetValue<string>() == "Jira");
        Server.Requests.All[^1].Status.ShouldBe(0);
    }

    [Test]
    public async Task A_scripted_delay_still_answers()
    {
        Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromMilliseconds(20)));

        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        Server.Faults.PendingCount.ShouldBe(0);
    }

    [Test]
    public async Task A_fail_rate_of_one_answers_every_request_with_a_5xx_and_changes_nothing()
    {
        Server.Faults.FailRate = 1.0;

        for (var i = 0; i < 10; i++)
        {
            var answer = await Api.Post(Apps, Some.App($"App {i}", $"app{i}.example.com"));
            ((int)answer.Status).ShouldBeOneOf(500, 502, 503);
            answer.ErrorCode.ShouldBe(10002);
        }

        AppCount.ShouldBe(2);
        Server.Faults.FailRate = 0;
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Injected_failures_carry_a_retry_after_only_when_one_is_set_as_cloudflare_sends_none()
    {
        Server.Faults.FailRate = 1.0;

        var plain = await Api.Get(Apps);
        Server.Faults.FailRetryAfterSeconds = 0;
        var hinted = await Api.Get(Apps);

        plain.Headers.RetryAfter.ShouldBeNull();
        hinted.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.Zero);
        Server.Faults.FailRate = 0;
    }

    [Test]
    public async Task A_reset_rate_of_one_aborts_every_connection()
    {
        Server.Faults.ResetRate = 1.0;

        await Should.ThrowAsync<HttpRequestException>(() => Api.Get(Apps));
        Server.Faults.ResetRate = 0;
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public void A_rate_outside_zero_to_one_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Server.Faults.FailRate = 1.5);
        Should.Throw<ArgumentOutOfRangeException>(() => Server.Faults.ResetRate = -0.1);
    }

    [Test]
    public async Task Past_the_rate_limit_every_request_is_refused_for_a_whole_window_with_retry_after()
    {
        Server.Faults.RateLimit = new RateLimitOptions(2, TimeSpan.FromSeconds(10));

        var first = await Api.Get(Apps);
        first.Status.ShouldBe(HttpStatusCode.OK);
        first.Headers.GetValues("Ratelimit").Single().ShouldBe("\"default\";r=1;t=10");
        first.Headers.GetValues("Ratelimit-Policy").Single().ShouldBe("\"default\";q=2;w=10");
        Clock.Advance(TimeSpan.FromSeconds(3));
        (await Api.Get(Apps)).Headers.GetValues("Ratelimit").Single().ShouldBe("\"default\";r=0;t=10");

        var limited = await Api.Get(Apps);
        limited.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.ErrorCode.ShouldBe(10429);
        limited.ErrorMessage.ShouldBe("More than 2 requests per 10 seconds reached. Please wait and consider throttling your request speed");
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(10));

        // 9 s on, the first request has left the window, but the block lasts the whole window, as Cloudflare's does.
        Clock.Advance(TimeSpan.FromSeconds(9));
        var blocked = await Api.Get(Apps);
        blocked.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        blocked.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        Clock.Advance(TimeSpan.FromSeconds(1));
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_rate_limit_counts_every_window_of_its_length_not_windows_that_start_on_the_clock()
    {
        Server.Faults.RateLimit = new RateLimitOptions(2, TimeSpan.FromSeconds(10));

        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        Clock.Advance(TimeSpan.FromSeconds(9));
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        Clock.Advance(TimeSpan.FromSeconds(1));
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK, "the first request has just left the window");

        // 8.9 s on, windows that start every 10 s would hold one request, but the last 10 s hold two.
        Clock.Advance(TimeSpan.FromSeconds(8.9));
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task The_rate_limit_counts_each_credential_separately_and_can_be_switched_off()
    {
        await using var open = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = Some.Seed(), TimeProvider = Clock });
        open.Faults.RateLimit = new RateLimitOptions(1, TimeSpan.FromMinutes(1));
        using var alice = new ApiClient(open.BaseUrl, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "alice"));
        using var bob = new ApiClient(open.BaseUrl, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "bob"));

        (await alice.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        (await alice.Get(Apps)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await bob.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);

        open.Faults.RateLimit = null;
        (await alice.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        (await alice.Get(Apps)).Headers.Contains("Ratelimit").ShouldBeFalse();
    }

    [Test]
    public void A_rate_limit_needs_at_least_one_request_and_a_positive_window()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new RateLimitOptions(0, TimeSpan.FromSeconds(1)));
        Should.Throw<ArgumentOutOfRangeException>(() => new RateLimitOptions(1, TimeSpan.Zero));
    }

    [Test]
    public void The_default_rate_limit_is_cloudflares_1200_requests_per_5_minutes()
    {
        Server.Faults.RateLimit.ShouldBe(new RateLimitOptions(1200, TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task Requests_still_answer_with_fixed_or_random_latency()
    {
        Server.Faults.Latency = TimeSpan.FromMilliseconds(2);
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
        Server.Faults.Latency = new LatencyRange(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3));
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public void A_random_latency_stays_within_its_range_and_varies()
    {
        var range = new LatencyRange(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20));
        var chance = new Chance(42);

        var draws = Enumerable.Range(0, 200).Select(_ => range.Draw(chance)).ToList();

        draws.ShouldAllBe(d => d >= range.Min && d <= range.Max);
        draws.Distinct().Count().ShouldBeGreaterThan(100);
        ((LatencyRange)TimeSpan.FromSeconds(1)).Draw(chance).ShouldBe(TimeSpan.FromSeconds(1));
    }
}
