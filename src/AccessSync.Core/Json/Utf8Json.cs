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
    /// <summary>
    /// One buffer and writer per thread, taken while in use (a nested call makes its own): a plan and a validate write
    /// tens of thousands of small values, and would otherwise make a buffer and a writer for each.
    /// </summary>
    [ThreadStatic]
    private static Scratch? spare;

    /// <summary>The UTF-8 bytes <paramref name="write"/> writes.</summary>
    public static byte[] Of(Action<Utf8JsonWriter> write) => With(write, static bytes => bytes.ToArray());

    /// <summary>The JSON text <paramref name="write"/> writes.</summary>
    public static string Text(Action<Utf8JsonWriter> write) => With(write, static bytes => Encoding.UTF8.GetString(bytes));

    private static T With<T>(Action<Utf8JsonWriter> write, Func<ReadOnlySpan<byte>, T> result)
    {
        ArgumentNullException.ThrowIfNull(write);
        var scratch = spare ?? new Scratch();
        spare = null;
        try
        {
            scratch.Buffer.ResetWrittenCount();
            scratch.Writer.Reset(scratch.Buffer);
            write(scratch.Writer);
            scratch.Writer.Flush();
            return result(scratch.Buffer.WrittenSpan);
        }
        finally
        {
            spare = scratch;
        }
    }

    private sealed class Scratch
    {
        public Scratch() => Writer = new Utf8JsonWriter(Buffer);

        public ArrayBufferWriter<byte> Buffer { get; } = new(256);

        public Utf8JsonWriter Writer { get; }
    }
}
