using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Yaml;

/// <summary>
/// One item of a list field (a rule, mostly) as YAML, with the names of the ids it holds in a comment:
/// <c>group: {id: aa0a4aab-…} # Developers</c>. The plan's YAML lists rules so, and a review's reasons name a
/// rule the same way, so that a reviewer finds it in the diff below. A rule too long for its line is written in
/// block style, its name comment kept on the rule's first line:
/// <code>
/// email:
///   email: someone-with-a-very-long-address@example.com
/// </code>
/// </summary>
public static class RuleText
{
    /// <summary>The item on one line, as a review's reasons name it.</summary>
    public static string Of(JsonNode? item, IReadOnlyDictionary<string, string> names) => YamlEmit.OneLine(emitter => Emit(emitter, item, names, 0, int.MaxValue));

    /// <summary>
    /// The item as a policy's YAML shows it at the start of a line of at most <paramref name="width"/> characters: on
    /// that one line when it fits, else its fields in block style on the lines after it, indented under its kind.
    /// </summary>
    public static IReadOnlyList<string> Lines(JsonNode? item, IReadOnlyDictionary<string, string> names, int width)
    {
        // Emitted as an item of a sequence whose dashes stand in the first column, then each line without the dash
        // or the two columns of indent that stand for it.
        var document = YamlEmit.Document(emitter =>
        {
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            Emit(emitter, item, names, 0, width + "- ".Length);
            emitter.Emit(new SequenceEnd());
        });
        return [.. document.TrimEnd('\n').Split('\n').Select(line => line["- ".Length..])];
    }

    /// <summary>
    /// An item of a block sequence whose dashes stand at <paramref name="column"/>, in lines of at most
    /// <paramref name="width"/> characters where its values allow: a rule (one key) as a block mapping whose value is
    /// in flow style, or in block style when that line would be too long; any other item in flow style, or block
    /// style when too long. The names of the ids it holds end its first line, in a comment.
    /// </summary>
    internal static void Emit(IEmitter emitter, JsonNode? item, IReadOnlyDictionary<string, string> names, int column, int width)
    {
        var comment = Names(item, names);
        if (item is JsonObject { Count: 1 } rule)
        {
            var (kind, fields) = rule.Single();
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            YamlEmit.FittedEntry(emitter, kind, fields, column + "- ".Length, width, comment);
            emitter.Emit(new MappingEnd());
            return;
        }

        YamlEmit.FittedItem(emitter, item, column, width, comment);
    }

    /// <summary>The names of the ids an item holds, for a comment after it; null when it holds none with a name.</summary>
    private static string? Names(JsonNode? item, IReadOnlyDictionary<string, string> names)
    {
        var known = Strings(item).Select(s => names.GetValueOrDefault(s)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return known.Count > 0 ? string.Join(", ", known) : null;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };
}
