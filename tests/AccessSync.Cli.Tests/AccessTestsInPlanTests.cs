using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>plan and apply run the folder's access tests: the plan says whose access it changes, and apply refuses files that fail one.</summary>
public class AccessTestsInPlanTests
{
    private const string Failing = """
        app: Grafana
        cases:
          - name: partners need Okta
            who: {email: lin@partner.example.net, country: GB, auth_methods: [mfa]}
            expect: deny
        """;

    private const string Passing = """
        app: Grafana
        cases:
          - name: partner engineers with MFA
            who: {email: lin@partner.example.net, country: GB, auth_methods: [mfa]}
            expect: allow
        """;

    [Test]
    public async Task The_plan_names_a_case_whose_decision_it_changes_with_the_decision_before_and_after()
    {
        using var tree = new ExampleTree();
        tree.Write("tests/grafana.yaml", Passing);

        var result = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        result.StdOut.ShouldContain("""
            Access tests: 1 passed, 0 failed; the plan changes 1 outcome.
              changes: Grafana: lin@partner.example.net (partner engineers with MFA): deny → allow
            Plan:
            """);
    }

    [Test]
    public async Task Apply_refuses_files_that_fail_an_access_test_and_changes_nothing()
    {
        using var tree = new ExampleTree();
        tree.Write("tests/grafana.yaml", Failing);

        var apply = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve");
        var plan = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode");

        apply.ExitCode.ShouldBe(ExitCodes.RefusedBySafety);
        apply.StdOut.ShouldContain("  fails:   tests/grafana.yaml:3: Grafana: partners need Okta: expected deny, got allow by `Allow partner engineers`\n");
        apply.StdErr.ShouldContain("error: refusing to apply: the files fail an access test: tests/grafana.yaml:3: Grafana: partners need Okta: expected deny, got allow by `Allow partner engineers`\n");
        plan.ExitCode.ShouldBe(ExitCodes.ChangesPresent, "nothing was applied");
    }

    [Test]
    public async Task Apply_of_a_saved_plan_whose_files_fail_a_test_is_refused_too_and_force_overrides_it()
    {
        using var tree = new ExampleTree();
        tree.Write("tests/grafana.yaml", Failing);

        (await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--out", "plan.json")).ExitCode.ShouldBe(ExitCodes.Success);
        var refused = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--plan", "plan.json", "--auto-approve");
        var forced = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--plan", "plan.json", "--auto-approve", "--force");

        refused.ExitCode.ShouldBe(ExitCodes.RefusedBySafety);
        forced.ExitCode.ShouldBe(ExitCodes.Success, forced.StdErr);
    }

    [Test]
    public async Task Test_live_evaluates_the_live_policies_which_pass_once_the_files_are_applied()
    {
        using var tree = new ExampleTree();
        tree.Write("tests/grafana.yaml", Passing);

        var before = await InProcessAccessSync.RunAsync(tree.Path, "test", "--live", "--sandbox");
        (await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve")).ExitCode.ShouldBe(ExitCodes.Success);
        var after = await InProcessAccessSync.RunAsync(tree.Path, "test", "--live", "--sandbox");

        before.ExitCode.ShouldBe(ExitCodes.Error);
        before.StdOut.ShouldContain("tests/grafana.yaml:3:11: error: Grafana: partner engineers with MFA: expected allow, got deny (no policy matched) [access-test-failed]");
        after.ExitCode.ShouldBe(ExitCodes.Success, after.StdOut + after.StdErr);
        after.StdOut.ShouldEndWith("1 passed, 0 failed.\n");
    }

    [Test]
    public async Task Explain_live_explains_the_live_policies_with_the_request_s_names_matched_to_live_ids()
    {
        using var tree = new ExampleTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, "explain", "Grafana", "--live", "--sandbox", "--group", "Contractors");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        result.StdOut.ShouldStartWith("Grafana (live ");
        result.StdOut.ShouldContain("Decision: deny, by \"Block contractors\".");
    }

    [Test]
    public async Task A_connection_option_without_live_is_a_usage_error()
    {
        using var tree = new ExampleTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, "test", "--sandbox");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldBe("error: --sandbox and --api-url read live policies: add --live to evaluate them\n");
    }

    [Test]
    public async Task The_examples_tests_pass_live_once_applied_groups_a_case_does_not_list_judged_by_their_live_definition()
    {
        using var tree = new ExampleTree();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Examples, "tests")))
        {
            tree.Write(Path.Combine("tests", Path.GetFileName(file)), File.ReadAllText(file));
        }

        var before = await InProcessAccessSync.RunAsync(tree.Path, "test", "--live", "--sandbox");
        (await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve")).ExitCode.ShouldBe(ExitCodes.Success);
        var after = await InProcessAccessSync.RunAsync(tree.Path, "test", "--live", "--sandbox");

        before.StdOut.ShouldEndWith("8 passed, 3 failed.\n");
        after.ExitCode.ShouldBe(ExitCodes.Success, after.StdOut);
        after.StdOut.ShouldEndWith("11 passed, 0 failed.\n");
    }

    [Test]
    public async Task Explain_live_finds_a_case_in_a_group_by_the_group_s_live_definition()
    {
        using var tree = new ExampleTree();

        // Contractors is live as everyone at contractor.example; the request does not say it is in the group.
        var result = await InProcessAccessSync.RunAsync(tree.Path, "explain", "Grafana", "--live", "--sandbox", "--email", "eve@contractor.example");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        result.StdOut.ShouldContain("Decision: deny, by \"Block contractors\".");
    }
}
