using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Cloudflare.Wire;

/// <summary>Lenient reads of API fields: a missing or differently typed field reads as <c>null</c>, never throws.</summary>
internal static class JsonFields
{
    public static string? String(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? Int(JsonObject json, string name)
    {
        if (json[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        return value.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;
    }

    public static bool? Bool(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static DateTimeOffset? Timestamp(JsonObject json, string name) =>
        String(json, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    public static IReadOnlyList<JsonObject> Objects(JsonObject json, string name) =>
        json[name] is JsonArray items ? items.OfType<JsonObject>().ToList() : [];

    /// <summary>A deep copy without the given fields: the body for a write built from what was read.</summary>
    public static JsonObject CopyWithout(JsonObject json, IReadOnlySet<string> fields)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in json)
        {
            if (!fields.Contains(name))
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }
}
