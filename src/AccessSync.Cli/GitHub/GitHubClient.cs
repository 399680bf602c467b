using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AccessSync.Cloudflare;
using AccessSync.Cloudflare.Resilience;
using AccessSync.Core.Text;
using Flurl.Http;
using Serilog;
using Serilog.Core;

namespace AccessSync.Cli.GitHub;

/// <summary>
/// The few GitHub REST calls the pull-request comment needs: list an issue's comments (every page), create, edit and
/// delete one. The token goes only into the Authorization header, and only to the API's own host.
/// </summary>
public sealed partial class GitHubClient : IDisposable
{
    /// <summary>The most comments GitHub returns on one page.</summary>
    public const int PageSize = 100;

    /// <summary>GitHub refuses a comment body longer than this many characters.</summary>
    public const int MaxCommentChars = 65_536;

    /// <summary>A guard against a server whose "next" link never ends.</summary>
    private const int MaxPages = 1_000;

    private static readonly string UserAgent =
        "AccessSync/" + (typeof(GitHubClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private readonly FlurlClient flurl;
    private readonly Uri apiUrl;
    private readonly string token;

    /// <param name="apiUrl">The REST API's base URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server.</param>
    /// <param name="logger">Told of each retry; never of the token.</param>
    /// <param name="time">The clock for the waits between attempts and for attempt timeouts.</param>
    public GitHubClient(Uri apiUrl, string token, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        this.apiUrl = new Uri(apiUrl.ToString().TrimEnd('/') + "/");
        this.token = token;
        var resilience = new ResilientHttpHandler(RetryRules(time ?? TimeProvider.System), logger ?? Logger.None, this.apiUrl) { InnerHandler = new SocketsHttpHandler() };
        flurl = new FlurlClient(new HttpClient(resilience, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });
        flurl.Settings.Timeout = null; // each attempt is bounded by the retry rules' attempt timeout
        flurl.Settings.AllowedHttpStatusRange = "*"; // every failure becomes a GitHubApiException below
        flurl.Headers.AddOrReplace("User-Agent", UserAgent); // GitHub refuses requests without one
        flurl.Headers.AddOrReplace("Accept", "application/vnd.github+json");
        flurl.Headers.AddOrReplace("X-GitHub-Api-Version", "2022-11-28");
        flurl.Headers.AddOrReplace("Authorization", "Bearer " + token);
    }

    /// <summary>Every comment of an issue or pull request, oldest first, following the pages' <c>Link: rel="next"</c>.</summary>
    public async Task<IReadOnlyList<IssueComment>> ListCommentsAsync(RepositoryName repository, int issue, CancellationToken cancellationToken)
    {
        var comments = new List<IssueComment>();
        var url = Url($"repos/{repository}/issues/{issue}/comments?per_page={PageSize}");
        for (var page = 1; url is not null; page++)
        {
            if (page > MaxPages)
            {
                throw new GitHubApiException($"GitHub API: GET {Path(url)}: more than {MaxPages} pages of comments; giving up");
            }

            using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken);
            var items = await ReadJsonAsync(response, url, cancellationToken) as JsonArray
                ?? throw new GitHubApiException($"GitHub API: GET {Path(url)}: the answer is not a list of comments");
            comments.AddRange(items.OfType<JsonObject>().Select(ToComment));
            url = NextPage(response, url);
        }

        return comments;
    }

    public async Task<IssueComment> CreateCommentAsync(RepositoryName repository, int issue, string body, CancellationToken cancellationToken)
    {
        var url = Url($"repos/{repository}/issues/{issue}/comments");
        using var response = await SendAsync(HttpMethod.Post, url, body, cancellationToken);
        return ToComment(await ReadObjectAsync(response, url, cancellationToken));
    }

    public async Task<IssueComment> EditCommentAsync(RepositoryName repository, long commentId, string body, CancellationToken cancellationToken)
    {
        var url = Url($"repos/{repository}/issues/comments/{commentId}");
        using var response = await SendAsync(HttpMethod.Patch, url, body, cancellationToken);
        return ToComment(await ReadObjectAsync(response, url, cancellationToken));
    }

    public async Task DeleteCommentAsync(RepositoryName repository, long commentId, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Delete, Url($"repos/{repository}/issues/comments/{commentId}"), null, cancellationToken);
    }

    public void Dispose() => flurl.Dispose();

    /// <summary>
    /// GitHub's share of the retry rules: a 429, a 5xx or no answer is worth up to two more attempts, after
    /// Retry-After or else about 2 s and then 4 s; a Retry-After that would take the waits past 2 minutes ends them,
    /// since a job should fail rather than hang. A POST is never sent twice: were its first attempt to have created
    /// the comment after all, the next run would find it and edit it in place. A PATCH sets the whole body, and a
    /// DELETE of a comment already gone counts as done, so both may be repeated.
    /// </summary>
    private static HttpRetryRules RetryRules(TimeProvider time) => new()
    {
        Retry = new RetryOptions
        {
            MaxAttempts = 3,
            MaxTotalWait = TimeSpan.FromMinutes(2),
            BaseDelay = TimeSpan.FromSeconds(2),
            MaxDelay = TimeSpan.FromSeconds(4),
        },
        AttemptTimeout = TimeSpan.FromSeconds(30),
        RetriesAnswer = (method, status) => method != HttpMethod.Post && status is 429 or >= 500,
        RepeatsWithoutAnswer = method => method != HttpMethod.Post,
        TimeProvider = time,
    };

