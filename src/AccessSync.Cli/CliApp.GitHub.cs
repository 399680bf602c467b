using System.CommandLine;
using AccessSync.Cli.Commands;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Hosting;

namespace AccessSync.Cli;

/// <summary>The command line of github-comment.</summary>
public static partial class CliApp
{
    private static Command GitHubCommentCommandLine(Invocation invocation)
    {
        var plan = new Option<GivenPath?>("--plan")
        {
            Description = "The saved plan to post (from `accesssync plan --out FILE`).",
            HelpName = "FILE",
            CustomParser = invocation.Path,
        };
        var repository = new Option<string?>("--repo") { HelpName = "OWNER/NAME", Description = "The repository, OWNER/NAME (default: GITHUB_REPOSITORY)." };
        var pullRequest = new Option<int?>("--pr") { HelpName = "N", Description = "The pull request number (default: the pull request of the event in GITHUB_EVENT_PATH)." };
        var marker = new Option<string?>("--marker")
        {
            HelpName = "TEXT",
            Description = "The hidden first line that marks the plan's comments (default <!-- accesssync-plan -->); give each plan of one pull request its own, e.g. \"accesssync-plan prod\".",
        };
        var apiUrl = ConnectionOptions.UrlOption("--api-url", "The GitHub REST API URL (default: GITHUB_API_URL, else https://api.github.com). The token comes from GITHUB_TOKEN.");
        apiUrl.HelpName = "URL";
        var stepSummary = new Option<bool>("--step-summary") { Description = "Also append the plan to the job's step summary (the file GITHUB_STEP_SUMMARY names), cut to GitHub's 1 MiB." };
        var failed = new Option<bool>("--failed")
        {
            Description = "No plan could be made (validate or plan failed): replace the plan comment with a note that points at the workflow run, so no one reviews an earlier commit's plan.",
        };
        var noComment = new Option<bool>("--no-comment") { Description = "Post no comment: only write the step summary (for runs without a pull request, such as a drift check)." };

        var command = new Command(
            "github-comment",
            $"""
            Post a saved plan (--plan FILE) on a GitHub pull request as a comment (in parts of under 65,536 characters when it is large), editing the comment posted by an earlier run instead of adding another, and deleting parts no longer needed. Comments without the marker are never touched.

            Exit codes:
              0   done
              1   the GitHub API refused or could not be reached, GITHUB_TOKEN is not set, or the plan file is not a plan
              64  usage error (no pull request or repository known, a malformed --repo or --marker)
            """)
        {
            plan, repository, pullRequest, marker, apiUrl, stepSummary, noComment, failed,
        };
        command.SetAction((parsed, _) => Run(parsed, invocation, (_, log) =>
            new GitHubCommentCommand(invocation.Console, invocation.Surroundings, log).ExecuteAsync(
                new GitHubCommentSettings(
                    parsed.GetValue(plan),
                    parsed.GetValue(repository),
                    parsed.GetValue(pullRequest),
                    parsed.GetValue(marker),
                    parsed.GetValue(apiUrl),
                    parsed.GetValue(stepSummary),
                    !parsed.GetValue(noComment),
                    parsed.GetValue(failed)),
                invocation.Interruption.Stop)));
        return command;
    }
}
