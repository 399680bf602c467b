using System.Text.Json.Nodes;
using AccessSync.Cli.Tests.Support;
using AccessSync.Core.Rendering;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>github-comment as a real process against a GitHub REST API over HTTP, with the environment GitHub Actions sets.</summary>
public class GitHubCommentTests
{
    private const string Token = "ghs_T0k3nV4lu3ThatMustNeverBeSeen42";
    private const string Repository = "acme/access-policies";
    private const int PullRequest = 17;
    private const string Marker = MarkdownPlanOptions.DefaultMarker;
    private const string HeadCommit = "3f2c9d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";
    private const string Footer = $"\n<sub>AccessSync plan for commit `3f2c9d1` · [workflow run](https://github.example/{Repository}/actions/runs/4242)</sub>\n";

    private sealed class Workspace : IAsyncDisposable
    {
        private readonly TempFolder folder = new();

        private Workspace(FakeGitHub github)
        {
            GitHub = github;
            File.WriteAllText(EventPath, new JsonObject
            {
                ["action"] = "synchronize",
                ["number"] = PullRequest,
                ["pull_request"] = new JsonObject { ["number"] = PullRequest, ["head"] = new JsonObject { ["sha"] = HeadCommit } },
            }.ToJsonString());
        }

        public FakeGitHub GitHub { get; }

        public string Path => folder.Path;

        public string EventPath => System.IO.Path.Combine(Path, "event.json");

        public string SummaryPath => System.IO.Path.Combine(Path, "step-summary.md");

        public IReadOnlyList<FakeComment> Comments => GitHub.CommentsOn(Repository, PullRequest);

        public IReadOnlyList<FakeComment> PlanComments => [.. Comments.Where(c => c.Body.StartsWith(Marker + "\n", StringComparison.Ordinal))];

        public static async Task<Workspace> StartAsync() => new(await FakeGitHub.StartAsync(Token));

        public string SavePlan(int applications, int policiesEach = 2, string sessionDuration = "8h") =>
            SavedPlans.Write(Path, SavedPlans.Creating(applications, policiesEach, sessionDuration));

        /// <summary>The variables a pull_request workflow run has.</summary>
        public Dictionary<string, string?> Environment(string? token = Token) => new()
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_TOKEN"] = token,
            ["GITHUB_REPOSITORY"] = Repository,
            ["GITHUB_EVENT_PATH"] = EventPath,
            ["GITHUB_API_URL"] = GitHub.ApiUrl.ToString(),
            ["GITHUB_STEP_SUMMARY"] = SummaryPath,
            ["GITHUB_SHA"] = "0000000000000000000000000000000000000000", // a pull request's merge commit, not the one to name
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_SERVER_URL"] = "https://github.example",
        };

        public Task<ProcessResult> RunAsync(params string[] args) => InProcessAccessSync.RunAsync(Path, Environment(), ["github-comment", .. args]);

