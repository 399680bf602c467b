using Serilog.Core;
using Serilog.Events;

namespace AccessSync.Cloudflare.Redaction;

/// <summary>
/// Attached to the client's logger: rewrites every text property of every event the client writes, at every level,
/// so that whatever a message carries (a path, a body, a failure description), a secret in it is masked.
/// </summary>
internal sealed class RedactingEnricher(SecretRedactor redactor) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToArray())
        {
            var redacted = Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
            }
        }
    }

    private LogEventPropertyValue Redact(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when redactor.Redact(text) is var masked && masked != text => new ScalarValue(masked),
        ScalarValue { Value: not (string or null) and not ValueType } scalar
            when scalar.Value.ToString() is { } text && redactor.Redact(text) is var masked && masked != text => new ScalarValue(masked),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Redact)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Redact(e.Value)))),
        _ => value,
    };
}
