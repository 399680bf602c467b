using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class AccessWideningTests
{
    private const string Devs = "[{group: Developers}]";
    private const string Mfa = "require: [{auth_method: mfa}]";

    public static IEnumerable<TestCaseData> Widening_changes() =>
    [
        Case("a created allow policy that includes everyone", null, $"{{name: P, decision: allow, include: [{{everyone: true}}], {Mfa}}}", WideningKind.Everyone, "a new allow policy that includes everyone"),
        Case("an update adding everyone to include", Live(), $"{{name: P, decision: allow, include: [{{everyone: true}}, {{group: Developers}}], {Mfa}}}", WideningKind.Everyone, "include now has everyone"),
        Case("a created bypass policy", null, "{name: P, decision: bypass, include: [{ip: 192.0.2.0/24}]}", WideningKind.NoIdentity, "a new bypass policy: requests skip Access entirely"),
        Case("a created non_identity policy", null, "{name: P, decision: non_identity, include: [{service_token: CI deploy bot}]}", WideningKind.NoIdentity, "a new non_identity policy: requests get in without a user identity"),
        Case("an update of the decision to bypass", Live(), $"{{name: P, decision: bypass, include: {Devs}}}", WideningKind.NoIdentity, "decision allow → bypass: requests skip Access entirely"),
        Case("an update removing a require rule", Live(extra: "\"require\":[{\"auth_method\":{\"auth_method\":\"mfa\"}},{\"geo\":{\"country_code\":\"US\"}}]"), $"{{name: P, decision: allow, include: {Devs}, require: [{{geo: US}}]}}", WideningKind.RuleRemoved, "require loses auth_method: {auth_method: mfa}"),
        Case("an update removing an exclude rule naming a group", Live(extra: $$$"""
            "exclude":[{"group":{"id":"{{{Some.ContractorsId}}}"}}]
            """), $"{{name: P, decision: allow, include: {Devs}, exclude: []}}", WideningKind.RuleRemoved, $"exclude loses group: {{id: {Some.ContractorsId}}} # Contractors"),
        Case("a deleted deny policy", Live(decision: "deny"), null, WideningKind.DenyNarrowed, "a deny policy is deleted: what it blocked may get in"),
        Case("an update of the decision from deny", Live(decision: "deny"), $"{{name: P, decision: allow, include: {Devs}}}", WideningKind.DenyNarrowed, "decision deny → allow: it no longer blocks"),
        Case("a deny policy losing an include rule", Live(decision: "deny", include: """[{"geo":{"country_code":"RU"}},{"geo":{"country_code":"KP"}}]"""), "{name: P, decision: deny, include: [{geo: KP}]}", WideningKind.DenyNarrowed, "include loses geo: {country_code: RU}"),
        Case("a longer session", Live(extra: "\"session_duration\":\"60m\""), $"{{name: P, decision: allow, include: {Devs}, session_duration: 8h}}", WideningKind.LongerSession, "session_duration 1h → 8h"),
        Case("a longer MFA session", Live(extra: "\"mfa_config\":{\"session_duration\":\"1h\"}"), $"{{name: P, decision: allow, include: {Devs}, mfa_config: {{session_duration: 1h30m}}}}", WideningKind.LongerSession, "mfa_config.session_duration 1h → 1h30m"),
        Case("approval turned off", Live(extra: "\"approval_required\":true"), $"{{name: P, decision: allow, include: {Devs}, approval_required: false}}", WideningKind.CheckDisabled, "approval_required true → false"),
        Case("a created allow policy for a group", null, $"{{name: P, decision: allow, include: {Devs}}}", WideningKind.NewAllow, "a new allow policy: whoever it matches gets in"),
        Case("an include rule added to an allow policy", Live(), $"{{name: P, decision: allow, include: [{{group: Developers}}, {{email_domain: partner.example}}]}}", WideningKind.IncludeWidened, "include gains email_domain: {domain: partner.example}"),
        Case("an ip range widened", Live(include: """[{"ip":{"ip":"203.0.113.0/24"}}]"""), "{name: P, decision: allow, include: [{ip: 203.0.0.0/16}]}", WideningKind.IncludeWidened, "include widens ip: {ip: 203.0.113.0/24} → ip: {ip: 203.0.0.0/16}"),
        Case("an email widened to its domain", Live(include: """[{"email":{"email":"ada@example.com"}}]"""), "{name: P, decision: allow, include: [{email_domain: example.com}]}", WideningKind.IncludeWidened, "include widens email: {email: ada@example.com} → email_domain: {domain: example.com}"),
        Case("a require rule widened", Live(extra: "\"require\":[{\"ip\":{\"ip\":\"10.1.0.0/16\"}}]"), $"{{name: P, decision: allow, include: {Devs}, require: [{{ip: 10.0.0.0/8}}]}}", WideningKind.RuleRemoved, "require widens ip: {ip: 10.1.0.0/16} → ip: {ip: 10.0.0.0/8}"),
        Case("a deny policy's ip range narrowed", Live(decision: "deny", include: """[{"ip":{"ip":"198.51.100.0/24"}}]"""), "{name: P, decision: deny, include: [{ip: 198.51.100.7/32}]}", WideningKind.DenyNarrowed, "include narrows ip: {ip: 198.51.100.0/24} → ip: {ip: 198.51.100.7/32}"),
        Case("MFA disabled", Live(), $"{{name: P, decision: allow, include: {Devs}, mfa_config: {{mfa_disabled: true}}}}", WideningKind.CheckDisabled, "mfa_config.mfa_disabled false → true"),
    ];

    public static IEnumerable<TestCaseData> Other_changes() =>
    [
        Case("a created deny policy for everyone", null, "{name: P, decision: deny, include: [{everyone: true}]}"),
        Case("an update adding a require rule", Live(), $"{{name: P, decision: allow, include: {Devs}, {Mfa}}}"),
        Case("an update narrowing include", Live(include: $$$"""[{"group":{"id":"{{{Some.DevelopersId}}}"}},{"group":{"id":"{{{Some.ContractorsId}}}"}}]"""), $"{{name: P, decision: allow, include: {Devs}}}"),
        Case("an ip range narrowed", Live(include: """[{"ip":{"ip":"203.0.113.0/24"}}]"""), "{name: P, decision: allow, include: [{ip: 203.0.113.7/32}]}"),
        Case("an address at the domain it replaces", Live(include: """[{"email_domain":{"domain":"example.com"}}]"""), "{name: P, decision: allow, include: [{email: ada@EXAMPLE.com}]}"),
        Case("a deny policy's range widened", Live(decision: "deny", include: """[{"ip":{"ip":"198.51.100.0/24"}}]"""), "{name: P, decision: deny, include: [{ip: 198.51.0.0/16}]}"),
        Case("a shorter session", Live(extra: "\"session_duration\":\"24h\""), $"{{name: P, decision: allow, include: {Devs}, session_duration: 8h}}"),
        Case("a session set where the API default held", Live(), $"{{name: P, decision: allow, include: {Devs}, session_duration: 720h}}"),
        Case("a deny policy losing a require rule", Live(decision: "deny", extra: "\"require\":[{\"geo\":{\"country_code\":\"US\"}}]"), $"{{name: P, decision: deny, include: {Devs}, require: []}}"),
        Case("a deny policy gaining everyone", Live(decision: "deny"), "{name: P, decision: deny, include: [{everyone: true}]}"),
        Case("a deleted allow policy", Live(), null),
        Case("a renamed policy", Live(), $"{{name: Q, id: {Some.IdFor("P")}, decision: allow, include: {Devs}}}"),
        Case("approval turned on", Live(), $"{{name: P, decision: allow, include: {Devs}, approval_required: true}}"),
        Case("a bypass policy that stays bypass", Live(decision: "bypass", extra: "\"session_duration\":\"1h\""), "{name: P, decision: bypass, include: [{group: Developers}], session_duration: 30m}"),
    ];

    [TestCaseSource(nameof(Widening_changes))]
    public void A_change_that_lets_more_requests_in_is_flagged_with_why(LivePolicy? live, string? file, WideningKind kind, string reason)
    {
        var plan = PlanFor(live, file);

        var widening = Reviewed.Widenings(plan).ShouldHaveSingleItem();

        widening.Kind.ShouldBe(kind);
        widening.Reason.ShouldBe(reason);
        widening.PolicyName.ShouldBe(file is null ? "P" : plan.Applications[0].Changes.Single(c => c.Kind != ChangeKind.Delete).Subject);
        widening.App.Name.ShouldBe("Grafana");
    }

    [TestCaseSource(nameof(Other_changes))]
    public void A_change_that_does_not_widen_access_is_not_flagged(LivePolicy? live, string? file)
    {
        var plan = PlanFor(live, file);

        plan.HasChanges.ShouldBeTrue("the case must plan a change to mean anything");
        Reviewed.Widenings(plan).ShouldBeEmpty();
    }

    [Test]
    public void A_created_allow_policy_with_mfa_disabled_is_flagged_as_new_and_for_mfa()
    {
        var plan = PlanFor(null, $"{{name: P, decision: allow, include: {Devs}, mfa_config: {{mfa_disabled: true}}}}");

        Reviewed.Widenings(plan).Select(w => (w.Kind, w.Reason)).ShouldBe(
        [
            (WideningKind.NewAllow, "a new allow policy: whoever it matches gets in"),
            (WideningKind.CheckDisabled, "a new allow policy with mfa_config.mfa_disabled: true"),
        ]);
    }

    [Test]
    public void A_created_bypass_policy_for_everyone_is_flagged_for_both()
    {
        var plan = PlanFor(null, "{name: P, decision: bypass, include: [{everyone: true}]}");

        Reviewed.Widenings(plan).Select(w => w.Kind).ShouldBe([WideningKind.NoIdentity, WideningKind.Everyone]);
    }

    [Test]
    public void A_deny_policy_for_everyone_turned_to_allow_is_flagged_for_both()
    {
        var plan = PlanFor(Live(decision: "deny", include: """[{"everyone":{}}]"""), $"{{name: P, decision: allow, include: [{{everyone: true}}], {Mfa}}}");

        Reviewed.Widenings(plan).Select(w => (w.Kind, w.Reason)).ShouldBe(
        [
            (WideningKind.DenyNarrowed, "decision deny → allow: it no longer blocks"),
            (WideningKind.Everyone, "it includes everyone, and now lets them in"),
        ]);
    }

    public static IEnumerable<TestCaseData> Widening_attaches_and_detaches() =>
    [
        Reusable("an attached bypass policy the plan leaves as it is", new AttachPolicy(Some.IdFor("P"), "P", Decision.Bypass, 1), null, WideningKind.NoIdentity, "an attached bypass policy: requests skip Access entirely"),
        Reusable("an attached non_identity policy", new AttachPolicy(Some.IdFor("P"), "P", Decision.NonIdentity, 1), null, WideningKind.NoIdentity, "an attached non_identity policy: requests get in without a user identity"),
        Reusable("an attached policy the plan creates for everyone", new AttachPolicy(null, "P", Decision.Allow, 1), Created($"{{name: P, decision: allow, include: [{{everyone: true}}], {Mfa}}}"), WideningKind.Everyone, "an attached allow policy that includes everyone"),
        Reusable("an attached policy the plan updates to include everyone", new AttachPolicy(Some.IdFor("P"), "P", Decision.Allow, 1), Updated(Live(), $"{{name: P, decision: allow, include: [{{everyone: true}}], {Mfa}}}"), WideningKind.Everyone, "an attached allow policy that includes everyone", flaggedAlsoAsAnUpdate: true),
        Reusable("an attached allow policy the plan leaves as it is (its rules are not in the plan)", new AttachPolicy(Some.IdFor("P"), "P", Decision.Allow, 1), null, WideningKind.NewAllow, "an attached allow policy: whoever it matches gets in"),
        Reusable("an attached policy the plan creates for a group", new AttachPolicy(null, "P", Decision.Allow, 1), Created($"{{name: P, decision: allow, include: {Devs}}}"), WideningKind.NewAllow, "an attached allow policy: whoever it matches gets in"),
        Reusable("a detached deny policy", new DetachPolicy(Some.IdFor("P"), "P", Decision.Deny, 2), null, WideningKind.DenyNarrowed, "a deny policy is detached: what it blocked may get in"),
    ];

    public static IEnumerable<TestCaseData> Other_attaches_and_detaches() =>
    [
        Reusable("an attached deny policy the plan creates for everyone", new AttachPolicy(null, "P", Decision.Deny, 1), Created("{name: P, decision: deny, include: [{everyone: true}]}")),
        Reusable("a detached allow policy", new DetachPolicy(Some.IdFor("P"), "P", Decision.Allow, 2), null),
        Reusable("a detached policy of a decision this version does not know", new DetachPolicy(Some.IdFor("P"), "P", null, 2), null),
    ];

    [TestCaseSource(nameof(Widening_attaches_and_detaches))]
    public void Attaching_or_detaching_a_reusable_policy_that_lets_more_requests_in_is_flagged_in_the_application(PolicyChange change, PolicyChange? reusable, Scope account, WideningKind kind, string reason, bool flaggedAlsoAsAnUpdate)
    {
        var plan = WithReusable(change, reusable, account);

        var widenings = Reviewed.Widenings(plan);

        var widening = widenings.Where(w => !w.App.IsReusablePolicies).ShouldHaveSingleItem();
        (widening.App.Name, widening.PolicyName, widening.Kind, widening.Reason).ShouldBe(("Grafana", "P", kind, reason));
        widening.Apps.ShouldBeEmpty();
        // A created policy is judged only where it is attached; an updated one also once, as an update, for all its applications.
        widenings.Where(w => w.App.IsReusablePolicies).Select(w => string.Join(", ", w.Apps)).ShouldBe(flaggedAlsoAsAnUpdate ? ["Grafana"] : []);
    }

    [TestCaseSource(nameof(Other_attaches_and_detaches))]
    public void Attaching_or_detaching_a_reusable_policy_that_does_not_widen_access_is_not_flagged(PolicyChange change, PolicyChange? reusable, Scope account)
    {
        Reviewed.Widenings(WithReusable(change, reusable, account)).ShouldBeEmpty();
    }

    [Test]
    public void A_reusable_policy_s_update_is_flagged_once_under_the_reusable_policies_with_the_applications_it_reaches()
    {
        var plan = SamplePlans.WithReusable();

        var widening = Reviewed.Widenings(plan).Where(w => w.PolicyName == "Block contractors").ShouldHaveSingleItem();

        widening.App.ShouldBe(AppTarget.ReusablePoliciesOf(Some.Account));
        widening.Apps.ShouldBe(["Grafana", "Wiki"]);
        (widening.Kind, widening.Reason).ShouldBe((WideningKind.DenyNarrowed, "include loses geo: {country_code: RU}"));
    }

    [Test]
    public void A_reusable_policy_s_update_is_judged_as_an_application_policy_s_update_is()
    {
        var update = Updated(Live(extra: "\"session_duration\":\"60m\",\"approval_required\":true"), $"{{name: P, decision: bypass, include: {Devs}, session_duration: 8h, approval_required: false}}");
        var plan = WithReusable(null, update, Some.Account);

        Reviewed.Widenings(plan).Select(w => (w.App.Name, w.Kind, w.Reason)).ShouldBe(
        [
            ("Reusable policies", WideningKind.NoIdentity, "decision allow → bypass: requests skip Access entirely"),
            ("Reusable policies", WideningKind.LongerSession, "session_duration 1h → 8h"),
            ("Reusable policies", WideningKind.CheckDisabled, "approval_required true → false"),
        ]);
    }

    [Test]
    public void Deleting_a_reusable_deny_policy_that_applications_use_is_flagged_once()
    {
        var plan = WithReusable(null, Deleted(Live(decision: "deny")), Some.Account);

        var widening = Reviewed.Widenings(plan).ShouldHaveSingleItem();

        (widening.App.IsReusablePolicies, widening.PolicyName, widening.Kind, widening.Reason).ShouldBe((true, "P", WideningKind.DenyNarrowed, "a deny policy is deleted: what it blocked may get in"));
        widening.Apps.ShouldBe(["Grafana"]);
    }

    [Test]
    public void A_change_to_a_reusable_policy_no_application_uses_lets_no_one_in_and_is_not_flagged()
    {
        var unused = (PolicyChange change) => WithReusable(null, change, Some.Account) with
        {
            Reusable = [new ReusablePlan(Some.Account, "P", "reusable/p.yaml", change, [])],
        };

        Reviewed.Widenings(unused(Deleted(Live(decision: "deny")))).ShouldBeEmpty();
        Reviewed.Widenings(unused(Updated(Live(), $"{{name: P, decision: bypass, include: {Devs}}}"))).ShouldBeEmpty();
    }

    [Test]
    public void A_created_reusable_policy_is_flagged_where_it_is_attached_and_not_where_it_is_created()
    {
        var widenings = Reviewed.Widenings(SamplePlans.WithReusable()).Where(w => w.PolicyName == "[Deploy API] Health checks");

        widenings.Select(w => (w.App.Name, w.Kind, w.Reason)).ShouldHaveSingleItem()
            .ShouldBe(("Deploy API", WideningKind.NoIdentity, "an attached bypass policy: requests skip Access entirely"));
    }

    private static TestCaseData Reusable(string name, PolicyChange change, PolicyChange? reusable, WideningKind kind, string reason, bool flaggedAlsoAsAnUpdate = false) =>
        new TestCaseData(change, reusable, Some.Account, kind, reason, flaggedAlsoAsAnUpdate).SetArgDisplayNames(name);

    private static TestCaseData Reusable(string name, PolicyChange change, PolicyChange? reusable, Scope? account = null) =>
        new TestCaseData(change, reusable, account ?? Some.Account).SetArgDisplayNames(name);

    /// <summary>Grafana, unchanged but for <paramref name="change"/>; and, when <paramref name="reusable"/> is given, the plan changes reusable policy P of <paramref name="account"/>, which Grafana uses.</summary>
    private static Plan WithReusable(PolicyChange? change, PolicyChange? reusable, Scope account)
    {
        var plan = PlanFor(Live(), $"{{name: P, decision: allow, include: {Devs}}}");
        plan.HasChanges.ShouldBeFalse("the application's own policies are meant to be as they are");
        return plan with
        {
            Applications = [plan.Applications[0] with { Changes = change is null ? [] : [change] }],
            Reusable = reusable is null ? [] : [new ReusablePlan(account, "P", "reusable/p.yaml", reusable, ["Grafana"])],
        };
    }

    /// <summary>The change the planner makes to a policy P of an application, standing here for a reusable policy P.</summary>
    private static PolicyChange Created(string file) => PlanFor(null, file).Applications[0].Changes.ShouldHaveSingleItem();

    private static PolicyChange Updated(LivePolicy live, string file) => PlanFor(live, file).Applications[0].Changes.ShouldHaveSingleItem();

    private static PolicyChange Deleted(LivePolicy live) => PlanFor(live, null).Applications[0].Changes.OfType<DeletePolicy>().ShouldHaveSingleItem();

    private static TestCaseData Case(string name, LivePolicy? live, string? file, WideningKind kind, string reason) =>
        new TestCaseData(live, file, kind, reason).SetArgDisplayNames(name);

    private static TestCaseData Case(string name, LivePolicy? live, string? file) =>
        new TestCaseData(live, file).SetArgDisplayNames(name);

    private static LivePolicy Live(string decision = "allow", string include = $$$"""[{"group":{"id":"{{{Some.DevelopersId}}}"}}]""", string extra = "") =>
        Some.Policy("P", 1, decision, include, extra);

    /// <summary>
    /// One live policy (or none) of Grafana, and one file policy (or, to delete it, another that widens nothing). Grafana
    /// also has a policy both sides leave alone: an application with no policy of its own would get reusable ones.
    /// </summary>
    private static Plan PlanFor(LivePolicy? live, string? file)
    {
        var kept = Some.Policy("Kept", 9);
        var app = live is null ? Some.App("Grafana", kept) : Some.App("Grafana", live, kept);
        var policies = (file is null ? "  - {name: Other, decision: deny, include: [{geo: RU}]}\n" : $"  - {file}\n")
            + $"  - {{name: Kept, decision: allow, include: {Devs}, precedence: 9}}\n";
        return Some.Plan(Some.Project("app: {name: Grafana}\npolicies:\n" + policies), Some.Live(app));
    }
}
