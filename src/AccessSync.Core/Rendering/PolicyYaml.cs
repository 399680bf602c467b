using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Normalization;
using AccessSync.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Rendering;

/// <summary>
/// A policy's canonical managed fields as readable YAML, the form plans diff: keys in
/// <see cref="PolicyFields.DisplayOrder"/>, dotted paths folded back into nested keys, one rule per line in flow
/// style, and every id of a group, service token or identity provider followed by its name in a comment:
/// <code>
/// include:
/// - group: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f} # Developers
/// </code>
/// YamlDotNet's emitter does the layout, quoting and escaping from an event stream this class builds; a field
/// whose canonical value is null (absent, the API's default) is not shown.
/// </summary>
public static class PolicyYaml
{
    private static readonly EmitterSettings Settings = EmitterSettings(indentSequences: false);

    /// <summary>Two-space indents, "\n" line ends, and no line ever folded.</summary>
    internal static EmitterSettings EmitterSettings(bool indentSequences) => new(
        bestIndent: 2,
        bestWidth: int.MaxValue,
        isCanonical: false,
        maxSimpleKeyLength: 1024,
        skipAnchorName: false,
        indentSequences: indentSequences,
        newLine: "\n");

    /// <summary>The YAML of canonical fields (managed path → canonical JSON text), ending in a newline; empty when there are none.</summary>
    public static string Render(IReadOnlyDictionary<string, string> canonicalFields, IReadOnlyDictionary<string, string> names)
    {
        var root = new Tree();
        foreach (var path in canonicalFields.Keys.Order(Comparer<string>.Create(PolicyFields.Compare)))
        {
            if (JsonNode.Parse(canonicalFields[path]) is { } value)
            {
                root.Add(path.Split('.'), value);
            }
        }

        if (root.Children.Count == 0)
        {
            return string.Empty;
        }

        return Emit(emitter => Block(emitter, root, names));
    }

    /// <summary>One value on one line: a scalar as YAML writes it, a list or object in flow style, null as <c>null</c>.</summary>
    public static string Inline(string canonicalJson) => OneLine(emitter => Flow(emitter, JsonNode.Parse(canonicalJson)));

    /// <summary>One item of a list field on one line (<c>group: {id: …} # Developers</c>), as it appears in <see cref="Render"/>.</summary>
    public static string Item(JsonNode? item, IReadOnlyDictionary<string, string> names) => OneLine(emitter => ListItem(emitter, item, names));

    /// <summary>
    /// A value emitted as the one item of a block sequence, without its <c>- </c>: at the root, the emitter would
    /// mark some scalars (the empty string) with an explicit <c>---</c>.
    /// </summary>
    private static string OneLine(Action<IEmitter> item) =>
        Emit(emitter =>
        {
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            item(emitter);
            emitter.Emit(new SequenceEnd());
        })["- ".Length..].TrimEnd('\n');

    private static string Emit(Action<IEmitter> body)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        body(emitter);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Block(IEmitter emitter, Tree tree, IReadOnlyDictionary<string, string> names)
    {
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        foreach (var (key, child) in tree.Children)
        {
            emitter.Emit(PlainKey(key));
            switch (child)
            {
                case Tree nested:
                    Block(emitter, nested, names);
                    break;
                case JsonArray { Count: > 0 } list when list.Any(i => i is JsonObject):
                    emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                    foreach (var item in list)
                    {
                        ListItem(emitter, item, names);
                    }

                    emitter.Emit(new SequenceEnd());
                    break;
                case JsonNode value:
                    Flow(emitter, value);
                    break;
            }
        }

        emitter.Emit(new MappingEnd());
    }

    /// <summary>A rule (one key) as a block mapping whose value is in flow style; any other item wholly in flow style.</summary>
    private static void ListItem(IEmitter emitter, JsonNode? item, IReadOnlyDictionary<string, string> names)
    {
        if (item is JsonObject { Count: 1 } rule)
        {
            var (kind, fields) = rule.Single();
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            emitter.Emit(PlainKey(kind));
            Flow(emitter, fields);
            Annotate(emitter, fields, names);
            emitter.Emit(new MappingEnd());
            return;
        }

        Flow(emitter, item);
        Annotate(emitter, item, names);
    }

    /// <summary>The names of the ids an item holds, as a comment after it on its line.</summary>
    private static void Annotate(IEmitter emitter, JsonNode? item, IReadOnlyDictionary<string, string> names)
    {
        var known = Strings(item).Select(s => names.GetValueOrDefault(s)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (known.Count > 0)
        {
            emitter.Emit(new Comment(string.Join(", ", known), isInline: true));
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };

    internal static void Flow(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
                foreach (var (key, value) in o)
                {
                    emitter.Emit(PlainKey(key));
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

    private static Scalar PlainKey(string key) => Text(key);

    /// <summary>
    /// A string, plain when YAML would read it back as that string, else quoted: <c>"true"</c>, <c>"42"</c> and
    /// <c>""</c> stay strings. A text with a line break or a control character is double-quoted, where they are
    /// escapes: it stays on one line, and an escape sequence from a live name never reaches a terminal (left to
    /// choose, the emitter writes one raw in a folded scalar).
    /// </summary>
    internal static Scalar Text(string text)
    {
        var readsAsString = ScalarResolver.Resolve(text, isPlain: true, tag: null, out _) == ScalarType.String;
        var needsEscapes = text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');
        var style = !readsAsString || needsEscapes ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        return new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true);
    }

    /// <summary>Dotted paths as nested keys, in the order they were added.</summary>
    private sealed class Tree
    {
        public List<(string Key, object Child)> Children { get; } = [];

        public void Add(ReadOnlySpan<string> path, JsonNode value)
        {
            if (path.Length == 1)
            {
                Children.Add((path[0], value));
                return;
            }

            var key = path[0];
            var existing = Children.FirstOrDefault(c => c.Key == key).Child;
            if (existing is not Tree nested)
            {
                nested = new Tree();
                Children.Add((key, nested));
            }

            nested.Add(path[1..], value);
        }
    }
}