        public async ValueTask DisposeAsync()
        {
            await GitHub.DisposeAsync();
            folder.Dispose();
        }
    }

    [Test]
    public async Task The_first_run_creates_one_comment_holding_the_plan()
    {
        await using var workspace = await Workspace.StartAsync();

        var result = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 3));

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        var comment = workspace.Comments.ShouldHaveSingleItem();
        comment.Author.ShouldBe(FakeGitHub.BotLogin);
        comment.Body.ShouldStartWith(Marker + "\n### AccessSync plan\n");
        comment.Body.ShouldContain("App 0003");
        comment.Body.ShouldEndWith("Plan: 6 to create, 0 to update, 0 to delete, 0 to reorder.\n" + Footer);
        result.StdOut.ShouldContain($"created    part 1 of 1  https://github.example/{Repository}/pull/{PullRequest}#issuecomment-{comment.Id}");
        result.StdOut.ShouldContain($"Plan comment on {Repository}#{PullRequest}: 1 created, 0 updated, 0 unchanged, 0 deleted.");
    }

    [Test]
    public async Task A_later_run_with_a_changed_plan_edits_the_comment_instead_of_adding_one()
    {
        await using var workspace = await Workspace.StartAsync();
        await workspace.RunAsync("--plan", workspace.SavePlan(applications: 3, sessionDuration: "8h"));
        var first = workspace.Comments.ShouldHaveSingleItem();
        workspace.GitHub.ForgetCalls();

        var result = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 4, sessionDuration: "12h"));

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        var edited = workspace.Comments.ShouldHaveSingleItem();
        edited.Id.ShouldBe(first.Id);
        edited.Body.ShouldContain("App 0004");
        edited.Body.ShouldContain("12h");
        workspace.GitHub.Calls.Select(c => c.Method).ShouldBe(["GET", "PATCH"]);
    }

    [Test]
    public async Task An_unchanged_plan_leaves_the_comment_as_it_is()
    {
        await using var workspace = await Workspace.StartAsync();
        var plan = workspace.SavePlan(applications: 2);
        await workspace.RunAsync("--plan", plan);
        workspace.GitHub.ForgetCalls();

        var result = await workspace.RunAsync("--plan", plan);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        workspace.GitHub.Calls.Select(c => c.Method).ShouldBe(["GET"]);
        result.StdOut.ShouldContain("unchanged  part 1 of 1");
    }

    [Test]
    public async Task A_large_plan_takes_several_comments_under_the_limit_and_a_smaller_one_deletes_the_surplus()
    {
        await using var workspace = await Workspace.StartAsync();

        var large = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 400, policiesEach: 3));

        large.ExitCode.ShouldBe(ExitCodes.Success, large.StdErr);
        var parts = workspace.PlanComments;
        parts.Count.ShouldBeGreaterThanOrEqualTo(3);
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].Body.Length.ShouldBeLessThan(FakeGitHub.MaxBodyChars);
            parts[i].Body.ShouldEndWith(Footer);
            parts[i].Body.ShouldStartWith($"{Marker}\n### AccessSync plan (part {i + 1} of {parts.Count}): ");
        }

        var firstIds = parts.Select(p => p.Id).ToList();

        var smaller = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 150, policiesEach: 3));

        smaller.ExitCode.ShouldBe(ExitCodes.Success, smaller.StdErr);
        var now = workspace.PlanComments;
        now.Count.ShouldBeInRange(2, parts.Count - 1);
        now.Select(c => c.Id).ShouldBe(firstIds.Take(now.Count), "the earlier comments are edited in place, in order");
        now[^1].Body.ShouldEndWith("Plan: 450 to create, 0 to update, 0 to delete, 0 to reorder.\n" + Footer);
        smaller.StdOut.ShouldContain($"{parts.Count - now.Count} deleted.");
    }

    [Test]
    public async Task Other_peoples_comments_are_never_touched()
    {
        await using var workspace = await Workspace.StartAsync();
        var others = new[]
        {
            workspace.GitHub.Add(Repository, PullRequest, "alice", "LGTM, but see the plan below"),
            workspace.GitHub.Add(Repository, PullRequest, "bob", $"> {Marker}\n> quoting the plan: why does App 0001 change?"),
            workspace.GitHub.Add(Repository, PullRequest, FakeGitHub.BotLogin, "<!-- accesssync-plan staging -->\n### another tree's plan"),
            workspace.GitHub.Add(Repository, PullRequest, "carol", $"{Marker} is how the plan comment is found, right?"),
            workspace.GitHub.Add(Repository, PullRequest + 1, FakeGitHub.BotLogin, $"{Marker}\n### AccessSync plan\n\nanother pull request's plan\n"),
        };

        // Twice, and the second time smaller, so that creating, editing and deleting all had their chance.
        await workspace.RunAsync("--plan", workspace.SavePlan(applications: 300, policiesEach: 3));
        var result = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 1));

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        foreach (var other in others)
        {
            workspace.GitHub.CommentsOn(other.Repository, other.Issue).ShouldContain(other);
        }

        workspace.PlanComments.ShouldHaveSingleItem();
    }

    [Test]
    public async Task Earlier_parts_are_found_past_the_first_page_of_comments()
    {
        await using var workspace = await Workspace.StartAsync();
        for (var i = 0; i < 130; i++)
        {
            workspace.GitHub.Add(Repository, PullRequest, "alice", $"review comment {i}");
        }

        await workspace.RunAsync("--plan", workspace.SavePlan(applications: 2));
        var posted = workspace.PlanComments.ShouldHaveSingleItem();
        for (var i = 0; i < 120; i++)
        {
            workspace.GitHub.Add(Repository, PullRequest, "alice", $"later comment {i}");
        }

        workspace.GitHub.ForgetCalls();

        var result = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 5));

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        workspace.PlanComments.ShouldHaveSingleItem().Id.ShouldBe(posted.Id);
        workspace.GitHub.Calls.Where(c => c.Method == "GET").Select(c => c.PathAndQuery).ShouldBe(
        [
            $"/api/v3/repos/{Repository}/issues/{PullRequest}/comments?per_page=100",
            $"/api/v3/repos/{Repository}/issues/{PullRequest}/comments?per_page=100&page=2",
            $"/api/v3/repos/{Repository}/issues/{PullRequest}/comments?per_page=100&page=3",
        ]);
    }

    [Test]
    public async Task The_token_never_appears_in_any_output()
    {
        await using var workspace = await Workspace.StartAsync();
        var plan = workspace.SavePlan(applications: 2);

        var posted = await workspace.RunAsync("--plan", plan, "--step-summary", "--log-level", "verbose");
        var refused = await InProcessAccessSync.RunAsync(workspace.Path, workspace.Environment(token: Token + "-revoked"), "github-comment", "--plan", plan, "--log-level", "verbose");

        posted.ExitCode.ShouldBe(ExitCodes.Success, posted.StdErr);
        refused.ExitCode.ShouldBe(ExitCodes.Error);
        refused.StdErr.Trim().Split('\n').ShouldHaveSingleItem().ShouldBe(
            $"error: GitHub API: GET /api/v3/repos/{Repository}/issues/{PullRequest}/comments?per_page=100 failed: 401 Unauthorized: Bad credentials (check GITHUB_TOKEN)");
        foreach (var output in new[] { posted.StdOut, posted.StdErr, refused.StdOut, refused.StdErr, File.ReadAllText(workspace.SummaryPath), workspace.Comments[0].Body })
        {
            output.ShouldNotContain(Token[4..20]);
        }
    }

    [Test]
    public async Task The_step_summary_holds_the_whole_plan_after_what_was_there()
    {
        await using var workspace = await Workspace.StartAsync();
        File.WriteAllText(workspace.SummaryPath, "## Validation\n\nAll files are valid.\n");

        var result = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 3), "--step-summary", "--no-comment");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        var summary = File.ReadAllText(workspace.SummaryPath);
        summary.ShouldStartWith("## Validation\n\nAll files are valid.\n\n" + Marker + "\n### AccessSync plan\n");
        summary.ShouldEndWith("Plan: 6 to create, 0 to update, 0 to delete, 0 to reorder.\n");
        summary.ShouldNotContain("truncated");
        workspace.GitHub.Calls.ShouldBeEmpty();
    }

    [Test]
    public async Task A_step_summary_too_large_for_GitHub_is_cut_under_1_MiB_and_says_so()
    {
        await using var workspace = await Workspace.StartAsync();
        File.WriteAllText(workspace.SummaryPath, new string('x', 10_000) + "\n");
        var plan = workspace.SavePlan(applications: 1_200, policiesEach: 3);

        var result = await workspace.RunAsync("--plan", plan, "--step-summary", "--no-comment");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        new FileInfo(workspace.SummaryPath).Length.ShouldBeLessThan(1024 * 1024);
        var summary = File.ReadAllText(workspace.SummaryPath);
        summary.ShouldStartWith(new string('x', 10_000) + "\n\n" + Marker + "\n### AccessSync plan (part 1 of ");
        summary.ShouldContain("**This plan is truncated**: it is larger than the 1 MiB GitHub allows a step summary");
        summary.ShouldEndWith("> Plan: 3600 to create, 0 to update, 0 to delete, 0 to reorder.\n");
        result.StdErr.ShouldContain("warning: the plan is larger than the 1 MiB GitHub allows a step summary");
    }

    [Test]
    public async Task Options_name_the_pull_request_and_a_marker_of_its_own_outside_a_pull_request_event()
    {
        await using var workspace = await Workspace.StartAsync();
        var environment = workspace.Environment();
        environment["GITHUB_EVENT_PATH"] = null;
        environment["GITHUB_REPOSITORY"] = null;
        var plan = workspace.SavePlan(applications: 1);

        var production = await InProcessAccessSync.RunAsync(workspace.Path, environment, "github-comment", "--plan", plan, "--repo", Repository, "--pr", $"{PullRequest}", "--marker", "accesssync-plan production");
        var staging = await InProcessAccessSync.RunAsync(workspace.Path, environment, "github-comment", "--plan", plan, "--repo", Repository, "--pr", $"{PullRequest}", "--marker", "<!-- accesssync-plan staging -->");
        var again = await InProcessAccessSync.RunAsync(workspace.Path, environment, "github-comment", "--plan", plan, "--repo", Repository, "--pr", $"{PullRequest}", "--marker", "accesssync-plan production");

        new[] { production, staging, again }.ShouldAllBe(r => r.ExitCode == ExitCodes.Success);
        workspace.Comments.Select(c => c.Body.Split('\n')[0]).ShouldBe(["<!-- accesssync-plan production -->", "<!-- accesssync-plan staging -->"]);
        again.StdOut.ShouldContain("unchanged  part 1 of 1");
    }

    [Test]
    public async Task Without_a_pull_request_or_with_a_bad_repository_it_is_a_usage_error()
    {
        await using var workspace = await Workspace.StartAsync();
        var plan = workspace.SavePlan(applications: 1);
        var environment = workspace.Environment();
        environment["GITHUB_EVENT_PATH"] = null;

        var noPullRequest = await InProcessAccessSync.RunAsync(workspace.Path, environment, "github-comment", "--plan", plan);
        var badRepository = await workspace.RunAsync("--plan", plan, "--repo", "../../user");
        var badMarker = await workspace.RunAsync("--plan", plan, "--marker", "x --> y");

        noPullRequest.ExitCode.ShouldBe(ExitCodes.Usage);
        noPullRequest.StdErr.ShouldStartWith("error: no pull request: give --pr N");
        badRepository.ExitCode.ShouldBe(ExitCodes.Usage);
        badRepository.StdErr.ShouldBe("error: the repository must be OWNER/NAME, not \"../../user\"\n");
        badMarker.ExitCode.ShouldBe(ExitCodes.Usage);
        workspace.GitHub.Calls.ShouldBeEmpty();
    }

    [Test]
    public async Task A_missing_token_is_one_line_saying_how_to_pass_it()
    {
        await using var workspace = await Workspace.StartAsync();
        var environment = workspace.Environment();
        environment["GITHUB_TOKEN"] = null;

        var result = await InProcessAccessSync.RunAsync(workspace.Path, environment, "github-comment", "--plan", workspace.SavePlan(applications: 1));

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldStartWith("error: GITHUB_TOKEN is not set;");
        result.StdErr.ShouldContain("pull-requests: write");
    }

    [Test]
    public async Task A_transient_failure_is_retried_but_a_create_is_never_sent_twice()
    {
        await using var workspace = await Workspace.StartAsync();
        workspace.GitHub.FailNext("GET", 2, 502);

        var retried = await workspace.RunAsync("--plan", workspace.SavePlan(applications: 1));

        retried.ExitCode.ShouldBe(ExitCodes.Success, retried.StdErr);
        workspace.PlanComments.ShouldHaveSingleItem();
        workspace.GitHub.Calls.Count(c => c.Method == "GET").ShouldBe(3);

        await using var other = await Workspace.StartAsync();
        other.GitHub.FailNext("POST", 1, 503);

        var failed = await other.RunAsync("--plan", other.SavePlan(applications: 1));

        failed.ExitCode.ShouldBe(ExitCodes.Error);
        failed.StdErr.ShouldBe($"error: GitHub API: POST /api/v3/repos/{Repository}/issues/{PullRequest}/comments failed: 503 Service Unavailable: Server Error\n");
        other.GitHub.Calls.Count(c => c.Method == "POST").ShouldBe(1);
    }

    [Test]
    public async Task When_no_plan_could_be_made_the_comment_says_so_instead_of_showing_an_earlier_plan()
    {
        await using var workspace = await Workspace.StartAsync();
        await workspace.RunAsync("--plan", workspace.SavePlan(applications: 300, policiesEach: 3));
        var first = workspace.PlanComments[0];

        var result = await workspace.RunAsync("--failed");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        var note = workspace.PlanComments.ShouldHaveSingleItem();
        note.Id.ShouldBe(first.Id);
        note.Body.ShouldStartWith($"{Marker}\n### AccessSync plan\n\n> [!CAUTION]\n> **No plan**: validating or planning commit `3f2c9d1` failed");
        note.Body.ShouldContain($"[the workflow run](https://github.example/{Repository}/actions/runs/4242)");
        note.Body.ShouldNotContain("App 0001");
    }

    [Test]
    public async Task A_token_that_may_not_write_is_one_line_naming_the_permission_it_needs()
    {
        await using var workspace = await Workspace.StartAsync();

        var result = await InProcessAccessSync.RunAsync(
            workspace.Path, workspace.Environment(token: workspace.GitHub.ReadOnlyToken), "github-comment", "--plan", workspace.SavePlan(applications: 1));

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldBe(
            $"error: GitHub API: POST /api/v3/repos/{Repository}/issues/{PullRequest}/comments failed: 403 Forbidden: Resource not accessible by integration (the job's token needs `permissions: pull-requests: write`)\n");
        workspace.Comments.ShouldBeEmpty();
    }

    [Test]
    public async Task The_pull_request_job_posts_what_plan_saved_for_the_examples()
    {
        await using var workspace = await Workspace.StartAsync();
        using var tree = new ExampleTree();
        var planFile = Path.Combine(tree.Path, "plan.json");
        var environment = workspace.Environment();

        // Real processes, end to end: the rest of this class runs the same commands in-process.
        var plan = await AccessSyncProcess.RunAsync(tree.Path, environment, "plan", "--sandbox", "--out", planFile, "--format", "markdown");
        var comment = await AccessSyncProcess.RunAsync(tree.Path, environment, "github-comment", "--plan", planFile, "--step-summary");

        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdErr);
        comment.ExitCode.ShouldBe(ExitCodes.Success, comment.StdErr);
        var body = workspace.Comments.ShouldHaveSingleItem().Body;
        body.ShouldBe(plan.StdOut + Footer, "the comment is the Markdown plan, and the line naming commit and run");
        File.ReadAllText(workspace.SummaryPath).ShouldBe(plan.StdOut);
    }
}
