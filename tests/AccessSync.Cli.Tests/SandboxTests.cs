using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>plan and apply against the sandbox: the examples' files and their live estate, as a newcomer first runs them.</summary>
public class SandboxTests
{
    [Test]
    public async Task Plan_shows_every_kind_of_change_between_the_examples_and_their_live_estate()
    {
        using var tree = new ExampleTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        result.StdErr.ShouldBeEmpty();
        Approvals.Verify(result.StdOut, "sandbox-plan-text");
    }

    [Test]
    public async Task Plan_renders_markdown_and_json_of_the_same_changes()
    {
        using var tree = new ExampleTree();

        var markdown = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--format", "markdown");
        var json = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--format", "json");

        Approvals.Verify(markdown.StdOut, "sandbox-plan-markdown");
        Approvals.Verify(json.StdOut, "sandbox-plan-json");
    }

    [Test]
    public async Task Detailed_exit_code_says_whether_there_are_changes()
    {
        using var tree = new ExampleTree();

        (await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode")).ExitCode.ShouldBe(ExitCodes.ChangesPresent);
        (await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve")).ExitCode.ShouldBe(ExitCodes.Success);
        (await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode")).ExitCode.ShouldBe(ExitCodes.Success);
    }

    [Test]
    public async Task Apply_converges_and_planning_again_shows_no_changes()
    {
        using var tree = new ExampleTree();

        // Real processes, end to end: the rest of this class runs the same commands in-process.
        var apply = await AccessSyncProcess.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve");
        var plan = await AccessSyncProcess.RunAsync(tree.Path, "plan", "--sandbox");

        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdOut + apply.StdErr);
        apply.StdOut.ShouldContain("Apply: 13 done, 0 failed, 0 not attempted.");
        plan.StdOut.ShouldContain("No changes.");
        plan.StdOut.ShouldEndWith("Plan: 0 to create, 0 to update, 0 to delete, 0 to reorder.\n");
    }

    [Test]
    public async Task A_field_the_files_do_not_manage_survives_apply()
    {
        using var tree = new ExampleTree();

        await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve");

        // live.json gives "Block contractors" an x_owner_team field that AccessSync has never heard of, and the
        // Admin console a "Break glass" policy its file does not list (prune is off there).
        var state = File.ReadAllText(tree.SandboxState);
        state.ShouldContain("\"x_owner_team\": \"security\"");
        state.ShouldContain("\"Break glass\"");
        state.ShouldContain("\"app_launcher_visible\": true");
    }

    [Test]
    public async Task Apply_without_a_terminal_or_auto_approve_refuses_and_changes_nothing()
    {
        using var tree = new ExampleTree();

        var apply = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox");
        var plan = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode");

        apply.ExitCode.ShouldBe(ExitCodes.Usage);
        apply.StdErr.ShouldContain("pass --auto-approve");
        plan.ExitCode.ShouldBe(ExitCodes.ChangesPresent);
    }

    [Test]
    public async Task A_saved_plan_applies_exactly_and_a_stale_one_is_refused_with_exit_4()
    {
        using var tree = new ExampleTree();
        var planFile = Path.Combine(tree.Path, "plan.json");
        (await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--out", planFile)).ExitCode.ShouldBe(ExitCodes.Success);

        // Someone changes Grafana's policies after the plan was reviewed.
        tree.Edit("apps/grafana.yaml", text => text.Replace("session_duration: 8h", "session_duration: 9h", StringComparison.Ordinal));
        (await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve", "--target", "Grafana")).ExitCode.ShouldBe(ExitCodes.Success);

        var stale = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve", "--plan", planFile);

        stale.ExitCode.ShouldBe(ExitCodes.StalePlan, stale.StdOut + stale.StdErr);
        stale.StdErr.ShouldContain("the saved plan is stale");
        stale.StdErr.ShouldContain("policy \"Allow engineering\"");
        stale.StdErr.ShouldContain("Nothing was changed.");
    }

    [Test]
    public async Task A_fresh_saved_plan_is_applied()
    {
        using var tree = new ExampleTree();
        var planFile = Path.Combine(tree.Path, "plan.json");
        await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--out", planFile);

        var apply = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve", "--plan", planFile);
        var plan = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode");

        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdOut + apply.StdErr);
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut);
    }

    [Test]
    public async Task A_safety_threshold_refuses_with_exit_3_and_force_passes()
    {
        using var tree = new ExampleTree();
        // Deploy API has four live policies; a file keeping only one deletes 75 % of them.
        tree.Edit("apps/deploy-api.yaml", text => text[..text.IndexOf("  - name: CI deploy bot", StringComparison.Ordinal)]);

        var refused = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve");
        var forced = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve", "--force");

        refused.ExitCode.ShouldBe(ExitCodes.RefusedBySafety, refused.StdOut + refused.StdErr);
        refused.StdErr.ShouldContain("error: refusing to apply: Deploy API (apps/deploy-api.yaml): deletes 3 of its 4 policies (75 %), more than the limit of 30 %");
        forced.ExitCode.ShouldBe(ExitCodes.Success, forced.StdOut + forced.StdErr);
        forced.StdOut.ShouldContain("done     Deploy API: delete \"Any pipeline token\"");
    }

    [Test]
    public async Task A_saved_plan_is_held_to_the_thresholds_of_the_configuration_it_was_made_from()
    {
        using var tree = new ExampleTree();
        tree.Edit("accesssync.yaml", text => text.Replace("max_delete_percent: 30", "max_delete_percent: 80", StringComparison.Ordinal));
        tree.Edit("apps/deploy-api.yaml", text => text[..text.IndexOf("  - name: CI deploy bot", StringComparison.Ordinal)]);
        var planFile = Path.Combine(tree.Path, "plan.json");
        await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--out", planFile);

        var apply = await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve", "--plan", planFile);

        apply.ExitCode.ShouldBe(ExitCodes.Success, apply.StdOut + apply.StdErr);
        apply.StdOut.ShouldContain("done     Deploy API: delete \"Any pipeline token\"");
    }

    [Test]
    public async Task A_target_that_names_no_application_is_a_usage_error_not_an_empty_plan()
    {
        using var tree = new ExampleTree();

        var result = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--target", "Grafana", "--target", "Grafna");

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.StdOut + result.StdErr);
        result.StdErr.ShouldContain("error: --target \"Grafna\" names no application of the files");
        result.StdOut.ShouldBeEmpty();
    }

    [Test]
    public async Task A_reference_that_is_not_live_is_reported_at_its_place_in_the_file()
    {
        using var tree = new ExampleTree();
        tree.Edit("apps/grafana.yaml", text => text.Replace("group: Contractors", "group: Contractor", StringComparison.Ordinal));

        var result = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldContain("apps/grafana.yaml:9:9: error: no Access group is named `Contractor`; known: `Contractors`");
        result.StdOut.ShouldBeEmpty();
    }
}
