using System.Text.Json.Nodes;
using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>export against the sandbox, as a team adopting AccessSync on an existing account runs it.</summary>
public class ExportCommandTests
{
    private const string Account = "9a7806061c88ada191ed06f989cc3dac";

    [Test]
    public async Task Export_writes_files_that_plan_shows_as_no_change()
    {
        using var folder = new TempFolder();

        // Real processes, end to end: the rest of this class runs the same commands in-process.
        var export = await AccessSyncProcess.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account, "--out", "policies");
        var validate = await AccessSyncProcess.RunAsync(folder.Path, "validate", "policies");
        var plan = await AccessSyncProcess.RunAsync(folder.Path, "plan", "--sandbox", "--detailed-exitcode", "policies");

        export.ExitCode.ShouldBe(ExitCodes.Success, export.StdErr);
        export.StdErr.ShouldBeEmpty();
        validate.ExitCode.ShouldBe(ExitCodes.Success, validate.StdOut + validate.StdErr);
        validate.StdErr.ShouldBeEmpty();
        export.StdOut.ShouldBe(
            """
            wrote policies/accesssync.yaml
            wrote policies/schemas/accesssync.schema.json
            wrote policies/apps/admin-console.yaml
            wrote policies/apps/deploy-api.yaml
            wrote policies/apps/finance-portal.yaml
            wrote policies/apps/grafana.yaml
            wrote policies/apps/handbook.yaml
            wrote policies/apps/status-page.yaml
            wrote policies/apps/windows-jump-host.yaml
            wrote policies/reusable/allow-sre.yaml
            wrote policies/reusable/old-contractor-block.yaml
            Exported 7 applications and 2 reusable policies of account 9a7806061c88ada191ed06f989cc3dac. Check that nothing would change: accesssync plan --sandbox policies

            """.ReplaceLineEndings("\n"));
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut + plan.StdErr);
        plan.StdOut.ShouldStartWith("No changes.");
    }

    [Test]
    public async Task Export_after_applying_the_examples_gives_files_that_mean_what_the_examples_mean()
    {
        using var tree = new ExampleTree();
        using var exported = new TempFolder();
        (await InProcessAccessSync.RunAsync(tree.Path, "apply", "--sandbox", "--auto-approve")).ExitCode.ShouldBe(ExitCodes.Success);

        var export = await InProcessAccessSync.RunAsync(tree.Path, "export", "--sandbox", "--account-id", Account, "--out", exported.Path);
        var planExported = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode", exported.Path);
        var planExamples = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode");

        export.ExitCode.ShouldBe(ExitCodes.Success, export.StdErr);
        planExported.ExitCode.ShouldBe(ExitCodes.Success, planExported.StdOut + planExported.StdErr);
        planExamples.ExitCode.ShouldBe(ExitCodes.Success, planExamples.StdOut + planExamples.StdErr);
        Approvals.Verify(File.ReadAllText(Path.Combine(exported.Path, "apps", "grafana.yaml")), "export-grafana-after-apply");
    }

    [Test]
    public async Task Export_of_an_account_with_reusable_policies_writes_each_once_and_the_applications_use_them()
    {
        using var folder = new TempFolder();
        folder.Write(".accesssync/sandbox.json", SandboxWithReusablePolicies());

        var export = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account, "--out", "policies");
        var plan = await InProcessAccessSync.RunAsync(folder.Path, "plan", "--sandbox", "--detailed-exitcode", "policies");

        export.ExitCode.ShouldBe(ExitCodes.Success, export.StdErr);
        export.StdErr.ShouldBeEmpty();
        export.StdOut.ShouldEndWith(
            """
            wrote policies/apps/windows-jump-host.yaml
            wrote policies/reusable/allow-sre-on-call.yaml
            wrote policies/reusable/emergency-lockout.yaml
            Exported 7 applications and 2 reusable policies of account 9a7806061c88ada191ed06f989cc3dac. Check that nothing would change: accesssync plan --sandbox policies

            """.ReplaceLineEndings("\n"));
        File.ReadAllText(Path.Combine(folder.Path, "policies", "apps", "grafana.yaml")).ShouldEndWith("  - use: Allow SRE on call\n");
        File.ReadAllText(Path.Combine(folder.Path, "policies", "apps", "windows-jump-host.yaml")).ShouldContain("  - name: Windows administrators\n");
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut + plan.StdErr);
        plan.StdOut.ShouldStartWith("No changes.");
    }

    [Test]
    public async Task Export_of_chosen_applications_writes_only_the_reusable_policies_they_use()
    {
        using var folder = new TempFolder();
        folder.Write(".accesssync/sandbox.json", SandboxWithReusablePolicies());

        var export = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account, "--app", "Grafana");

        export.ExitCode.ShouldBe(ExitCodes.Success, export.StdErr);
        Directory.GetFiles(Path.Combine(folder.Path, "reusable")).Select(Path.GetFileName).ShouldBe(["allow-sre-on-call.yaml"]);
        export.StdOut.ShouldContain("Exported 1 application and 1 reusable policy of account");
    }

    [Test]
    public async Task Export_into_a_folder_that_already_defines_a_reusable_policy_uses_that_file()
    {
        using var folder = new TempFolder();
        folder.Write(".accesssync/sandbox.json", SandboxWithReusablePolicies());
        folder.Write("accesssync.yaml", $"account_id: {Account}\n");
        folder.Write("reusable/sre.yaml", "policy:\n  name: Allow SRE on call\n  decision: allow\n  include:\n    - group: SRE\n");

        var export = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox");
        var plan = await InProcessAccessSync.RunAsync(folder.Path, "plan", "--sandbox", "--detailed-exitcode");

        export.ExitCode.ShouldBe(ExitCodes.Success, export.StdErr);
        export.StdErr.ShouldContain("note: reusable policy Allow SRE on call (1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d): already defined by reusable/sre.yaml; not exported");
        export.StdOut.ShouldContain("Exported 7 applications and 1 reusable policy of account");
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut + plan.StdErr);
    }

    [Test]
    public async Task Export_never_replaces_a_file_unless_forced()
    {
        using var folder = new TempFolder();
        await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account);
        var grafana = Path.Combine(folder.Path, "apps", "grafana.yaml");
        File.WriteAllText(grafana, "# edited by hand\n");

        var refused = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account);
        var kept = File.ReadAllText(grafana);
        var forced = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account, "--force");

        refused.ExitCode.ShouldBe(ExitCodes.Error);
        refused.StdErr.ShouldContain("error: apps/grafana.yaml exists; export never replaces a file unless --force");
        refused.StdErr.ShouldContain("Nothing was written.");
        refused.StdOut.ShouldBeEmpty();
        kept.ShouldBe("# edited by hand\n");
        forced.ExitCode.ShouldBe(ExitCodes.Success, forced.StdErr);
        File.ReadAllText(grafana).ShouldContain("app:\n  name: Grafana\n");
    }

    [Test]
    public async Task Export_of_chosen_applications_writes_only_those_and_names_one_that_matches_none()
    {
        using var folder = new TempFolder();

        var chosen = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account, "--app", "GRAFANA", "--app", "deploy.example.com");
        var unknown = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--account-id", Account, "--app", "Grafanna", "--out", "other");

        chosen.ExitCode.ShouldBe(ExitCodes.Success, chosen.StdErr);
        Directory.GetFiles(Path.Combine(folder.Path, "apps")).Select(Path.GetFileName).ShouldBe(["deploy-api.yaml", "grafana.yaml"], ignoreOrder: true);
        unknown.ExitCode.ShouldBe(ExitCodes.Error);
        unknown.StdErr.ShouldContain("error: --app Grafanna: no Access application in account 9a7806061c88ada191ed06f989cc3dac has this id, name or domain");
        Directory.Exists(Path.Combine(folder.Path, "other")).ShouldBeFalse();
    }

    [Test]
    public async Task Export_into_a_folder_with_a_root_config_takes_its_scope_and_keeps_its_defaults_from_changing_anything()
    {
        using var folder = new TempFolder();
        folder.Write("policies/accesssync.yaml", $"account_id: {Account}\ndefaults:\n  approval_required: true\n  isolation_required: false\n");

        var export = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox", "--out", "policies");
        var plan = await InProcessAccessSync.RunAsync(folder.Path, "plan", "--sandbox", "--detailed-exitcode", "policies");

        export.ExitCode.ShouldBe(ExitCodes.Success, export.StdErr);
        export.StdOut.ShouldNotContain("accesssync.yaml\n");
        File.ReadAllText(Path.Combine(folder.Path, "policies", "apps", "grafana.yaml")).ShouldContain("    approval_required: false\n    isolation_required: false\n");
        plan.ExitCode.ShouldBe(ExitCodes.Success, plan.StdOut + plan.StdErr);
    }

    [Test]
    public async Task Export_into_a_folder_that_already_manages_an_application_exports_the_rest()
    {
        using var folder = new TempFolder();
        folder.Write("accesssync.yaml", $"account_id: {Account}\n");
        folder.Write("apps/dashboards.yaml", "app:\n  domain: grafana.example.com\npolicies:\n  - {name: Block contractors, decision: deny, include: [{group: Contractors}]}\n");

        var export = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox");

        export.ExitCode.ShouldBe(ExitCodes.Success, export.StdErr);
        export.StdErr.ShouldContain("note: Grafana (b5422c49-8464-5bb6-9130-1e9a351df9ea): already managed by apps/dashboards.yaml; not exported");
        export.StdOut.ShouldNotContain("grafana");
        export.StdOut.ShouldContain("Exported 6 applications");
    }

    [Test]
    public async Task Export_from_the_sandbox_without_an_account_or_zone_is_a_usage_error_that_says_what_to_pass()
    {
        using var folder = new TempFolder();

        var result = await InProcessAccessSync.RunAsync(folder.Path, "export", "--sandbox");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldContain("the sandbox cannot list its accounts through the API: pass --account-id");
        Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName).ShouldNotContain("apps");
    }

    [Test]
    public async Task Export_help_names_its_exit_codes()
    {
        var result = await InProcessAccessSync.RunAsync(Path.GetTempPath(), "export", "--help");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.StdOut.ShouldContain("0   exported");
        result.StdOut.ShouldContain("64  usage error");
        result.StdOut.ShouldContain("--app <ID|NAME|DOMAIN>");
    }

    /// <summary>
    /// The sandbox's estate (the examples' live state) with reusable policies: the Windows jump host's policy made
    /// for it alone, one that Grafana uses after its own, and one that nothing uses.
    /// </summary>
    private static string SandboxWithReusablePolicies()
    {
        var seed = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "live.json")))!;
        var account = seed["accounts"]![Account]!;
        var apps = account["apps"]!.AsArray();
        var jumpHost = apps.Single(a => (string?)a!["name"] == "Windows jump host")!;
        var owned = jumpHost["policies"]![0]!.DeepClone();
        owned["id"] = "0f3e8a57-2c1d-4b6e-9a8f-7d6c5b4a3920";
        owned["name"] = "[Windows jump host] Windows administrators";
        owned.AsObject().Remove("precedence");
        jumpHost["policies"] = new JsonArray(new JsonObject { ["id"] = owned["id"]!.DeepClone(), ["precedence"] = 1 });
        apps.Single(a => (string?)a!["name"] == "Grafana")!["policies"]!.AsArray().Add(new JsonObject { ["id"] = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", ["precedence"] = 4 });
        account["reusable_policies"] = JsonNode.Parse(
            $$$"""
            [
              {{{owned.ToJsonString()}}},
              {"id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "name": "Allow SRE on call", "decision": "allow", "include": [{"group": {"id": "d98fd0e1-6ba5-5ddc-bfc5-c5379e414bb2"}}]},
              {"id": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "name": "Emergency lockout", "decision": "deny", "include": [{"everyone": {}}]}
            ]
            """);
        return seed.ToJsonString();
    }
}
