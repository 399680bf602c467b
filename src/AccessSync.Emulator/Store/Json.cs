using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Store;

/// <summary>Small readers over JSON nodes, tolerant of how a node was made (parsed or built).</summary>
internal static class Json
{
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? AsInt(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue)
        {
            return (int)l;
        }

        return value.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;
    }

    public static string? Id(JsonObject obj) => AsString(obj["id"]);

    public static JsonObject Clone(JsonObject obj) => (JsonObject)obj.DeepClone();

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    /// <summary>RFC 3339 in UTC, with fractional seconds only when there are some, as Cloudflare writes them.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
