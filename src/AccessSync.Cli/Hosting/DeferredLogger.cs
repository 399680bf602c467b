using System.Diagnostics.CodeAnalysis;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AccessSync.Cli.Hosting;

/// <summary>
/// A logger that is made on its first event at the level asked for. At the default level (warnings) most commands log
/// nothing, and they then never pay for setting Serilog up: its pipeline, and its self-metrics, which load the .NET
/// metrics library (about 7 ms of a 130 ms one-file validate). Loggers derived with <c>ForContext</c> are deferred
/// too, each made from its parent's when it first writes. Which events are written, and how, does not change: every
/// event at or above the minimum level goes to the logger Serilog makes, as before.
/// </summary>
public sealed class DeferredLogger : ILogger, IAsyncDisposable
{
    private readonly LogEventLevel minimum;
    private readonly Lazy<ILogger> made;

    /// <summary>A logger that <paramref name="make"/> makes, once, when an event at <paramref name="minimum"/> or above is first written.</summary>
    public DeferredLogger(LogEventLevel minimum, Func<ILogger> make)
    {
        this.minimum = minimum;
        made = new Lazy<ILogger>(make, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether the logger was made: whether anything was logged at the level asked for.</summary>
    public bool IsMade => made.IsValueCreated;

    public bool IsEnabled(LogEventLevel level) => level >= minimum;

    public void Write(LogEvent logEvent)
    {
        if (IsEnabled(logEvent.Level))
        {
            made.Value.Write(logEvent);
        }
    }

    // Serilog's own Write(level, template, values) overloads ask IsEnabled first, then these: only an event that will
    // be written makes the logger.
    public bool BindMessageTemplate(
        string messageTemplate,
        object?[]? propertyValues,
        [NotNullWhen(true)] out MessageTemplate? parsedTemplate,
        [NotNullWhen(true)] out IEnumerable<LogEventProperty>? boundProperties) =>
        made.Value.BindMessageTemplate(messageTemplate, propertyValues, out parsedTemplate, out boundProperties);

    public bool BindProperty(string? propertyName, object? value, bool destructureObjects, [NotNullWhen(true)] out LogEventProperty? property) =>
        made.Value.BindProperty(propertyName, value, destructureObjects, out property);

    public ILogger ForContext(ILogEventEnricher enricher) => Derived(logger => logger.ForContext(enricher));

    public ILogger ForContext(IEnumerable<ILogEventEnricher> enrichers) => Derived(logger => logger.ForContext(enrichers));

    public ILogger ForContext(string propertyName, object? value, bool destructureObjects = false) =>
        Derived(logger => logger.ForContext(propertyName, value, destructureObjects));

    public ILogger ForContext<TSource>() => Derived(logger => logger.ForContext<TSource>());

    public ILogger ForContext(Type source) => Derived(logger => logger.ForContext(source));

    /// <summary>Flushes and closes the logger, if it was made (only the root one: a derived logger shares its sinks).</summary>
    public ValueTask DisposeAsync() =>
        made.IsValueCreated && made.Value is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    private DeferredLogger Derived(Func<ILogger, ILogger> derive) => new(minimum, () => derive(made.Value));
}
