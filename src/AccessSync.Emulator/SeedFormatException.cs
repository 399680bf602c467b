namespace AccessSync.Emulator;

/// <summary>
/// A seed or state file that does not follow the seed format: what is wrong, and where when that is known (the
/// file; a 1-based line and column when the JSON itself is broken).
/// </summary>
public sealed class SeedFormatException : Exception
{
    public SeedFormatException(string reason, string? path = null, int? line = null, int? column = null, Exception? innerException = null)
        : base(Describe(reason, path, line, column), innerException)
    {
        Reason = reason;
        Path = path;
        Line = line;
        Column = column;
    }

    public SeedFormatException()
        : this("the seed does not follow the seed format")
    {
    }

    public SeedFormatException(string message)
        : this(message, path: null)
    {
    }

    public SeedFormatException(string message, Exception innerException)
        : this(message, null, null, null, innerException)
    {
    }

    /// <summary>What is wrong, without the place.</summary>
    public string Reason { get; }

    /// <summary>The file, as it was given; null for a seed that came from no file.</summary>
    public string? Path { get; }

    public int? Line { get; }

    public int? Column { get; }

    /// <summary>The same problem, in the file <paramref name="path"/> (unless it already names one).</summary>
    public SeedFormatException In(string path) => Path is null ? new(Reason, path, Line, Column, InnerException) : this;

    /// <summary>The place in the compiler's shape, <c>file:line:column</c> (or as much of it as is known).</summary>
    public string Where(Func<string, string> displayPath)
    {
        ArgumentNullException.ThrowIfNull(displayPath);
        return Place(Path is null ? "the seed" : displayPath(Path), Line, Column);
    }

    private static string Describe(string reason, string? path, int? line, int? column) =>
        path is null ? reason : $"{Place(path, line, column)}: {reason}";

    private static string Place(string file, int? line, int? column) =>
        line is { } l && column is { } c ? $"{file}:{l}:{c}" : file;
}
