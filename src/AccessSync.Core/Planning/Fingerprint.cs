using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Core.Planning;

/// <summary>
/// What a live object looked like when a plan was made: its <c>updated_at</c> and a hash of its whole content.
/// A saved plan is applied only to objects whose fingerprint is still the same.
/// </summary>
public sealed record Fingerprint(string? UpdatedAt, string ContentHash)
{
    public static Fingerprint Of(JsonElement raw)
    {
        var updatedAt = raw.TryGetProperty("updated_at", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var canonical = Canonical(raw)?.ToJsonString() ?? "null";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        return new Fingerprint(updatedAt, hash);
    }

    /// <summary>Key order is not content: the same object serialised twice must hash alike.</summary>
    private static JsonNode? Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new JsonObject(value.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Name, Canonical(p.Value)))),
        JsonValueKind.Array => new JsonArray([.. value.EnumerateArray().Select(Canonical)]),
        JsonValueKind.Null => null,
        _ => JsonNode.Parse(value.GetRawText()),
    };

    public override string ToString() => $"{UpdatedAt ?? "-"}/{ContentHash}";
}
