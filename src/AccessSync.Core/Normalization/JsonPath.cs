using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Core.Normalization;

/// <summary>Reads and writes a dotted path (<c>mfa_config.session_duration</c>) in a JSON object.</summary>
public static class JsonPath
{
    /// <summary>The value at <paramref name="path"/>, or null when it or any object above it is absent or null.</summary>
    public static JsonElement? Get(JsonElement root, string path)
    {
        var current = root;
        foreach (var range in path.AsSpan().Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(path.AsSpan(range), out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    /// <summary>Sets <paramref name="path"/> to <paramref name="value"/>, creating the objects above it as needed.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject child)
            {
                child = [];
                current[part] = child;
            }

            current = child;
        }

        current[parts[^1]] = value;
    }
}
