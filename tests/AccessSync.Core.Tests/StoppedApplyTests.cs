using System.Collections.Concurrent;
using AccessSync.Core.Applying;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>An apply stopped part way (Ctrl-C, a cancelled CI job) says exactly what it wrote, and writes nothing after the stop.</summary>
public class StoppedApplyTests
{
    private const string Files = ApplierTests.File;

    private static readonly Live.LiveState Estate = ApplierTests.Estate;

    [Test]
    public async Task A_stop_lets_no_new_write_start_and_reports_the_rest_as_not_attempted_because_of_it()
    {
        var provider = new FakeAccessProvider(Estate);
        using var stop = new CancellationTokenSource();
        var observer = new Recorder(after: 2, stop);

        var report = await ApplyAsync(provider, observer, stop.Token, CancellationToken.None);

        provider.Writes.Count.ShouldBe(2, string.Join("\n", provider.Writes));
        observer.Writes.Count.ShouldBe(2);
        observer.Writes.ShouldAllBe(w => w.Outcome == WriteOutcome.Done);
        report.Stopped.ShouldBeTrue();
        var notAttempted = report.Outcomes.Where(o => o.Status == ItemStatus.NotAttempted).ToList();
        notAttempted.ShouldNotBeEmpty();
        notAttempted.ShouldAllBe(o => o.Message == "the apply was stopped before this write");
        report.Outcomes.Count(o => o.Status == ItemStatus.Done).ShouldBe(observer.Writes.Sum(w => w.Items.Length));
    }

    [Test]
    public async Task A_write_abandoned_in_flight_is_reported_unknown_not_failed_and_not_done()
    {
        var provider = new FakeAccessProvider(Estate) { Hangs = write => write.StartsWith("create \"Health\"", StringComparison.Ordinal) };
        using var stop = new CancellationTokenSource();
        using var abandon = new CancellationTokenSource();
        var observer = new Recorder(after: int.MaxValue, stop);
        var applying = ApplyAsync(provider, observer, stop.Token, abandon.Token);
        while (provider.Unanswered == 0)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await abandon.CancelAsync();
        var report = await applying;

        var unknown = observer.Writes.Where(w => w.Outcome == WriteOutcome.Unknown).ShouldHaveSingleItem();
        unknown.Change.ShouldStartWith("create \"Health\"");
        unknown.Request.Method.ShouldBe("POST");
        unknown.Message!.ShouldContain("whether it was made is unknown");
        var item = report.Outcomes.Single(o => o.Item.PolicyName == "Health");
        item.Status.ShouldBe(ItemStatus.Unknown);
        report.Stopped.ShouldBeTrue();
        report.Succeeded.ShouldBeFalse();
    }

    [Test]
    public async Task Each_write_is_told_as_it_ends_with_its_request_and_the_id_the_api_gave_a_created_policy()
    {
        var provider = new FakeAccessProvider(Estate);
        using var stop = new CancellationTokenSource();
        var observer = new Recorder(after: int.MaxValue, stop);

        var report = await ApplyAsync(provider, observer, stop.Token, CancellationToken.None);

        report.Succeeded.ShouldBeTrue();
        report.Stopped.ShouldBeFalse();
        observer.Writes.Select(w => w.Request.Method).ShouldBe(provider.Writes.Select(MethodOf), "the writes the API received, in the order it received them");
        var create = observer.Writes.First(w => w.Change.StartsWith("create \"Block contractors\"", StringComparison.Ordinal));
        create.Request.ShouldBe(new WriteRequest("POST", $"/accounts/{Some.Account.Id}/access/apps/{Estate.Scopes[0].Applications[0].Id}/policies"));
        create.PolicyId.ShouldNotBeNull();
        provider.Current.Scopes[0].Applications[0].Policies.ShouldContain(p => p.Id == create.PolicyId && p.Name == "Block contractors");
        var delete = observer.Writes.Single(w => w.Change == "delete \"Old\"");
        delete.Request.Method.ShouldBe("DELETE");
        delete.Request.Path.ShouldEndWith("/policies/" + delete.PolicyId);
    }

    private static string MethodOf(string write) => write.Split(' ')[0] switch
    {
        "create" => "POST",
        "delete" => "DELETE",
        _ => "PUT",
    };

    private static async Task<ApplyReport> ApplyAsync(FakeAccessProvider provider, IApplyObserver observer, CancellationToken stop, CancellationToken abandon)
    {
        var live = provider.Current;
        var plan = Some.Plan(Some.Project(Files), live);
        var options = ApplyOptions.Default with { Observer = observer, StopStarting = stop };
        var result = await Applier.ApplyAsync(plan, provider, live, options, abandon);
        return result.ShouldBeOfType<ApplyResult.Applied>().Report;
    }

    /// <summary>Keeps every write it is told of, and stops the apply once it has been told of <paramref name="after"/>.</summary>
    private sealed class Recorder(int after, CancellationTokenSource stop) : IApplyObserver
    {
        private readonly ConcurrentQueue<WriteRecord> writes = new();

        public IReadOnlyList<WriteRecord> Writes => [.. writes];

        public void WriteEnded(WriteRecord write)
        {
            writes.Enqueue(write);
            if (writes.Count >= after)
            {
                stop.Cancel();
            }
        }
    }
}
