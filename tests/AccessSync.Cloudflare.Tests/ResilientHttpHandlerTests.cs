using System.Net;
using AccessSync.Cloudflare.Resilience;
using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

/// <summary>The one retry pipeline, on a clock only the test moves: every wait is checked, none is slept.</summary>
public class ResilientHttpHandlerTests
{
    private static readonly Uri BaseUrl = new("https://api.example/client/v4");
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private SteppedClock clock = null!;
    private ScriptedTransport transport = null!;

    [SetUp]
    public void StartEachTestAfresh()
    {
        clock = new SteppedClock();
        transport = new ScriptedTransport();
    }

    [Test]
    public async Task A_429_is_sent_again_only_once_its_retry_after_has_passed()
    {
        transport.Answer(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(2));
        using var client = Client(CloudflareRules());

        var sending = client.GetAsync("client/v4/accounts");
        var wait = await clock.NextTimerAsync(IsRetryDelay);
        clock.Advance(wait - TimeSpan.FromMilliseconds(1));

        wait.ShouldBe(TimeSpan.FromSeconds(2));
        transport.Sent.ShouldBe(1);
        sending.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await sending).StatusCode.ShouldBe(HttpStatusCode.OK);
        transport.Sent.ShouldBe(2);
    }

    [Test]
    public async Task Without_retry_after_the_waits_double_less_at_most_a_quarter()
    {
        transport.Answer(HttpStatusCode.ServiceUnavailable).Answer(HttpStatusCode.BadGateway).Answer(HttpStatusCode.InternalServerError);
        using var client = Client(CloudflareRules());

        var sending = client.GetAsync("client/v4/accounts");
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            waits.Add(await clock.AdvanceToNextTimerAsync(IsRetryDelay));
        }

        (await sending).StatusCode.ShouldBe(HttpStatusCode.OK);
        transport.Sent.ShouldBe(4);
        for (var i = 0; i < waits.Count; i++)
        {
            var full = TimeSpan.FromMilliseconds(500 * Math.Pow(2, i));
            waits[i].ShouldBeInRange(full * 0.75, full);
        }
    }

    [Test]
    public async Task An_attempt_without_an_answer_in_time_is_abandoned_and_sent_again()
    {
        transport.Hang();
        using var client = Client(CloudflareRules());

        var sending = client.GetAsync("client/v4/accounts");
        await clock.AdvanceToNextTimerAsync(d => d == AttemptTimeout);
        await clock.AdvanceToNextTimerAsync(IsRetryDelay);

        (await sending).StatusCode.ShouldBe(HttpStatusCode.OK);
        transport.Sent.ShouldBe(2);
    }

    [Test]
    public async Task The_last_attempt_s_timeout_says_how_long_it_waited()
    {
        transport.Hang();
        using var client = Client(CloudflareRules() with { Retry = new RetryOptions { MaxAttempts = 1 } });

        var sending = client.GetAsync("client/v4/accounts");
        await clock.AdvanceToNextTimerAsync(d => d == AttemptTimeout);

        var failure = await Should.ThrowAsync<Exception>(sending);
        TransportFailure.Describe(failure).ShouldBe("no response within 30 s");
        Transience.IsTransportFailure(failure).ShouldBeTrue();
    }

    [Test]
    public async Task A_post_is_sent_again_after_a_429_but_not_after_a_server_error_under_cloudflare_s_rules()
    {
        transport.Answer(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1)).Answer(HttpStatusCode.BadGateway);
        using var client = Client(CloudflareRules());

        var sending = client.PostAsync("client/v4/accounts", new StringContent("{}"));
        await clock.AdvanceToNextTimerAsync(IsRetryDelay);

        (await sending).StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        transport.Sent.ShouldBe(2);
    }

    [Test]
    public async Task Each_attempt_waits_for_the_request_budget()
    {
        using var limiter = new RequestWindow(new RequestBudget(100, TimeSpan.FromSeconds(10)), clock);
        transport.Answer(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.Zero);
        using var client = Client(CloudflareRules() with { Limiter = limiter });

        (await client.GetAsync("client/v4/accounts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        transport.Sent.ShouldBe(2);
        limiter.GetStatistics()!.TotalSuccessfulLeases.ShouldBe(2);
    }

    private static bool IsRetryDelay(TimeSpan due) => due != AttemptTimeout && due != Timeout.InfiniteTimeSpan;

    private HttpRetryRules CloudflareRules() =>
        HttpRetryRules.Cloudflare(new CloudflareClientOptions { AttemptTimeout = AttemptTimeout, TimeProvider = clock }, limiter: null);

    private HttpClient Client(HttpRetryRules rules) =>
        new(new ResilientHttpHandler(rules, Serilog.Core.Logger.None, BaseUrl) { InnerHandler = transport }) { BaseAddress = new Uri("https://api.example/") };
}
