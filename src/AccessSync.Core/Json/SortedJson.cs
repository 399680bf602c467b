using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Core.Json;

/// <summary>Any JSON value with its object keys in ordinal order, so that equal values have equal text.</summary>
public static class SortedJson
{
    public static JsonNode? Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(value.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Name, Of(p.Value)))),
        JsonValueKind.Array => new JsonArray([.. value.EnumerateArray().Select(Of)]),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonNode.Parse(value.GetRawText()),
    };
}
