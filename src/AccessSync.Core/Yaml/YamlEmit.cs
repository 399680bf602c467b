using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Yaml;

/// <summary>
/// The pieces every YAML AccessSync writes is built from (plans, exports, the reasons of a review): one emitter
/// setup, values in flow style, and strings quoted only where AccessSync's own reader would not read them back as
/// written. YamlDotNet's emitter does the layout, quoting and escaping from the event streams built with these.
/// </summary>
internal static class YamlEmit
{
    private static readonly EmitterSettings BlockSettings = Settings(indentSequences: false);

    /// <summary>Two-space indents, "\n" line ends, and no line ever folded.</summary>
    public static EmitterSettings Settings(bool indentSequences) => new(
        bestIndent: 2,
        bestWidth: int.MaxValue,
        isCanonical: false,
        maxSimpleKeyLength: 1024,
        skipAnchorName: false,
        indentSequences: indentSequences,
        newLine: "\n");

    /// <summary>One implicit document whose content <paramref name="body"/> emits, sequences not indented under their key.</summary>
    public static string Document(Action<IEmitter> body)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, BlockSettings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        body(emitter);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>
    /// A value emitted as the one item of a block sequence, without its <c>- </c>: at the root, the emitter would
    /// mark some scalars (the empty string) with an explicit <c>---</c>.
    /// </summary>
    public static string OneLine(Action<IEmitter> item) =>
        Document(emitter =>
        {
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            item(emitter);
            emitter.Emit(new SequenceEnd());
        })["- ".Length..].TrimEnd('\n');

    public static void Flow(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
                foreach (var (key, value) in o)
                {
                    emitter.Emit(Text(key));
                    Flow(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray a:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
                foreach (var item in a)
                {
                    Flow(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                emitter.Emit(Text(v.GetValue<string>()));
                break;
            default:
                // true, false, numbers and null: their JSON spelling is their YAML spelling.
                emitter.Emit(new Scalar(null, null, node?.ToJsonString() ?? "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    /// <summary>
    /// A string, plain when YAML would read it back as that string, else quoted: <c>"true"</c>, <c>"42"</c> and
    /// <c>""</c> stay strings. A text with a line break or a control character is double-quoted, where they are
    /// escapes: it stays on one line, and an escape sequence from a live name never reaches a terminal (left to
    /// choose, the emitter writes one raw in a folded scalar).
    /// </summary>
    public static Scalar Text(string text)
    {
        var readsAsString = ScalarResolver.Resolve(text, isPlain: true, tag: null, out _) == ScalarType.String;
        var needsEscapes = text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');
        var style = !readsAsString || needsEscapes ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        return new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true);
    }
}
