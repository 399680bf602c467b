namespace AccessSync.Core.Rendering;

/// <summary>The terminal colours the text plan uses, and the one way it applies them.</summary>
internal static class Ansi
{
    public const string Reset = "\e[0m";
    public const string Bold = "\e[1m";
    public const string Red = "\e[31m";
    public const string Green = "\e[32m";
    public const string Yellow = "\e[33m";
    public const string Magenta = "\e[35m";
    public const string Cyan = "\e[36m";

    /// <summary>The text in the colour of <paramref name="code"/> when colours are on, else as it is.</summary>
    public static string Paint(bool useColor, string code, string text) => useColor ? $"{code}{text}{Reset}" : text;
}
