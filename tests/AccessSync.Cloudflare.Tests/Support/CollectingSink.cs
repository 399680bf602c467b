using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AccessSync.Cloudflare.Tests.Support;

/// <summary>Keeps every log event, for tests of what the client logs.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => [.. events];

    /// <summary>Each event as a user would see it: the rendered message, then every property and any exception.</summary>
    public IReadOnlyList<string> Rendered => [.. events.Select(e =>
        e.RenderMessage() + " | " + string.Join(", ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " | " + e.Exception)];

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    public ILogger Logger(LogEventLevel level = LogEventLevel.Verbose) =>
        new LoggerConfiguration().MinimumLevel.Is(level).WriteTo.Sink(this).CreateLogger();
}
