using System.Threading.RateLimiting;
using AccessSync.Cloudflare.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace AccessSync.Cloudflare.Tests;

/// <summary>The client's request budget, counted as Cloudflare counts it, on a clock only the test moves.</summary>
public class RequestWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private FakeTimeProvider clock = null!;
    private RequestWindow window = null!;

    [SetUp]
    public void StartEachTestAfresh()
    {
        clock = new FakeTimeProvider();
        window = new RequestWindow(new RequestBudget(3, Window), clock);
    }

    [TearDown]
    public void DisposeTheWindow() => window.Dispose();

    [Test]
    public void The_whole_budget_goes_at_once_and_not_one_request_more()
    {
        var leases = Enumerable.Range(0, 3).Select(_ => window.AttemptAcquire()).ToList();

        leases.ShouldAllBe(l => l.IsAcquired);
        window.AttemptAcquire().IsAcquired.ShouldBeFalse();
        window.GetStatistics()!.CurrentAvailablePermits.ShouldBe(0);
    }

    [Test]
    public void A_request_counts_until_a_window_after_its_answer_not_after_it_was_sent()
    {
        var first = window.AttemptAcquire();
        Fill(2);
        clock.Advance(TimeSpan.FromSeconds(4));
        first.Dispose(); // answered 4 s after it was sent
        var next = window.AcquireAsync();

        clock.Advance(Window - TimeSpan.FromMilliseconds(1));
        next.IsCompleted.ShouldBeFalse("a window after the request was sent is not a window after the server counted it");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        next.IsCompletedSuccessfully.ShouldBeTrue();
        next.Result.IsAcquired.ShouldBeTrue();
    }

    [Test]
    public void A_request_still_in_flight_holds_its_place_however_long_it_takes()
    {
        var slow = window.AttemptAcquire();
        Fill(2);
        var next = window.AcquireAsync();

        clock.Advance(TimeSpan.FromHours(1));
        next.IsCompleted.ShouldBeFalse();
        slow.Dispose();
        clock.Advance(Window);
        next.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Test]
    public void Waiting_requests_go_in_the_order_they_came_each_as_soon_as_one_leaves_the_window()
    {
        var leases = Enumerable.Range(0, 3).Select(_ => window.AttemptAcquire()).ToList();
        var a = window.AcquireAsync();
        var b = window.AcquireAsync();
        leases[0].Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        leases[1].Dispose();

        clock.Advance(Window - TimeSpan.FromSeconds(1));
        (a.IsCompletedSuccessfully, b.IsCompleted).ShouldBe((true, false));
        window.AttemptAcquire().IsAcquired.ShouldBeFalse("a request that comes later does not overtake one that waits");
        clock.Advance(TimeSpan.FromSeconds(1));
        b.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Test]
    public async Task A_cancelled_wait_leaves_the_line_and_the_next_takes_its_turn()
    {
        var first = window.AttemptAcquire();
        Fill(2);
        using var stop = new CancellationTokenSource();
        var cancelled = window.AcquireAsync(1, stop.Token);
        var next = window.AcquireAsync();

        await stop.CancelAsync();
        first.Dispose();
        clock.Advance(Window);

        await Should.ThrowAsync<OperationCanceledException>(cancelled.AsTask());
        next.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Test]
    public async Task Disposing_the_window_refuses_the_requests_that_wait()
    {
        Fill(3);
        var waiting = window.AcquireAsync();

        window.Dispose();

        (await waiting).IsAcquired.ShouldBeFalse();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task However_long_each_request_takes_the_server_never_counts_more_than_the_budget_in_any_window(int seed)
    {
        // 60 requests queued at once, each on the wire for 0 to 6 s and counted by the server at a random moment
        // in between (when it arrives); the answers come back in any order.
        const int Requests = 60;
        var random = new Random(seed);
        var queued = Enumerable.Range(0, Requests).Select(_ => window.AcquireAsync().AsTask()).ToList();
        var onTheWire = new List<(RateLimitLease Lease, TimeSpan AnsweredAt)>();
        var arrivals = new List<TimeSpan>();
        var now = TimeSpan.Zero;
        for (var granted = 0; (granted < Requests || onTheWire.Count > 0) && now < TimeSpan.FromHours(1); now += TimeSpan.FromMilliseconds(50), clock.Advance(TimeSpan.FromMilliseconds(50)))
        {
            for (; granted < Requests && queued[granted].IsCompleted; granted++)
            {
                var lease = await queued[granted];
                lease.IsAcquired.ShouldBeTrue();
                var latency = TimeSpan.FromMilliseconds(random.Next(0, 6000));
                arrivals.Add(now + (latency * random.NextDouble()));
                onTheWire.Add((lease, now + latency));
            }

            foreach (var answered in onTheWire.Where(r => r.AnsweredAt <= now).ToList())
            {
                answered.Lease.Dispose();
                onTheWire.Remove(answered);
            }
        }

        arrivals.Count.ShouldBe(Requests);
        var busiest = arrivals.Max(at => arrivals.Count(other => other > at - Window && other <= at));
        busiest.ShouldBe(3);
    }

    [Test]
    public void Requests_the_server_counted_for_another_client_are_held_back_until_its_quota_resets()
    {
        // Budget 3: one request of ours answered, and the server says none is left (another client spent the rest).
        window.AttemptAcquire().Dispose();
        window.ServerReported(new ServerQuota(Remaining: 0, Reset: TimeSpan.FromSeconds(4)));
        var next = window.AcquireAsync();

        clock.Advance(TimeSpan.FromSeconds(4) - TimeSpan.FromMilliseconds(1));
        next.IsCompleted.ShouldBeFalse("the server's quota is spent until it resets");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        next.IsCompletedSuccessfully.ShouldBeTrue();
        window.GetStatistics()!.CurrentAvailablePermits.ShouldBe(1, "our own answered request still counts for its window, and the one let go is in flight");
    }

    [Test]
    public void A_server_that_says_more_is_left_than_the_window_counts_is_not_believed()
    {
        var inFlight = window.AttemptAcquire();
        window.AttemptAcquire().Dispose();

        window.ServerReported(new ServerQuota(Remaining: 50, Reset: TimeSpan.FromSeconds(1)));

        window.GetStatistics()!.CurrentAvailablePermits.ShouldBe(1);
        inFlight.Dispose();
    }

    [Test]
    public void No_answer_holds_requests_back_longer_than_a_window_or_stops_them_altogether()
    {
        window.AttemptAcquire().Dispose();
        window.ServerReported(new ServerQuota(Remaining: 0, Reset: TimeSpan.FromDays(10), Policy: new RequestBudget(0, TimeSpan.FromDays(10))));
        var next = window.AcquireAsync();

        clock.Advance(RequestWindow.MaxServerWindow - TimeSpan.FromMilliseconds(1));
        next.IsCompleted.ShouldBeFalse("the server's window, an hour at most, counts the request answered before");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        next.IsCompletedSuccessfully.ShouldBeTrue("a quota of none is one request a window");
    }

    [Test]
    public void A_tighter_quota_the_server_names_is_kept_and_a_looser_one_is_not()
    {
        window.ServerReported(new ServerQuota(5, Window, Policy: new RequestBudget(100, Window)));
        window.GetStatistics()!.CurrentAvailablePermits.ShouldBe(3);

        window.ServerReported(new ServerQuota(2, Window, Policy: new RequestBudget(2, Window * 2)));
        var leases = Enumerable.Range(0, 2).Select(_ => window.AttemptAcquire()).ToList();
        window.AttemptAcquire().IsAcquired.ShouldBeFalse("the server allows 2, not 3");
        leases.ForEach(l => l.Dispose());
        var next = window.AcquireAsync();

        clock.Advance(Window);
        next.IsCompleted.ShouldBeFalse("the server's window is twice as long");
        clock.Advance(Window);
        next.IsCompletedSuccessfully.ShouldBeTrue();
    }

    private void Fill(int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            window.AttemptAcquire().IsAcquired.ShouldBeTrue();
        }
    }
}
