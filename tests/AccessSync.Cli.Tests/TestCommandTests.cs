using System.Xml.Linq;
using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>accesssync test: the examples' tests pass; a failing case fails the run at its line, in every report format.</summary>
public class TestCommandTests
{
    private const string App = """
        app: {name: Grafana}
        policies:
          - {name: Block contractors, decision: deny, include: [{group: Contractors}]}
          - {name: Engineering, decision: allow, include: [{email_domain: example.com}], require: [{login_method: Okta}]}
        """;

    private const string Cases = """
        app: Grafana
        cases:
          - name: engineers with Okta
            who: {email: ada@example.com, login_method: Okta}
            expect: allow
          - name: contractors are let in
            who: {email: eve@example.com, groups: [Contractors], login_method: Okta}
            expect: allow
        """;

    private static TempFolder FailingTree()
    {
        var folder = new TempFolder();
        folder.Write("apps/grafana.yaml", App);
        folder.Write("tests/grafana.yaml", Cases);
        return folder;
    }

    [Test]
    public async Task The_examples_tests_all_pass()
    {
        var result = await InProcessAccessSync.RunAsync(RepositoryPaths.Root, "test", "examples");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        Approvals.Verify(result.StdOut, "test-examples");
    }

    [Test]
    public async Task A_failing_case_is_an_error_at_its_line_saying_what_decided_and_the_run_exits_1()
    {
        using var tree = FailingTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, "test", ".");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldBe("""
            tests/grafana.yaml:3:11: pass: Grafana: engineers with Okta: allow by `Engineering`
            tests/grafana.yaml:6:11: error: Grafana: contractors are let in: expected allow, got deny by `Block contractors` [access-test-failed]
            1 passed, 1 failed.

            """);
    }

    [Test]
    public async Task The_github_format_annotates_the_failing_case()
    {
        using var tree = FailingTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, "test", ".", "--format", "github");

        result.StdOut.ShouldContain("::error file=tests/grafana.yaml,line=6,col=11,title=access-test-failed::Grafana: contractors are let in: expected allow, got deny by `Block contractors`\n");
    }

    [Test]
    public async Task The_junit_report_goes_to_the_out_file_and_the_text_report_to_stdout()
    {
        using var tree = FailingTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, "test", ".", "--format", "junit", "--out", "report.xml");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldEndWith("1 passed, 1 failed.\n");
        var suites = XDocument.Load(Path.Combine(tree.Path, "report.xml")).Root!;
        (suites.Attribute("tests")!.Value, suites.Attribute("failures")!.Value).ShouldBe(("2", "1"));
        suites.Descendants("failure").Single().Attribute("message")!.Value.ShouldBe("expected allow, got deny by `Block contractors`");
    }

    [Test]
    public async Task In_github_actions_the_junit_run_still_annotates_the_failing_case_on_the_console()
    {
        using var tree = FailingTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" }, "test", ".", "--format", "junit", "--out", "report.xml");

        result.StdOut.ShouldContain("::error file=tests/grafana.yaml,line=6,col=11,title=access-test-failed::");
        File.Exists(Path.Combine(tree.Path, "report.xml")).ShouldBeTrue();
    }

    [Test]
    public async Task A_folder_without_tests_is_an_error_not_a_pass()
    {
        using var tree = new TempFolder();
        tree.Write("apps/grafana.yaml", App);

        var result = await InProcessAccessSync.RunAsync(tree.Path, "test", ".");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldBeEmpty();
        result.StdErr.ShouldStartWith("error: no access test found under ");
        result.StdErr.ShouldContain("a test file is a *.yaml file under tests/ at the root, or one that says `kind: access-test`");
    }

    [Test]
    public async Task An_invalid_test_file_is_reported_like_validate_and_nothing_runs()
    {
        using var tree = FailingTree();
        tree.Write("tests/grafana.yaml", "app: Grafana\ncases:\n  - {name: x, who: {country: usa}, expect: allow}\n");

        var result = await InProcessAccessSync.RunAsync(tree.Path, "test", ".");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdOut.ShouldBeEmpty();
        result.StdErr.ShouldStartWith("tests/grafana.yaml:3:30: error: `country` must be a two-letter ISO 3166-1 country code in capitals, such as US (got `usa`) [invalid-value]\n");
    }

    [Test]
    public async Task The_real_program_runs_the_tests_and_exits_with_their_verdict()
    {
        using var tree = FailingTree();

        var result = await AccessSyncProcess.RunAsync(tree.Path, "test");

        result.ExitCode.ShouldBe(ExitCodes.Error, result.StdErr);
        result.StdOut.ShouldEndWith("1 passed, 1 failed.\n");
    }
}
