using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Emulator;
using AccessSync.Testing;
using Serilog.Events;

namespace AccessSync.Cloudflare.Tests;

public class TraceTests
{
    [Test]
    public async Task Each_attempt_is_logged_at_debug_with_method_path_status_time_and_attempt_and_bodies_only_at_verbose()
    {
        await using var h = await Harness.StartAsync(new EstateSeed(Groups: 1).Build(), level: LogEventLevel.Debug);
        h.Server.Faults.Enqueue(Fault.Status(503).When("GET"));

        await h.Client.ListGroupsAsync(Harness.Account);

        var path = $"/accounts/{EstateSeed.AccountId}/access/groups";
        var traces = h.Logs.Events.Where(e => e.Level == LogEventLevel.Debug && e.Properties.ContainsKey("Status")).ToList();
        traces.Select(e => (Value(e, "Method"), Value(e, "Path"), Value(e, "Status"), Value(e, "Attempt")))
            .ShouldBe([("GET", path, 503, 1), ("GET", path, 200, 2)]);
        traces.ShouldAllBe(e => Value(e, "ElapsedMs") is double);
        h.Logs.Events.ShouldNotContain(e => e.Level == LogEventLevel.Verbose);
    }

    private static object? Value(LogEvent e, string property) => ((ScalarValue)e.Properties[property]).Value;
}
