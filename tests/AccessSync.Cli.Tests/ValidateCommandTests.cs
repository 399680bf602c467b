using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary><c>accesssync validate</c>, run as a real process.</summary>
public class ValidateCommandTests
{
    private static string Root => RepositoryPaths.Root;

    [Test]
    public async Task The_examples_are_valid_with_no_warnings()
    {
        var result = await InProcessAccessSync.RunAsync(Root, "validate", "examples");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdOut + result.StdErr);
        result.StdOut.Trim().ShouldMatch(@"^\d+ files checked: 0 errors, 0 warnings\.$");
        result.StdErr.ShouldBeEmpty();
    }

    [Test]
    public async Task The_invalid_examples_each_report_their_error_class()
    {
        var result = await InProcessAccessSync.RunAsync(Root, "validate", "examples/invalid");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldBeEmpty();
        Approvals.Verify(result.StdOut, "validate-invalid-examples");
    }

    [Test]
    public async Task GitHub_format_annotates_each_problem()
    {
        var result = await InProcessAccessSync.RunAsync(Root, "validate", "examples/invalid", "--format", "github");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        Approvals.Verify(result.StdOut, "validate-invalid-examples-github");
    }

    [Test]
    public async Task GitHub_format_is_the_default_inside_GitHub_Actions()
    {
        var result = await InProcessAccessSync.RunAsync(Root, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" }, "validate", "examples/invalid");

        result.StdOut.ShouldStartWith("::");
    }

    [Test]
    public async Task Every_problem_line_has_the_compiler_shape()
    {
        var result = await InProcessAccessSync.RunAsync(Root, "validate", "examples/invalid");

        var lines = result.StdOut.Trim().Split('\n');
        lines[..^1].ShouldAllBe(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^examples/invalid/[\w./-]+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$"));
    }

    [Test]
    public async Task Warnings_alone_do_not_fail_validation()
    {
        using var dir = new TempFolder();
        dir.Write("wiki.yaml", "app: {name: Wiki}\npolicies: []\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate", ".");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.StdOut.ShouldContain("wiki.yaml:2:11: warning: ");
        result.StdOut.ShouldContain("1 file checked: 0 errors, 1 warning.");
    }

    [Test]
    public async Task The_root_config_ignore_list_and_hidden_folders_are_skipped()
    {
        using var dir = new TempFolder();
        dir.Write("accesssync.yaml", "ignore: [drafts/]\n");
        dir.Write("apps/good.yaml", "app: {name: Good}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n");
        dir.Write("drafts/broken.yaml", "not: [valid\n");
        dir.Write(".github/workflows/ci.yml", "on: push\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdOut);
        result.StdOut.Trim().ShouldBe("1 file checked: 0 errors, 0 warnings.");
    }

    [Test]
    public async Task Reusable_policy_files_are_validated_and_counted_with_the_applications()
    {
        using var dir = new TempFolder();
        dir.Write("reusable/developers.yaml", "policy: {name: Allow developers, decision: allow, include: [{geo: US}]}\n");
        dir.Write("teams/auditors.yaml", "kind: reusable-policy\npolicy: {name: Allow auditors, decision: allow, include: [{geo: US}], precedence: 2}\n");
        dir.Write("apps/wiki.yaml", "app: {name: Wiki}\npolicies: [{use: Allow developers}, {use: Allow auditors}]\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldContain("teams/auditors.yaml:2:83: error: a reusable policy has no precedence");
        result.StdOut.ShouldContain("3 files checked: 1 error, 0 warnings.");
    }

    [Test]
    public async Task A_config_file_below_the_root_is_an_error()
    {
        using var dir = new TempFolder();
        dir.Write("team/accesssync.yaml", "prune: false\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldContain("team/accesssync.yaml:1:1: error: only the root accesssync.yaml is read");
    }

    [Test]
    public async Task A_file_over_one_mebibyte_is_refused_by_name()
    {
        using var dir = new TempFolder();
        dir.Write("huge.yaml", "# " + new string('x', 1024 * 1024) + "\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldContain("huge.yaml:1:1: error: file is larger than the limit of 1024 KiB");
    }

    [Test]
    public async Task Errors_in_the_root_config_are_reported_with_the_rest()
    {
        using var dir = new TempFolder();
        dir.Write("accesssync.yaml", "prune: maybe\n");
        dir.Write("a.yaml", "app: {name: A}\npolicies: [{name: P, decision: deny, include: [{geo: usa}]}]\n");

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldContain("accesssync.yaml:1:8: error: `prune` must be true or false");
        result.StdOut.ShouldContain("a.yaml:2:54: error: `geo` must be a two-letter");
    }
}
