using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Cloudflare.Wire;

/// <summary>Lenient reads of API fields: a missing or differently typed field reads as <c>null</c>, never throws.</summary>
internal static class JsonFields
{
    public static string? String(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string? String(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? value.TryGetValue<int>(out var i) ? i : value.TryGetValue<double>(out var d) ? WholeNumber(d) : null
            : null;

    public static int? Int(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt32(out var i) ? i : value.TryGetDouble(out var d) ? WholeNumber(d) : null
            : null;

    public static bool? Bool(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static bool? Bool(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public static DateTimeOffset? Timestamp(JsonObject json, string name) =>
        String(json, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    public static IReadOnlyList<JsonObject> Objects(JsonObject json, string name) =>
        json[name] is JsonArray items ? items.OfType<JsonObject>().ToList() : [];

    /// <summary>An object answered by the API as a node a caller may read and change; it is built from the element as it is first read.</summary>
    public static JsonObject Node(JsonElement json) =>
        JsonObject.Create(json) ?? throw new ArgumentException("not a JSON object", nameof(json));

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

    /// <summary>A number such as 3.0 is the integer 3; 3.5, or one out of range, is no integer.</summary>
    private static int? WholeNumber(double d) => d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;
}
