using System.Net;
using System.Net.Sockets;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

/// <summary>Retries against the emulator, on a clock only the test moves: each wait between attempts is checked, none is slept.</summary>
public class RetryTests
{
    private const string AppsPattern = "/access/apps$";

    private static readonly string AppsPath = $"/accounts/{EstateSeed.AccountId}/access/apps";

    [Test]
    public async Task A_429_storm_is_waited_out_as_long_as_retry_after_says()
    {
        var clock = new SteppedClock();
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 2).Build(), clock: clock);
        for (var i = 0; i < 3; i++)
        {
            h.Server.Faults.Enqueue(Fault.Status(429, retryAfterSeconds: 2).When("GET", AppsPattern));
        }

        var listing = h.Client.ListApplicationsAsync(Harness.Account);
        var waits = await WaitsAsync(clock, 3);

        (await listing).Count.ShouldBe(2);
        h.Requests.Select(r => r.Status).ShouldBe([429, 429, 429, 200]);
        waits.ShouldBe(Enumerable.Repeat(TimeSpan.FromSeconds(2), 3));
        h.Logs.Rendered.Count(l => l.Contains("HTTP 429 on attempt", StringComparison.Ordinal) && l.Contains("retrying in 2 s", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Test]
    public async Task Past_the_attempt_bound_a_429_storm_ends_in_a_clear_error()
    {
        var clock = new SteppedClock();
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build(), o => o with { Retry = o.Retry with { MaxAttempts = 3 } }, clock: clock);
        for (var i = 0; i < 5; i++)
        {
            h.Server.Faults.Enqueue(Fault.Status(429, retryAfterSeconds: 1).When("GET", AppsPattern));
        }

        var listing = h.Client.ListApplicationsAsync(Harness.Account);
        await WaitsAsync(clock, 2);
        var ex = await Should.ThrowAsync<CloudflareApiException>(listing);

        ex.Message.ShouldBe($"Cloudflare API error 10429 on GET {AppsPath}: Please wait and consider throttling your request speed (HTTP 429; gave up after 3 attempts)");
        (ex.StatusCode, ex.Attempts).ShouldBe((429, 3));
        h.Requests.Count.ShouldBe(3);
    }

    [Test]
    public async Task A_retry_after_longer_than_the_wait_limit_ends_at_once_and_says_why()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build(), o => o with { Retry = o.Retry with { MaxTotalWait = TimeSpan.FromSeconds(60) } });
        h.Server.Faults.Enqueue(Fault.Status(429, retryAfterSeconds: 300).When("GET", AppsPattern));

        var ex = await Should.ThrowAsync<CloudflareApiException>(h.Client.ListApplicationsAsync(Harness.Account));

        ex.Message.ShouldEndWith("(HTTP 429; gave up after 1 attempt: the server's Retry-After of 300 s would take the wait past the 60 s retry limit)");
        h.Requests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Server_errors_are_retried_until_the_request_succeeds()
    {
        var clock = new SteppedClock();
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build(), clock: clock);
        foreach (var status in new[] { 500, 502, 503, 504 })
        {
            h.Server.Faults.Enqueue(Fault.Status(status).When("GET", AppsPattern));
        }

        var listing = h.Client.ListApplicationsAsync(Harness.Account);
        var waits = await WaitsAsync(clock, 4);

        (await listing).Count.ShouldBe(1);
        h.Requests.Select(r => r.Status).ShouldBe([500, 502, 503, 504, 200]);
        for (var i = 0; i < waits.Count; i++)
        {
            var backoff = TimeSpan.FromSeconds(0.5 * Math.Pow(2, i));
            waits[i].ShouldBeInRange(backoff * 0.75, backoff, "0.5 s doubling, less up to a quarter");
        }
    }

    [Test]
    public async Task A_client_error_is_not_retried()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build());

        var ex = await Should.ThrowAsync<CloudflareApiException>(h.Client.GetApplicationAsync(Harness.Account, EstateSeed.AppId(99)));

        ex.StatusCode.ShouldBe(404);
        h.Requests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Connection_resets_are_retried_until_the_request_succeeds()
    {
        var clock = new SteppedClock();
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build(), clock: clock);
        h.Server.Faults.Enqueue(Fault.Reset().When("GET", AppsPattern));
        h.Server.Faults.Enqueue(Fault.Reset().When("GET", AppsPattern));

        var listing = h.Client.ListApplicationsAsync(Harness.Account);
        await WaitsAsync(clock, 2);

        (await listing).Count.ShouldBe(1);
        h.Requests.Select(r => r.Status).ShouldBe([0, 0, 200]);
    }

    [Test]
    public async Task An_update_whose_answer_was_lost_is_sent_again()
    {
        var clock = new SteppedClock();
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 1).Build(), clock: clock);
        var policy = (await h.Client.ListApplicationPoliciesAsync(Harness.Account, EstateSeed.AppId(0))).Single();
        var body = policy.ToWriteBody();
        body["session_duration"] = "2h";
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("PUT"));

        var updating = h.Client.UpdateApplicationPolicyAsync(Harness.Account, EstateSeed.AppId(0), policy.Id, body);
        await WaitsAsync(clock, 1);
        var updated = await updating;

        ((string?)updated.Raw["session_duration"]).ShouldBe("2h");
        h.Requests.Count(r => r.Method == "PUT").ShouldBe(2);
    }

    [Test]
    public async Task A_delete_whose_answer_was_lost_counts_as_done()
    {
        var clock = new SteppedClock();
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1, PoliciesPerApp: 2).Build(), clock: clock);
        h.Server.Faults.Enqueue(Fault.ResetAfterCommit().When("DELETE"));

        var deleting = h.Client.DeleteApplicationPolicyAsync(Harness.Account, EstateSeed.AppId(0), EstateSeed.PolicyId(0, 1));
        await WaitsAsync(clock, 1);
        await deleting;

        h.Server.State.AppPolicies(Harness.AccountRef, EstateSeed.AppId(0)).Count.ShouldBe(1);
        h.Requests.Where(r => r.Method == "DELETE").Select(r => r.Status).ShouldBe([0, 404]);
    }

    [Test]
    public async Task A_host_that_cannot_be_reached_ends_in_one_line_naming_it()
    {
        var port = FreePort();
        var clock = new SteppedClock();
        using var client = new CloudflareAccessClient(
            CloudflareCredentials.ApiToken(Harness.Token),
            Harness.Options(new Uri($"http://127.0.0.1:{port}/client/v4"), clock) with { Retry = new RetryOptions { MaxAttempts = 3 } });

        var listing = client.ListGroupsAsync(Harness.Account);
        await WaitsAsync(clock, 2);
        var ex = await Should.ThrowAsync<CloudflareTransportException>(listing);

        ex.Message.ShouldBe($"could not reach 127.0.0.1:{port}: connection refused (GET /accounts/{EstateSeed.AccountId}/access/groups; gave up after 3 attempts)");
        ex.Attempts.ShouldBe(3);
    }

    [Test]
    public async Task An_attempt_that_takes_too_long_is_abandoned_and_retried()
    {
        var clock = new SteppedClock();
        var timeout = TimeSpan.FromSeconds(50);
        await using var h = await Harness.StartAsync(new EstateSeed(Apps: 1).Build(), o => o with { AttemptTimeout = timeout }, clock: clock);
        h.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(5)).When("GET", AppsPattern));

        var listing = h.Client.ListApplicationsAsync(Harness.Account);
        await clock.AdvanceToNextTimerAsync(due => due == timeout);
        await WaitsAsync(clock, 1, timeout);

        (await listing).Count.ShouldBe(1);
        h.Logs.Rendered.ShouldContain(l => l.Contains("no response within 50 s on attempt 1", StringComparison.Ordinal));
        h.Logs.Rendered.ShouldContain(l => l.Contains(" 200 in ", StringComparison.Ordinal) && l.Contains("(attempt 2)", StringComparison.Ordinal));

        // The emulator counts the abandoned attempt once it notices the client gone, which may come after the retry's answer.
        h.Requests.ShouldContain(r => r.Status == 200);
    }

    /// <summary>Lets the client's next <paramref name="count"/> waits between attempts pass, and returns how long each was.</summary>
    private static async Task<List<TimeSpan>> WaitsAsync(SteppedClock clock, int count, TimeSpan? attemptTimeout = null)
    {
        var waits = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            waits.Add(await clock.AdvanceToNextTimerAsync(due => due != (attemptTimeout ?? Harness.AttemptTimeout)));
        }

        return waits;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
