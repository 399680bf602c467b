using AccessSync.Cli.Files;
using AccessSync.Cli.GitHub;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Text;
using Serilog;

namespace AccessSync.Cli.Commands;

/// <param name="Plan">The saved plan; null with <paramref name="Failed"/>.</param>
/// <param name="Repository">owner/name; else GITHUB_REPOSITORY.</param>
/// <param name="PullRequest">Else the pull request of the event in GITHUB_EVENT_PATH.</param>
/// <param name="Marker">The first line that marks the plan's comments; null for the default.</param>
/// <param name="ApiUrl">Else GITHUB_API_URL, else https://api.github.com.</param>
/// <param name="Comment">Post the pull request comment (off with --no-comment, for a run with no pull request).</param>
/// <param name="Failed">No plan could be made: the comment is replaced by a note pointing at the run.</param>
public sealed record GitHubCommentSettings(
    GivenPath? Plan,
    string? Repository,
    int? PullRequest,
    string? Marker,
    Uri? ApiUrl,
    bool StepSummary,
    bool Comment,
    bool Failed = false);

/// <summary>
/// <c>accesssync github-comment</c>: a saved plan as a pull request comment that every later run edits in place, and
/// in the job's step summary.
/// </summary>
public sealed class GitHubCommentCommand(CliConsole console, Surroundings surroundings, ILogger log)
{
    public static readonly Uri DefaultApiUrl = new("https://api.github.com");

    public async Task<int> ExecuteAsync(GitHubCommentSettings settings, CancellationToken cancellationToken)
    {
        if ((settings.Plan is null) == !settings.Failed)
        {
            throw new UsageException("give either --plan FILE, or --failed when no plan could be made");
        }

        if (settings.Failed && (settings.StepSummary || !settings.Comment))
        {
            throw new UsageException("--failed only replaces the pull request comment; the job log already holds the errors, so leave out --step-summary and --no-comment");
        }

        if (!settings.Comment && !settings.StepSummary)
        {
            throw new UsageException("--no-comment leaves nothing to do; add --step-summary");
        }

        var marker = CommentMarker.From(settings.Marker);
        var run = WorkflowRun.FromEnvironment(surroundings);
        var summaryPath = settings.StepSummary ? StepSummaryPath() : null;
        var target = settings.Comment ? ResolveTarget(settings, run) : null;
        var options = new MarkdownPlanOptions(marker);
        var renderer = new MarkdownPlanRenderer(options);
        var review = settings.Plan is { } file ? PlanReviewer.Review(await PlanFile.LoadAsync(file, cancellationToken)) : null;

        if (summaryPath is not null && review is not null)
        {
            await WriteStepSummaryAsync(summaryPath, review, renderer, cancellationToken);
        }

        if (target is not null)
        {
            // Every part, its footer included, stays within GitHub's limit on a comment.
            var footer = run.Footer();
            var parts = review is not null
                ? [.. renderer.RenderParts(review, Math.Min(MarkdownPlanRenderer.DefaultMaxChars, GitHubClient.MaxCommentChars - footer.Length)).Select(p => p + footer)]
                : new[] { FailureNote(options, run) };
            await CommentAsync(target, parts, marker, cancellationToken);
        }

        return ExitCodes.Success;
    }

    /// <summary>Stands in for the plan when none could be made, so that no reviewer reads an earlier commit's plan as this one's.</summary>
    private static string FailureNote(MarkdownPlanOptions options, WorkflowRun run) =>
        $"{options.Marker}\n### {options.Title}\n\n"
        + $"> [!CAUTION]\n> **No plan**: validating or planning {(run.ShortCommit is { } commit ? $"commit `{commit}`" : "the latest commit")} failed, "
        + $"so the plan that was here no longer holds. The errors are in {(run.RunUrl is { } url ? $"[the workflow run]({url})" : "the workflow run")}"
        + " and, for the policy files, on the diff.\n"
        + run.Footer();

    private string StepSummaryPath() =>
        surroundings.Variable("GITHUB_STEP_SUMMARY") is { Length: > 0 } path
            ? surroundings.Given(path).FullPath
            : throw new UsageException("--step-summary needs GITHUB_STEP_SUMMARY, the file GitHub Actions sets for each step; it is not set");

    private async Task WriteStepSummaryAsync(string path, PlanReview review, MarkdownPlanRenderer renderer, CancellationToken cancellationToken)
    {
        var (bytes, truncated) = await StepSummary.AppendAsync(path, review, renderer, cancellationToken);
        if (truncated)
        {
            await console.Error.WriteLineAsync($"warning: the plan is larger than the 1 MiB GitHub allows a step summary; the summary holds only its beginning ({bytes} bytes)");
        }

        await console.Out.WriteLineAsync($"Step summary: wrote the plan ({bytes} bytes{(truncated ? ", truncated" : string.Empty)}).");
    }

