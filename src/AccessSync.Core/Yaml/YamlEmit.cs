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

    /// <summary>
    /// <c>key: value</c> in a block mapping whose keys stand at <paramref name="column"/>: the value in flow style
    /// when the line then fits in <paramref name="width"/> characters, else in block style under the key, each of its
    /// entries and items fitted the same way (see <see cref="FittedItem"/>). A scalar is never broken, however long:
    /// YAML has no break for it that every reader takes back as the same text. <paramref name="comment"/>, when
    /// given, ends the key's line.
    /// </summary>
    public static void FittedEntry(IEmitter emitter, string key, JsonNode? value, int column, int width, string? comment = null)
    {
        var text = Text(key);
        emitter.Emit(text);
        // Under a key, a block mapping is indented and a block sequence is not.
        Fitted(emitter, value, lead: column + OneLine(e => e.Emit(text)).Length + ":".Length, mappingColumn: column + 2, sequenceColumn: column, width, comment);
    }

    /// <summary>An item of a block sequence whose dashes stand at <paramref name="column"/>, fitted as <see cref="FittedEntry"/> fits a value.</summary>
    public static void FittedItem(IEmitter emitter, JsonNode? item, int column, int width, string? comment = null) =>
        Fitted(emitter, item, lead: column + "-".Length, mappingColumn: column + 2, sequenceColumn: column + 2, width, comment);

    /// <param name="lead">How much of the line comes before the space that precedes the value.</param>
    private static void Fitted(IEmitter emitter, JsonNode? node, int lead, int mappingColumn, int sequenceColumn, int width, string? comment)
    {
        var isContainer = node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };
        if (!isContainer || lead + 1 + OneLine(e => Flow(e, node)).Length + (comment is null ? 0 : " # ".Length + comment.Length) <= width)
        {
            Flow(emitter, node);
            EmitComment(emitter, comment);
            return;
        }

        if (node is JsonObject entries)
        {
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            EmitComment(emitter, comment);
            foreach (var (key, value) in entries)
            {
                FittedEntry(emitter, key, value, mappingColumn, width);
            }

            emitter.Emit(new MappingEnd());
            return;
        }

        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        EmitComment(emitter, comment);
        foreach (var item in (JsonArray)node!)
        {
            // After a comment, YamlDotNet indents the sequence one step: the items then stand two columns further in.
            FittedItem(emitter, item, comment is null ? sequenceColumn : sequenceColumn + 2, width);
        }

        emitter.Emit(new SequenceEnd());
    }

    private static void EmitComment(IEmitter emitter, string? comment)
    {
        if (comment is not null)
        {
            emitter.Emit(new Comment(comment, isInline: true));
        }
    }

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
