using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>A folder with no policy file is a mistake (a CI job pointed at the wrong path), never an empty success.</summary>
public class EmptyPolicyTreeTests
{
    private const string Explanation =
        "a policy file is a *.yaml or *.yml file in the folder or below it, not hidden (no name starting with '.') and not matched by `ignore` in accesssync.yaml; accesssync.yaml alone is not one";

    [TestCase("validate")]
    [TestCase("plan")]
    [TestCase("apply")]
    public async Task An_empty_folder_is_an_error_that_says_what_a_policy_file_is(string command)
    {
        using var dir = new TempFolder();
        dir.Write("policies/README.md", "# Policies\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, command, "policies");

        result.ExitCode.ShouldBe(ExitCodes.Error, result.StdOut + result.StdErr);
        result.StdOut.ShouldBeEmpty();
        result.StdErr.ShouldBe($"error: no policy file found under policies: {Explanation}\n");
    }

    [Test]
    public async Task The_root_config_hidden_files_and_ignored_files_are_not_policy_files()
    {
        using var dir = new TempFolder();
        dir.Write("accesssync.yaml", "ignore: [drafts/]\n");
        dir.Write("drafts/wiki.yaml", "app: {name: Wiki}\npolicies: []\n");
        dir.Write(".github/workflows/ci.yml", "on: push\n");
        dir.Write(".hidden.yaml", "app: {name: Hidden}\npolicies: []\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldBe($"error: no policy file found under .: {Explanation}\n");
    }

    [Test]
    public async Task Errors_in_the_root_config_are_reported_rather_than_hidden_behind_the_missing_files()
    {
        using var dir = new TempFolder();
        dir.Write("accesssync.yaml", "prune: maybe\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldContain("accesssync.yaml:1:8: error: `prune` must be true or false");
        result.StdErr.ShouldBeEmpty();
    }

    [Test]
    public async Task One_policy_file_is_enough()
    {
        using var dir = new TempFolder();
        dir.Write("wiki.yml", "app: {name: Wiki}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdOut + result.StdErr);
        result.StdOut.ShouldBe("1 file checked: 0 errors, 0 warnings.\n");
    }
}