    private Uri Url(string relative) => new(apiUrl, relative);

    /// <summary>A URL for messages: the path and query only, so a message never carries more than it needs.</summary>
    private static string Path(Uri url) => url.PathAndQuery;

    /// <summary>
    /// Sends a request; the handler under the FlurlClient retries it as <see cref="RetryRules"/> say. What comes back is
    /// a success, or a failure as a <see cref="GitHubApiException"/>.
    /// </summary>
    private async Task<IFlurlResponse> SendAsync(HttpMethod method, Uri url, string? body, CancellationToken cancellationToken)
    {
        using var content = body is null
            ? null
            : new StringContent(new JsonObject { ["body"] = body }.ToJsonString(), Encoding.UTF8, "application/json");
        IFlurlResponse response;
        try
        {
            response = await flurl.Request(url.AbsoluteUri).SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (FlurlHttpException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GitHubApiException($"GitHub API: {method} {Path(url)}: no answer from {apiUrl.Authority}: {ServerSaid((e.InnerException ?? e).Message)}", innerException: e);
        }

        // A comment to delete that is gone already (an earlier attempt's answer was lost, or someone deleted it) is what was wanted.
        if (response.StatusCode is >= 200 and < 300 || (method == HttpMethod.Delete && response.StatusCode == 404))
        {
            return response;
        }

        using (response)
        {
            throw new GitHubApiException(await FailureMessageAsync(method, url, response), response.StatusCode);
        }
    }

    private async Task<string> FailureMessageAsync(HttpMethod method, Uri url, IFlurlResponse response)
    {
        var reason = response.ResponseMessage.ReasonPhrase;
        string? detail = null;
        try
        {
            var json = JsonNode.Parse(await response.GetStringAsync());
            detail = json?["message"]?.GetValue<string>();
            if (json?["errors"] is JsonArray errors)
            {
                var messages = errors.OfType<JsonObject>().Select(e => e["message"]?.GetValue<string>()).OfType<string>().ToList();
                if (messages.Count > 0)
                {
                    detail += ": " + string.Join("; ", messages);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or HttpRequestException)
        {
            // Not GitHub's JSON (a proxy's page, say): the status line says enough.
        }

        var hint = response.StatusCode switch
        {
            401 => " (check GITHUB_TOKEN)",
            403 or 404 when method != HttpMethod.Get => " (the job's token needs `permissions: pull-requests: write`)",
            404 => " (is the repository and pull request right, and may the token read it?)",
            _ => string.Empty,
        };
        return $"GitHub API: {method} {Path(url)} failed: {response.StatusCode} {ServerSaid(reason)}{(detail is null ? string.Empty : ": " + ServerSaid(detail))}{hint}";
    }

    /// <summary>
    /// What GitHub (or a proxy on the way) said, fit for a message: without the token (GitHub never echoes one, but a
    /// message is one place a credential must never reach), then one line, escaped and shortened. The token goes first,
    /// so that shortening cannot leave half of it.
    /// </summary>
    private string ServerSaid(string? text) => DisplayText.ForDisplay(text?.Replace(token, "***", StringComparison.Ordinal));

    private async Task<JsonNode?> ReadJsonAsync(IFlurlResponse response, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.ResponseMessage.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException e)
        {
            throw new GitHubApiException($"GitHub API: {Path(url)}: the answer is not JSON: {ServerSaid(e.Message)}", response.StatusCode, e);
        }
    }

    private async Task<JsonObject> ReadObjectAsync(IFlurlResponse response, Uri url, CancellationToken cancellationToken) =>
        await ReadJsonAsync(response, url, cancellationToken) as JsonObject
            ?? throw new GitHubApiException($"GitHub API: {Path(url)}: the answer is not a comment", response.StatusCode);

    private static IssueComment ToComment(JsonObject json) => new(
        json["id"]?.GetValue<long>() ?? throw new GitHubApiException("GitHub API: a comment without an id"),
        json["body"]?.GetValue<string>() ?? string.Empty,
        json["user"]?["login"]?.GetValue<string>(),
        json["html_url"]?.GetValue<string>());

    /// <summary>
    /// The <c>rel="next"</c> link, followed only on the API's own scheme and host so that the token never goes
    /// anywhere else.
    /// </summary>
    private Uri? NextPage(IFlurlResponse response, Uri current)
    {
        if (!response.ResponseMessage.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (Match link in LinkRelation().Matches(string.Join(",", values)))
        {
            if (link.Groups["rel"].Value.Split(' ').Contains("next", StringComparer.Ordinal))
            {
                var next = new Uri(current, link.Groups["url"].Value);
                if (Uri.Compare(next, apiUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    throw new GitHubApiException($"GitHub API: GET {Path(current)}: the next page is on another host ({next.Authority}); not following it");
                }

                return next;
            }
        }

        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;\s*rel="(?<rel>[^"]*)"?""")]
    private static partial Regex LinkRelation();
}
