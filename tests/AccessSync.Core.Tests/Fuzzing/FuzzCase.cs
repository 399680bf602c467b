namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>One generated policy file: what made it (<paramref name="Shape"/>), where it claims to live and its text.</summary>
/// <param name="Path">The file's path below the policy root; <c>reusable/</c> and <c>accesssync.yaml</c> choose how it loads.</param>
public sealed record FuzzCase(string Shape, string Path, string Text)
{
    /// <summary>A form that can be pasted into a regression test: the text as a C# string literal.</summary>
    public override string ToString() =>
        $"{Shape} {Path} ({Text.Length} chars): \"{string.Concat(Text.Take(2000).Select(Escape))}\"{(Text.Length > 2000 ? "..." : "")}";

    private static string Escape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        _ when c < ' ' || c > '~' => $"\\u{(int)c:X4}",
        _ => c.ToString(),
    };
}
