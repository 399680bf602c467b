using AccessSync.Cli.GitHub;
using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// The GitHub client's retries, against the fake GitHub over HTTP, on a clock only the test moves: every wait between
/// attempts is checked, none is slept.
/// </summary>
public class GitHubClientTests
{
    private const string Token = "ghs_AnotherT0k3nThatStaysInTheHeader";
    private const int PullRequest = 17;
    private static readonly RepositoryName Repository = new("acme", "access-policies");
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_server_error_is_retried_after_about_2_s_and_then_4_s()
    {
        await using var github = await FakeGitHub.StartAsync(Token);
        github.FailNext("GET", 2, 502, retryAfter: null);
        var clock = new SteppedClock();
        using var client = new GitHubClient(github.ApiUrl, Token, time: clock);

        var listing = client.ListCommentsAsync(Repository, PullRequest, CancellationToken.None);
        var first = await clock.NextTimerAsync(IsRetryDelay);
        github.Calls.Count.ShouldBe(1, "nothing is sent again before the wait is over");
        clock.Advance(first);
        var second = await clock.AdvanceToNextTimerAsync(IsRetryDelay);

        (await listing).ShouldBeEmpty();
        github.Calls.Count.ShouldBe(3);
        first.ShouldBeInRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2));
        second.ShouldBeInRange(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
    }

    [Test]
    public async Task An_edit_refused_with_retry_after_is_sent_again_once_it_has_passed()
    {
        await using var github = await FakeGitHub.StartAsync(Token);
        var comment = github.Add(Repository.ToString(), PullRequest, FakeGitHub.BotLogin, "before");
        github.FailNext("PATCH", 1, 429, retryAfter: "7");
        var clock = new SteppedClock();
        using var client = new GitHubClient(github.ApiUrl, Token, time: clock);

        var editing = client.EditCommentAsync(Repository, comment.Id, "after", CancellationToken.None);
        var wait = await clock.AdvanceToNextTimerAsync(IsRetryDelay);

        (await editing).Body.ShouldBe("after");
        wait.ShouldBe(TimeSpan.FromSeconds(7));
        github.Calls.Select(c => c.Method).ShouldBe(["PATCH", "PATCH"]);
    }

    [Test]
    public async Task After_the_last_attempt_the_error_is_the_server_s_answer()
    {
        await using var github = await FakeGitHub.StartAsync(Token);
        github.FailNext("GET", 3, 502);
        var clock = new SteppedClock();
        using var client = new GitHubClient(github.ApiUrl, Token, time: clock);

        var ex = await Should.ThrowAsync<GitHubApiException>(client.ListCommentsAsync(Repository, PullRequest, CancellationToken.None));

        ex.Message.ShouldBe($"GitHub API: GET /api/v3/repos/{Repository}/issues/{PullRequest}/comments?per_page=100 failed: 502 Bad Gateway: Server Error");
        ex.StatusCode.ShouldBe(502);
        github.Calls.Count.ShouldBe(3);
    }

    [Test]
    public async Task A_create_is_never_sent_twice_even_when_asked_to_retry()
    {
        await using var github = await FakeGitHub.StartAsync(Token);
        github.FailNext("POST", 1, 429);
        var clock = new SteppedClock();
        using var client = new GitHubClient(github.ApiUrl, Token, time: clock);

        var ex = await Should.ThrowAsync<GitHubApiException>(client.CreateCommentAsync(Repository, PullRequest, "plan", CancellationToken.None));

        ex.StatusCode.ShouldBe(429);
        github.Calls.Count.ShouldBe(1);
    }

    [Test]
    public async Task What_GitHub_says_in_an_error_is_escaped_and_shortened()
    {
        await using var github = await FakeGitHub.StartAsync(Token);
        github.FailNext("GET", 1, 422, message: "\u001b[2J\u001b]0;owned\u0007\u202eevil " + new string('x', 5000));
        using var client = new GitHubClient(github.ApiUrl, Token, time: new SteppedClock());

        var error = await Should.ThrowAsync<GitHubApiException>(() => client.ListCommentsAsync(Repository, PullRequest, CancellationToken.None));

        error.Message.ShouldContain(@": \x1b[2J\x1b]0;owned\x07\u202eevil xxx");
        error.Message.ShouldAllBe(c => c >= ' ' && c != '\u007f' && (c < '\u0080' || c > '\u009f') && c != '\u202e');
        error.Message.Length.ShouldBeLessThan(500);
    }

    private static bool IsRetryDelay(TimeSpan due) => due != AttemptTimeout;
}
