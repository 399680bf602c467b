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
    public static byte[] Of(Action<Utf8JsonWriter> write) => With(write, static bytes => bytes.ToArray());

    /// <summary>The JSON text <paramref name="write"/> writes.</summary>
    public static string Text(Action<Utf8JsonWriter> write) => With(write, static bytes => Encoding.UTF8.GetString(bytes));

    private static T With<T>(Action<Utf8JsonWriter> write, Func<ReadOnlySpan<byte>, T> result)
    {
        ArgumentNullException.ThrowIfNull(write);
        var scratch = Scratch.Take();
        try
        {
            write(scratch.Begin());
            return result(scratch.End().Span);
        }
        finally
        {
            Scratch.Give(scratch);
        }
    }

    /// <summary>
    /// A buffer and a writer to write one value at a time into, one per thread, taken while in use (a nested write
    /// takes a new one): a plan and a validate write tens of thousands of small values, and would otherwise make a
    /// buffer and a writer for each.
    /// </summary>
    internal sealed class Scratch
    {
        /// <summary>A buffer grown past this by one large value is left to the collector rather than kept for the thread.</summary>
        private const int KeptCapacity = 64 * 1024;

        [ThreadStatic]
        private static Scratch? spare;

        private readonly ArrayBufferWriter<byte> buffer = new(512);
        private readonly Utf8JsonWriter writer;

        private Scratch() => writer = new Utf8JsonWriter(buffer);

        public static Scratch Take()
        {
            var taken = spare ?? new Scratch();
            spare = null;
            return taken;
        }

        public static void Give(Scratch scratch)
        {
            if (scratch.buffer.Capacity <= KeptCapacity)
            {
                spare = scratch;
            }
        }

        /// <summary>The writer, emptied, for the next value.</summary>
        public Utf8JsonWriter Begin()
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            return writer;
        }

        /// <summary>What was written since <see cref="Begin"/>: good until the next <see cref="Begin"/>.</summary>
        public ReadOnlyMemory<byte> End()
        {
            writer.Flush();
            return buffer.WrittenMemory;
        }
    }
}