    private async Task CommentAsync(CommentTarget target, IReadOnlyList<string> parts, string marker, CancellationToken cancellationToken)
    {
        var where = $"{target.Repository}#{target.PullRequest}";
        using var github = new GitHubClient(target.ApiUrl, target.Token, log);
        try
        {
            var comments = await github.ListCommentsAsync(target.Repository, target.PullRequest, cancellationToken);
            var updates = CommentUpdate.Plan(comments, marker, parts);
            log.Information("{Where}: {Count} comments, {Ours} of them earlier plan parts; the plan has {Parts} parts", where, comments.Count, updates.Count(u => u is not CommentUpdate.Create), parts.Count);

            // Deletes last: a run that fails half-way leaves the pull request with a whole plan, never with none.
            foreach (var update in updates.OrderBy(u => u is CommentUpdate.Delete))
            {
                await console.Out.WriteLineAsync(await ExecuteAsync(github, target, update, parts.Count, cancellationToken));
            }

            await console.Out.WriteLineAsync(
                $"Plan comment on {where}: {updates.Count(u => u is CommentUpdate.Create)} created, {updates.Count(u => u is CommentUpdate.Edit)} updated, "
                + $"{updates.Count(u => u is CommentUpdate.Keep)} unchanged, {updates.Count(u => u is CommentUpdate.Delete)} deleted.");
        }
        catch (GitHubApiException e)
        {
            throw new UserException(e.Message);
        }
    }

    private static async Task<string> ExecuteAsync(GitHubClient github, CommentTarget target, CommentUpdate update, int partCount, CancellationToken cancellationToken)
    {
        string Line(string verb, int part, IssueComment comment) => $"{verb,-10} part {part} of {partCount}  {(comment.HtmlUrl is { } url ? DisplayText.ForDisplay(url) : $"comment {comment.Id}")}";
        switch (update)
        {
            case CommentUpdate.Keep keep:
                return Line("unchanged", keep.Part, keep.Comment);
            case CommentUpdate.Edit edit:
                return Line("updated", edit.Part, await github.EditCommentAsync(target.Repository, edit.Comment.Id, edit.Body, cancellationToken));
            case CommentUpdate.Create create:
                return Line("created", create.Part, await github.CreateCommentAsync(target.Repository, target.PullRequest, create.Body, cancellationToken));
            case CommentUpdate.Delete delete:
                await github.DeleteCommentAsync(target.Repository, delete.Comment.Id, cancellationToken);
                return $"{"deleted",-10} an earlier part no longer needed  {delete.Comment.HtmlUrl ?? $"comment {delete.Comment.Id}"}";
            default:
                throw new ArgumentOutOfRangeException(nameof(update), update, "an update kind this command does not know");
        }
    }

    private CommentTarget ResolveTarget(GitHubCommentSettings settings, WorkflowRun run)
    {
        var repositoryText = settings.Repository ?? surroundings.Variable("GITHUB_REPOSITORY");
        if (string.IsNullOrWhiteSpace(repositoryText))
        {
            throw new UsageException("no repository: give --repo OWNER/NAME (GitHub Actions sets GITHUB_REPOSITORY)");
        }

        var repository = RepositoryName.TryParse(repositoryText)
            ?? throw new UsageException($"the repository must be OWNER/NAME, not \"{repositoryText}\"");
        var pullRequest = settings.PullRequest ?? run.PullRequest
            ?? throw new UsageException("no pull request: give --pr N, or run on a pull_request event (GITHUB_EVENT_PATH names none); --no-comment writes only the step summary");
        if (pullRequest < 1)
        {
            throw new UsageException($"--pr must be a pull request number, not {pullRequest}");
        }

        var apiUrl = settings.ApiUrl ?? ApiUrlFromEnvironment();
        var token = surroundings.Variable("GITHUB_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new UserException("GITHUB_TOKEN is not set; in a workflow, pass it with `env: GITHUB_TOKEN: ${{ github.token }}` and `permissions: pull-requests: write`");
        }

        return new CommentTarget(repository, pullRequest, apiUrl, token.Trim());
    }

    private Uri ApiUrlFromEnvironment()
    {
        var text = surroundings.Variable("GITHUB_API_URL");
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultApiUrl;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new UsageException($"GITHUB_API_URL must be an http or https URL, not \"{text}\"");
    }

    /// <summary>Where the comment goes, and the token that may write it (never printed).</summary>
    private sealed record CommentTarget(RepositoryName Repository, int PullRequest, Uri ApiUrl, string Token)
    {
        public override string ToString() => $"{Repository}#{PullRequest} on {ApiUrl}";
    }
}
