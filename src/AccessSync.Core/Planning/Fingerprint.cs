using System.Buffers;
using System.Security.Cryptography;
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
        var canonical = Buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        canonical.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(canonical))
        {
            SortedJsonWriter.Write(raw, writer);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical.WrittenSpan, hash);
        return new Fingerprint(updatedAt, Convert.ToHexStringLower(hash[..8]));
    }

    /// <summary>One buffer per thread for the canonical text, reused: fingerprints are taken of thousands of objects in a row.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? Buffer;

    public override string ToString() => $"{UpdatedAt ?? "-"}/{ContentHash}";
}
