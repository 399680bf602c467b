using System.Text.Json.Nodes;
using AccessSync.Core.Normalization;
using AccessSync.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Rendering;

/// <summary>
/// A policy's canonical managed fields as readable YAML, the form plans diff: keys in
/// <see cref="PolicyFields.DisplayOrder"/>, dotted paths folded back into nested keys, one rule per line in flow
/// style (block style when that line would be too long), and every id of a group, service token or identity
/// provider followed by its name in a comment:
/// <code>
/// include:
/// - group: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f} # Developers
/// </code>
/// YamlDotNet's emitter does the layout, quoting and escaping from an event stream this class builds; a field
/// whose canonical value is null (absent, the API's default) is not shown.
/// </summary>
public static class PolicyYaml
{
    /// <summary>
    /// The YAML of canonical fields (managed path → canonical JSON text), ending in a newline; empty when there are
    /// none. A line that would be longer than <paramref name="width"/> has its list or mapping written in block style
    /// instead (<see cref="RuleText"/>); only a long scalar, which YAML cannot break, stays longer.
    /// </summary>
    public static string Render(IReadOnlyDictionary<string, string> canonicalFields, IReadOnlyDictionary<string, string> names, int width = int.MaxValue)
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

        return YamlEmit.Document(emitter => Block(emitter, root, names, 0, width));
    }

    /// <summary>One value on one line: a scalar as YAML writes it, a list or object in flow style, null as <c>null</c>.</summary>
    public static string Inline(string canonicalJson) => YamlEmit.OneLine(emitter => YamlEmit.Flow(emitter, JsonNode.Parse(canonicalJson)));

    /// <param name="column">Where the tree's keys stand.</param>
    private static void Block(IEmitter emitter, Tree tree, IReadOnlyDictionary<string, string> names, int column, int width)
    {
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        foreach (var (key, child) in tree.Children)
        {
            switch (child)
            {
                case Tree nested:
                    emitter.Emit(YamlEmit.Text(key));
                    Block(emitter, nested, names, column + 2, width);
                    break;
                case JsonArray { Count: > 0 } list when list.Any(i => i is JsonObject):
                    // A sequence under a key is not indented: its dashes stand where the key does.
                    emitter.Emit(YamlEmit.Text(key));
                    emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                    foreach (var item in list)
                    {
                        RuleText.Emit(emitter, item, names, column, width);
                    }

                    emitter.Emit(new SequenceEnd());
                    break;
                case JsonNode value:
                    YamlEmit.FittedEntry(emitter, key, value, column, width);
                    break;
            }
        }

        emitter.Emit(new MappingEnd());
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
