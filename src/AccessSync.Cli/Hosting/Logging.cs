using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace AccessSync.Cli.Hosting;

/// <summary>Serilog, set up once at the root. Logs go to stderr so that stdout carries only results.</summary>
public static class Logging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>The logger of a run, made when it first has something to write (see <see cref="DeferredLogger"/>).</summary>
    public static DeferredLogger Create(GlobalSettings settings, TextWriter error) =>
        new(settings.LogLevel, () => Make(settings, error));

    private static Logger Make(GlobalSettings settings, TextWriter error)
    {
        ITextFormatter formatter = settings.LogFormat == LogFormat.Json
            ? new CompactJsonFormatter()
            : new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture);

        return new LoggerConfiguration()
            .MinimumLevel.Is(settings.LogLevel)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new WriterSink(formatter, error))
            .CreateLogger();
    }

    /// <summary>Writes to the writer the CLI was given (stderr in a real run), one event at a time.</summary>
    private sealed class WriterSink(ITextFormatter formatter, TextWriter writer) : ILogEventSink
    {
        private readonly Lock gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (gate)
            {
                formatter.Format(logEvent, writer);
                writer.Flush();
            }
        }
    }
}
