namespace AccessSync.Cli.GitHub;

/// <summary>A comment on an issue or pull request, as far as keeping the plan comment up to date needs it.</summary>
/// <param name="HtmlUrl">Where a person sees it, for the command's report.</param>
public sealed record IssueComment(long Id, string Body, string? Author, string? HtmlUrl);
