using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AccessSync.Core.Json;

/// <summary>
/// JSON written straight to UTF-8 with the defaults a <see cref="System.Text.Json.Nodes.JsonNode"/> serialises with
/// (compact, the default escaping), so text written here and text from a node tree are the same bytes.
/// </summary>
public static class Utf8Json
{
    /// <summary>The UTF-8 bytes <paramref name="write"/> writes.</summary>
    public static byte[] Of(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The JSON text <paramref name="write"/> writes.</summary>
    public static string Text(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
