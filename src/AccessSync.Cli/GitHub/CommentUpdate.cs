namespace AccessSync.Cli.GitHub;

/// <summary>One step in bringing a pull request's plan comments up to date.</summary>
public abstract record CommentUpdate(int Part)
{
    /// <summary>An earlier comment holds this part already, word for word.</summary>
    public sealed record Keep(int Part, IssueComment Comment) : CommentUpdate(Part);

    public sealed record Edit(int Part, IssueComment Comment, string Body) : CommentUpdate(Part);

    public sealed record Create(int Part, string Body) : CommentUpdate(Part);

    /// <summary>An earlier comment beyond the parts the plan now needs.</summary>
    public sealed record Delete(IssueComment Comment) : CommentUpdate(0);

    /// <summary>
    /// The steps that turn the comments posted before (those whose first line is <paramref name="marker"/>, oldest
    /// first) into <paramref name="parts"/>: each earlier comment is edited in place with the part of its rank, parts
    /// beyond them are created, and earlier comments beyond the parts are deleted. Comments without the marker are
    /// never part of it.
    /// </summary>
    public static IReadOnlyList<CommentUpdate> Plan(IReadOnlyList<IssueComment> comments, string marker, IReadOnlyList<string> parts)
    {
        var ours = comments.Where(c => StartsWithMarker(c.Body, marker)).OrderBy(c => c.Id).ToList();
        var updates = new List<CommentUpdate>();
        for (var i = 0; i < parts.Count; i++)
        {
            updates.Add(i >= ours.Count ? new Create(i + 1, parts[i])
                : SameText(ours[i].Body, parts[i]) ? new Keep(i + 1, ours[i])
                : new Edit(i + 1, ours[i], parts[i]));
        }

        updates.AddRange(ours.Skip(parts.Count).Select(c => new Delete(c)));
        return updates;
    }

    /// <summary>The marker is the whole first line: "&lt;!-- x --&gt;" must not claim "&lt;!-- x --&gt; and more".</summary>
    public static bool StartsWithMarker(string body, string marker) =>
        body.StartsWith(marker, StringComparison.Ordinal)
        && (body.Length == marker.Length || body[marker.Length] is '\n' or '\r');

    /// <summary>GitHub may hand a body back with CRLF line ends; that alone is no reason to edit it.</summary>
    private static bool SameText(string posted, string part) =>
        string.Equals(posted.ReplaceLineEndings("\n"), part.ReplaceLineEndings("\n"), StringComparison.Ordinal);
}
