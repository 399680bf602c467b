using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccessSync.Core.Yaml;

/// <summary>
/// One item of a list field (a rule, mostly) as a line of YAML, with the names of the ids it holds in a comment:
/// <c>group: {id: aa0a4aab-…} # Developers</c>. The plan's YAML lists rules so, and a review's reasons name a
/// rule the same way, so that a reviewer finds it in the diff below.
/// </summary>
public static class RuleText
{
    /// <summary>The item on one line, as it appears in a policy's YAML.</summary>
    public static string Of(JsonNode? item, IReadOnlyDictionary<string, string> names) => YamlEmit.OneLine(emitter => Emit(emitter, item, names));

    /// <summary>A rule (one key) as a block mapping whose value is in flow style; any other item wholly in flow style.</summary>
    internal static void Emit(IEmitter emitter, JsonNode? item, IReadOnlyDictionary<string, string> names)
    {
        if (item is JsonObject { Count: 1 } rule)
        {
            var (kind, fields) = rule.Single();
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            emitter.Emit(YamlEmit.Text(kind));
            YamlEmit.Flow(emitter, fields);
            Annotate(emitter, fields, names);
            emitter.Emit(new MappingEnd());
            return;
        }

        YamlEmit.Flow(emitter, item);
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
}
