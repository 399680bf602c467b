using System.Text.RegularExpressions;

namespace AccessSync.Cli.GitHub;

/// <summary>A repository as <c>owner/name</c>, checked so that it can only ever name a repository in a URL path.</summary>
public sealed partial record RepositoryName(string Owner, string Name)
{
    public static RepositoryName? TryParse(string? text)
    {
        var match = text is null ? null : Pattern().Match(text.Trim());
        return match is { Success: true } && match.Groups["name"].Value is not ("." or "..") ? new RepositoryName(match.Groups["owner"].Value, match.Groups["name"].Value) : null;
    }

    public override string ToString() => $"{Owner}/{Name}";

    [GeneratedRegex("^(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<name>[A-Za-z0-9._-]{1,100})$")]
    private static partial Regex Pattern();
}
