using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Store;

/// <summary>The state file: written whole to a temporary file beside it, then renamed over it, so it is never half-written.</summary>
internal static class StateFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Save(string path, JsonObject state)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                state.WriteTo(writer, Indented);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
