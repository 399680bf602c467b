using AccessSync.Cli.Hosting;
using AccessSync.Core.Loading;
using Serilog;
using Serilog.Events;

namespace AccessSync.Cli.Tests;

public class DeferredLoggerTests
{
    [Test]
    public async Task A_run_that_logs_nothing_at_its_level_never_sets_serilog_up()
    {
        var error = new StringWriter();
        await using var logger = Logging.Create(Settings(LogEventLevel.Warning), error);
        ILogger log = logger;

        log.Debug("reading {Count} files", 3);
        log.Information("read them");
        var client = log.ForContext("Client", "api").ForContext<DeferredLoggerTests>();
        client.Information("GET {Path}", "/apps");

        logger.IsMade.ShouldBeFalse();
        error.ToString().ShouldBeEmpty();
    }

    [Test]
    public async Task The_first_event_at_its_level_is_written_as_serilog_writes_it()
    {
        var error = new StringWriter();
        await using (var logger = Logging.Create(Settings(LogEventLevel.Debug, LogFormat.Json), error))
        {
            ILogger log = logger;
            log.Verbose("not this one");
            logger.IsMade.ShouldBeFalse();
            log.Debug("reading {Count} files", 3);
            logger.IsMade.ShouldBeTrue();
        }

        var line = SingleLine(error);
        line.ShouldContain("\"@mt\":\"reading {Count} files\"");
        line.ShouldContain("\"@l\":\"Debug\"");
        line.ShouldContain("\"Count\":3");
    }

    [Test]
    public async Task A_derived_logger_writes_its_own_properties_and_makes_its_parent_when_it_first_writes()
    {
        var error = new StringWriter();
        await using var logger = Logging.Create(Settings(LogEventLevel.Information, LogFormat.Json), error);
        var client = logger.ForContext("Client", "api").ForContext(typeof(DeferredLoggerTests));

        logger.IsMade.ShouldBeFalse();
        client.Information("GET {Path}", "/apps");

        logger.IsMade.ShouldBeTrue();
        var line = SingleLine(error);
        line.ShouldContain("\"Path\":\"/apps\"");
        line.ShouldContain("\"Client\":\"api\"");
        line.ShouldContain($"\"SourceContext\":\"{typeof(DeferredLoggerTests).FullName}\"");
    }

    private static string SingleLine(StringWriter written) =>
        written.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();

    private static GlobalSettings Settings(LogEventLevel level, LogFormat format = LogFormat.Text) =>
        new(level, format, NoColor: true, ScopeFallbacks.None);
}
