using System.Buffers;
using System.Text;
using System.Text.Unicode;
using AccessSync.Core.Diagnostics;

namespace AccessSync.Core.Sources;

/// <summary>Turns a file's bytes into text, refusing what is too large or not UTF-8, at the place of the fault.</summary>
public static class SourceDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DecodedSource Decode(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > SourceLimits.MaxFileBytes)
        {
            return DecodedSource.Failed(Diagnostic.Error(
                DiagnosticCodes.FileTooLarge,
                $"file is larger than the limit of {SourceLimits.MaxFileBytes / 1024} KiB; a policy file describes one application",
                SourceSpan.StartOf(path)));
        }

        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        if (FindInvalidUtf8(body) is { } bad)
        {
            return DecodedSource.Failed(Diagnostic.Error(
                DiagnosticCodes.InvalidUtf8,
                $"byte 0x{body[bad]:X2} is not valid UTF-8; save the file as UTF-8",
                PositionOf(path, body, bad)));
        }

        return DecodedSource.Ok(new SourceFile(path, StrictUtf8.GetString(body)));
    }

    private static int? FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        // The vectorised check settles the usual, valid file; only an invalid one is walked to find its first fault.
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return null;
    }

    /// <summary>Line and column (in characters) of a byte offset, counting only the valid text before it.</summary>
    private static SourceSpan PositionOf(string path, ReadOnlySpan<byte> bytes, int offset)
    {
        var before = Encoding.UTF8.GetString(bytes[..offset]);
        var line = 1 + before.Count(c => c == '\n');
        var column = 1 + before.Length - (before.LastIndexOf('\n') + 1);
        return new SourceSpan(path, line, column);
    }
}
