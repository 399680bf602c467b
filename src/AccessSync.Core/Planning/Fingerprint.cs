using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccessSync.Core.Json;

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
        // Key order is not content: the same object serialised twice must hash alike.
        var canonical = SortedJson.Of(raw)?.ToJsonString() ?? "null";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        return new Fingerprint(updatedAt, hash);
    }

    public override string ToString() => $"{UpdatedAt ?? "-"}/{ContentHash}";
}
