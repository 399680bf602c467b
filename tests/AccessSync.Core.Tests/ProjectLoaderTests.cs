using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class ProjectLoaderTests
{
    private const string Policy = "policy: {name: NAME, decision: allow, include: [{geo: US}]}\n";
    private const string App = "app: {name: NAME}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n";

    private static readonly Scope ConfigAccount = Scope.Account("22222222222222222222222222222222");

    [Test]
    public void Files_under_reusable_and_files_of_kind_reusable_policy_are_reusable_policies_and_the_others_applications()
    {
        var project = Load.Project(
            ("apps/grafana.yaml", App.Replace("NAME", "Grafana", StringComparison.Ordinal)),
            ("apps/reusable/wiki.yaml", App.Replace("NAME", "Wiki", StringComparison.Ordinal)),
            ("apps/status.yaml", "kind: application\n" + App.Replace("NAME", "Status", StringComparison.Ordinal)),
            ("reusable/developers.yaml", Policy.Replace("NAME", "Allow developers", StringComparison.Ordinal)),
            ("reusable/team/ops.yaml", "kind: reusable-policy\n" + Policy.Replace("NAME", "Allow ops", StringComparison.Ordinal)),
            ("teams/auditors.yaml", "kind: reusable-policy\n" + Policy.Replace("NAME", "Allow auditors", StringComparison.Ordinal))).Value!;

        project.Applications.Select(a => a.App.Value).ShouldBe(["Grafana", "Wiki", "Status"]);
        project.ReusablePolicies.Select(p => (p.File.Path, p.Policy.Name)).ShouldBe(
        [
            ("reusable/developers.yaml", "Allow developers"),
            ("reusable/team/ops.yaml", "Allow ops"),
            ("teams/auditors.yaml", "Allow auditors"),
        ]);
    }

    [Test]
    public void Without_its_path_below_the_root_a_file_is_a_reusable_policy_only_by_its_kind()
    {
        var loaded = ProjectLoader.Load(
            RootConfig.Default,
            [new SourceFile("reusable/developers.yaml", "kind: reusable-policy\n" + Policy.Replace("NAME", "Allow developers", StringComparison.Ordinal))],
            ScopeFallbacks.None);

        loaded.Value!.ReusablePolicies.ShouldHaveSingleItem().Policy.Name.ShouldBe("Allow developers");
        ProjectLoader.Load(RootConfig.Default, [new SourceFile("reusable/developers.yaml", Policy)], ScopeFallbacks.None)
            .Diagnostics.ShouldContain(d => d.Message == "missing required key `app`");
    }

    [Test]
    public void A_reusable_policy_takes_its_account_as_an_application_does_and_the_root_config_s_defaults()
    {
        var config = RootConfig.Default with { Scope = ConfigAccount, Defaults = new PolicySettings(SessionDuration: "24h") };
        var flag = Scope.Account("33333333333333333333333333333333");

        var project = Load.Project(
            config,
            new ScopeFallbacks(flag, null),
            ("reusable/a.yaml", "account_id: 0123456789abcdef0123456789abcdef\n" + Policy.Replace("NAME", "A", StringComparison.Ordinal)),
            ("reusable/b.yaml", Policy.Replace("NAME", "B", StringComparison.Ordinal)),
            ("apps/grafana.yaml", App.Replace("NAME", "Grafana", StringComparison.Ordinal))).Value!;
        var withoutConfigScope = Load.Project(
            config with { Scope = null },
            new ScopeFallbacks(flag, null),
            ("reusable/b.yaml", Policy.Replace("NAME", "B", StringComparison.Ordinal)),
            ("apps/grafana.yaml", App.Replace("NAME", "Grafana", StringComparison.Ordinal))).Value!;

        project.ReusablePolicies.Select(p => p.Scope).ShouldBe([Scope.Account("0123456789abcdef0123456789abcdef"), ConfigAccount]);
        project.Applications.ShouldHaveSingleItem().Scope.ShouldBe(ConfigAccount);
        project.ReusablePolicies.ShouldAllBe(p => p.Policy.Settings.SessionDuration == "24h");
        withoutConfigScope.ReusablePolicies.ShouldHaveSingleItem().Scope.ShouldBe(flag);
        withoutConfigScope.Applications.ShouldHaveSingleItem().Scope.ShouldBe(flag);
    }

    [Test]
    public void Kind_application_under_reusable_is_an_error_at_the_value_and_the_file_is_checked_no_further()
    {
        var result = Load.Project(("reusable/grafana.yaml", "kind: application\n" + App.Replace("NAME", "Grafana", StringComparison.Ordinal)));

        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        d.Span.ShouldBe(new SourceSpan("reusable/grafana.yaml", 1, 7));
        d.Message.ShouldBe("`kind` must be reusable-policy: files under reusable/ define reusable policies (got `application`)");
        result.Value.ShouldBeNull();
    }

    [Test]
    public void An_unknown_kind_is_an_error_at_the_value_with_the_nearest_kind()
    {
        var d = Load.Project(("teams/a.yaml", "kind: reusable-polcy\n" + Policy)).Diagnostics.ShouldHaveSingleItem();

        d.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        d.Span.ShouldBe(new SourceSpan("teams/a.yaml", 1, 7));
        d.Message.ShouldBe("`kind` must be application, reusable-policy or access-test (got `reusable-polcy`; did you mean `reusable-policy`?)");
    }

    [Test]
    public void Reusable_and_application_files_are_checked_together_and_every_problem_is_reported()
    {
        var result = Load.Project(
            ("apps/a.yaml", "app: {name: A}\npolicies: [{use: X}, {use: X}]\n"),
            ("reusable/x.yaml", "policy: {name: X, decision: permit, include: [{geo: US}]}\n"));

        result.Diagnostics.Select(d => (d.Span.Path, d.Code)).ShouldBe(
        [
            ("apps/a.yaml", DiagnosticCodes.DuplicatePolicyName),
            ("reusable/x.yaml", DiagnosticCodes.InvalidValue),
        ]);
    }
}
