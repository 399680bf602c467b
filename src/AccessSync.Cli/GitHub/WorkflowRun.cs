using System.Text.Json;
using AccessSync.Cli.Hosting;

namespace AccessSync.Cli.GitHub;

/// <summary>
/// What GitHub Actions tells a step about the run it is in: the pull request and commit of the event, and the run's
/// page, read from the variables it sets and the event payload at <c>GITHUB_EVENT_PATH</c>.
/// </summary>
/// <param name="PullRequest">The pull request's number on a pull_request event, else null.</param>
/// <param name="Commit">The pull request's head commit (GITHUB_SHA is a merge commit there), else GITHUB_SHA.</param>
public sealed record WorkflowRun(int? PullRequest, string? Commit, Uri? RunUrl)
{
    /// <summary>The run that <paramref name="surroundings"/>' variables describe; a relative GITHUB_EVENT_PATH is in its working folder.</summary>
    public static WorkflowRun FromEnvironment(Surroundings surroundings)
    {
        ArgumentNullException.ThrowIfNull(surroundings);
        var environment = surroundings.Variable;
        int? pullRequest = null;
        string? headCommit = null;
        if (environment("GITHUB_EVENT_PATH") is { Length: > 0 } text && surroundings.Given(text) is var path && File.Exists(path.FullPath))
        {
            try
            {
                using var payload = JsonDocument.Parse(File.ReadAllText(path.FullPath));
                if (payload.RootElement.ValueKind == JsonValueKind.Object
                    && payload.RootElement.TryGetProperty("pull_request", out var pr)
                    && pr.ValueKind == JsonValueKind.Object)
                {
                    pullRequest = pr.TryGetProperty("number", out var number) && number.TryGetInt32(out var value) ? value : null;
                    headCommit = pr.TryGetProperty("head", out var head) && head.ValueKind == JsonValueKind.Object
                        && head.TryGetProperty("sha", out var sha) && sha.ValueKind == JsonValueKind.String
                            ? sha.GetString()
                            : null;
                }
            }
            catch (JsonException e)
            {
                throw new UserException($"GITHUB_EVENT_PATH ({path}) is not a JSON event payload: {e.Message}");
            }
        }

        var server = environment("GITHUB_SERVER_URL") is { Length: > 0 } s ? s.TrimEnd('/') : "https://github.com";
        var runUrl = environment("GITHUB_REPOSITORY") is { Length: > 0 } repository && environment("GITHUB_RUN_ID") is { Length: > 0 } runId
            && Uri.TryCreate($"{server}/{repository}/actions/runs/{runId}", UriKind.Absolute, out var url)
                ? url
                : null;
        return new WorkflowRun(pullRequest, headCommit ?? NonEmpty(environment("GITHUB_SHA")), runUrl);
    }

    /// <summary>The commit as people quote it.</summary>
    public string? ShortCommit => Commit is { Length: > 7 } c ? c[..7] : Commit;

    /// <summary>A last line for each comment: which commit it is for and which run made it, so a reviewer sees it is current.</summary>
    public string Footer()
    {
        var pieces = new List<string>();
        if (ShortCommit is { } commit)
        {
            pieces.Add($"for commit `{commit}`");
        }

        if (RunUrl is { } url)
        {
            pieces.Add($"[workflow run]({url})");
        }

        return pieces.Count == 0 ? string.Empty : $"\n<sub>AccessSync plan {string.Join(" · ", pieces)}</sub>\n";
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
