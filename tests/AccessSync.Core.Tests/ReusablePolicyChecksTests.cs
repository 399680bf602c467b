using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class ReusablePolicyChecksTests
{
    private const string Account = "9a7806061c88ada191ed06f989cc3dac";

    [Test]
    public void A_precedence_in_a_reusable_policy_is_an_error_at_the_precedence()
    {
        var d = Load.Reusable("policy: {name: P, decision: deny, include: [{geo: US}], precedence: 2}\n").Diagnostics.ShouldHaveSingleItem();

        d.Code.ShouldBe(DiagnosticCodes.PrecedenceInReusablePolicy);
        d.Span.ShouldBe(new SourceSpan(Load.ReusablePath, 1, 69));
        d.Message.ShouldBe("a reusable policy has no precedence: the place of each `use` entry that attaches it gives one (or the entry's own `precedence`); remove `precedence` here");
    }

    [Test]
    public void An_id_in_a_reusable_policy_is_accepted_to_match_a_live_one_across_a_rename()
    {
        var result = Load.Reusable("policy: {name: P, id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415, decision: deny, include: [{geo: US}]}\n");

        result.Diagnostics.ShouldBeEmpty();
        result.Value!.Policy.Id.ShouldBe("f174e90a-fafe-4643-bbbc-4a0ed4fc8415");
    }

    [Test]
    public void A_reusable_policy_that_allows_everyone_and_requires_nothing_is_a_warning_at_the_everyone_rule()
    {
        var d = Load.Reusable("policy:\n  name: Everyone\n  decision: allow\n  include:\n    - everyone: true\n").Diagnostics.ShouldHaveSingleItem();

        d.Severity.ShouldBe(Severity.Warning);
        d.Code.ShouldBe(DiagnosticCodes.AllowsEveryone);
        d.Span.ShouldBe(new SourceSpan(Load.ReusablePath, 5, 7));
    }

    [Test]
    public void Two_files_defining_one_reusable_name_for_one_account_are_an_error_at_the_second_naming_the_first()
    {
        var result = Load.Project(
            ("reusable/a.yaml", "policy: {name: Allow developers, decision: allow, include: [{geo: US}]}\n"),
            ("teams/b.yaml", "kind: reusable-policy\npolicy: {name: allow DEVELOPERS, decision: allow, include: [{geo: CA}]}\n"));

        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.DuplicateReusablePolicy);
        d.Span.ShouldBe(new SourceSpan("teams/b.yaml", 2, 16));
        d.Message.ShouldBe("reusable policy `allow DEVELOPERS` is already defined by reusable/a.yaml; each reusable policy of an account needs its own name");
        result.Value.ShouldBeNull();
    }

    [Test]
    public void One_reusable_name_in_two_accounts_is_two_reusable_policies()
    {
        var result = Load.Project(
            RootConfig.Default with { Scope = Scope.Account(Account) },
            ScopeFallbacks.None,
            ("reusable/a.yaml", "policy: {name: Allow developers, decision: allow, include: [{geo: US}]}\n"),
            ("reusable/b.yaml", "account_id: 0123456789abcdef0123456789abcdef\npolicy: {name: Allow developers, decision: allow, include: [{geo: US}]}\n"));

        result.Diagnostics.ShouldBeEmpty();
        result.Value!.ReusablePolicies.Select(p => p.Scope!.Id).ShouldBe([Account, "0123456789abcdef0123456789abcdef"]);
    }

    [Test]
    public void A_reusable_policy_that_takes_a_zone_from_the_root_config_is_an_error_at_its_file()
    {
        var result = Load.Project(
            RootConfig.Default with { Scope = Scope.Zone("0123456789abcdef0123456789abcdef") },
            ScopeFallbacks.None,
            ("reusable/a.yaml", "policy: {name: Allow developers, decision: allow, include: [{geo: US}]}\n"));

        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.ReusablePolicyInZone);
        d.Span.ShouldBe(new SourceSpan("reusable/a.yaml", 1, 1));
        d.Message.ShouldBe("reusable policy `Allow developers` would belong to zone 0123456789abcdef0123456789abcdef, from accesssync.yaml or the command line, but reusable policies belong to accounts; set `account_id` in this file");
    }
}
