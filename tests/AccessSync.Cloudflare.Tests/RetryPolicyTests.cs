using AccessSync.Cloudflare.Resilience;

namespace AccessSync.Cloudflare.Tests;

public class RetryPolicyTests
{
    private static readonly RetryOptions Options = new()
    {
        MaxAttempts = 4,
        MaxTotalWait = TimeSpan.FromSeconds(10),
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(4),
    };

    [Test]
    public void Backoff_doubles_up_to_the_cap_less_at_most_a_quarter_of_jitter()
    {
        var noJitter = new RetryPolicy(Options, () => 0);
        var fullJitter = new RetryPolicy(Options, () => 1);

        Enumerable.Range(1, 5).Select(noJitter.Backoff).ShouldBe(new[] { 1, 2, 4, 4, 4 }.Select(s => TimeSpan.FromSeconds(s)));
        fullJitter.Backoff(2).ShouldBe(TimeSpan.FromSeconds(1.5));
    }

    [Test]
    public void The_server_s_retry_after_is_used_instead_of_the_backoff()
    {
        new RetryPolicy(Options, () => 0).Decide(1, TimeSpan.Zero, TimeSpan.FromSeconds(3)).Delay.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Test]
    public void Retrying_stops_after_the_last_attempt_and_says_how_many_were_made()
    {
        var decision = new RetryPolicy(Options, () => 0).Decide(4, TimeSpan.Zero, null);

        decision.Delay.ShouldBeNull();
        decision.StopReason.ShouldBe("gave up after 4 attempts");
    }

    [Test]
    public void A_retry_after_beyond_the_wait_limit_stops_at_once_and_says_why()
    {
        var decision = new RetryPolicy(Options, () => 0).Decide(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(300));

        decision.Delay.ShouldBeNull();
        decision.StopReason.ShouldBe("gave up after 1 attempt: the server's Retry-After of 300 s would take the wait past the 10 s retry limit");
    }
}
