using System.Text.Json.Nodes;
using AccessSync.Core.Normalization;
using AccessSync.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Exporting;

/// <summary>
/// An exported file's YAML: block style for the file, flow style for each rule (<c>- group: Developers</c>) and
/// each list of values, and a string quoted only where AccessSync's YAML 1.2 reader would not read it back as
/// that string (<c>"true"</c>, <c>"42"</c>, <c>""</c>) or where it holds a line break or control character.
/// <para>
/// YamlDotNet's emitter does the layout, quoting and escaping, from an event stream built here: its serializer
/// has no way to mix block and flow style by position, and it quotes by YAML 1.1 rules rather than by the
/// reader's. The comments at the top are written as text, ahead of the document, with every name in them escaped so that no name can end the comment's line.
/// </para>
/// </summary>
internal static class ExportYaml
{
    private static readonly EmitterSettings Settings = YamlEmit.Settings(indentSequences: true);

    /// <summary>The file: the comment lines (without their <c># </c>), then the document.</summary>
    public static string Render(IEnumerable<string> comments, JsonObject document)
    {
        using var text = new StringWriter { NewLine = "\n" };
        foreach (var comment in comments)
        {
            text.Write($"# {OneLine(comment)}\n");
        }

        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Block(emitter, document);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>A name for a comment: in double quotes, with its quotes and backslashes escaped.</summary>
    public static string Quoted(string text) =>
        $"\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// A comment's text with every character that could end its line (a line break, and for YAML 1.1 readers
    /// such as YamlDotNet also NEL and the Unicode line and paragraph separators) or reach a terminal as a
    /// control sequence written as a <c>\uXXXX</c> escape.
    /// </summary>
    private static string OneLine(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:X4}" : c.ToString()));

    private static void Block(IEmitter emitter, JsonObject mapping)
    {
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        foreach (var (key, value) in mapping)
        {
            emitter.Emit(YamlEmit.Text(key));
            switch (value)
            {
                case JsonArray list when PolicyFields.RuleLists.Contains(key) && list.Count > 0:
                    emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                    foreach (var rule in list)
                    {
                        Rule(emitter, rule);
                    }

                    emitter.Emit(new SequenceEnd());
                    break;
                case JsonArray list when list.Count > 0 && list.All(i => i is JsonObject):
                    // policies (each a block mapping) and approval groups (each on its own line, in flow style)
                    emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                    foreach (var item in list.Cast<JsonObject>())
                    {
                        if (key == "policies")
                        {
                            Block(emitter, item);
                        }
                        else
                        {
                            YamlEmit.Flow(emitter, item);
                        }
                    }

                    emitter.Emit(new SequenceEnd());
                    break;
                case JsonObject { Count: > 0 } nested:
                    Block(emitter, nested);
                    break;
                default:
                    YamlEmit.Flow(emitter, value);
                    break;
            }
        }

        emitter.Emit(new MappingEnd());
    }

    /// <summary>One rule on one line: its kind as a block key, its value in flow style.</summary>
    private static void Rule(IEmitter emitter, JsonNode? rule)
    {
        if (rule is JsonObject { Count: 1 } single)
        {
            var (kind, value) = single.Single();
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            emitter.Emit(YamlEmit.Text(kind));
            YamlEmit.Flow(emitter, value);
            emitter.Emit(new MappingEnd());
            return;
        }

        YamlEmit.Flow(emitter, rule);
    }
}
