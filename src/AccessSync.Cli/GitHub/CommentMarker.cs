using AccessSync.Core.Rendering;

namespace AccessSync.Cli.GitHub;

/// <summary>The first line by which the plan's comments are found again: an HTML comment, so that it shows nothing.</summary>
public static class CommentMarker
{
    /// <summary>
    /// The marker for <paramref name="text"/>: the default when none is given, the text itself when it is already an
    /// HTML comment, else the text wrapped in one (<c>prod</c> → <c>&lt;!-- prod --&gt;</c>).
    /// </summary>
    /// <exception cref="UsageException">The text spans lines or would end the HTML comment early.</exception>
    public static string From(string? text)
    {
        if (text is null)
        {
            return MarkdownPlanOptions.DefaultMarker;
        }

        var trimmed = text.Trim();
        var inner = trimmed.StartsWith("<!--", StringComparison.Ordinal) && trimmed.EndsWith("-->", StringComparison.Ordinal) && trimmed.Length >= 7
            ? trimmed[4..^3].Trim()
            : trimmed;
        if (inner.Length == 0 || inner.Contains('\n', StringComparison.Ordinal) || inner.Contains('\r', StringComparison.Ordinal)
            || inner.Contains("-->", StringComparison.Ordinal) || inner.Contains("<!--", StringComparison.Ordinal))
        {
            throw new UsageException("--marker must be one line of text, such as \"accesssync-plan prod\", without \"<!--\" or \"-->\" inside it");
        }

        return $"<!-- {inner} -->";
    }
}
