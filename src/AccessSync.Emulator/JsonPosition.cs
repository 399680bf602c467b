using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccessSync.Emulator;

/// <summary>
/// Where System.Text.Json says a document broke, as a person counts: 1-based line and column in characters, where
/// the parser gives a 0-based line and a 0-based byte offset in the UTF-8 line.
/// </summary>
internal static partial class JsonPosition
{
    public static (int? Line, int? Column) Of(string json, JsonException error)
    {
        if (error.LineNumber is not { } lineIndex || error.BytePositionInLine is not { } byteInLine)
        {
            return (null, null);
        }

        var lines = json.Split('\n');
        if (lineIndex >= lines.Length)
        {
            return ((int)lineIndex + 1, 1);
        }

        var bytes = Encoding.UTF8.GetBytes(lines[lineIndex]);
        var before = Encoding.UTF8.GetString(bytes, 0, (int)Math.Min(byteInLine, bytes.Length));
        return ((int)lineIndex + 1, before.Length + 1);
    }

    /// <summary>The parser's message without its own place ("Path: $.x | LineNumber: 0 | BytePositionInLine: 3."), which counts from 0.</summary>
    public static string WithoutPosition(string message) => ParserPlace().Replace(message, string.Empty).TrimEnd();

    [GeneratedRegex(@"\s*(Path: .*?\| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex ParserPlace();
}
