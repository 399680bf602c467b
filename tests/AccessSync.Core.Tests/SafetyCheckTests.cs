using AccessSync.Core.Model;
using AccessSync.Core.Safety;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class SafetyCheckTests
{
    private static readonly string[] Four = ["A", "B", "C", "D"];

    [Test]
    public void Deleting_more_than_the_share_of_an_application_s_policies_is_refused()
    {
        var violations = Check(live: Four, file: ["A", "B"]);

        violations.ShouldHaveSingleItem().Message.ShouldBe("deletes 2 of its 4 policies (50 %), more than the limit of 30 %");
    }

    [Test]
    public void Deleting_within_the_share_passes()
    {
        Check(live: Four, file: ["A", "B", "C"], options: SafetyOptions.Default with { MaxDeletePercent = 25 }).ShouldBeEmpty();
    }

    [Test]
    public void Updating_more_than_the_share_is_refused()
    {
        var violations = Check(live: Four, file: Four, changed: ["A", "B", "C"]);

        violations.ShouldHaveSingleItem().Message.ShouldBe("updates 3 of its 4 policies (75 %), more than the limit of 50 %");
    }

    [Test]
    public void Small_applications_are_not_held_to_the_shares()
    {
        Check(live: ["A", "B", "C"], file: ["A"], changed: ["A"]).ShouldBeEmpty();
    }

    [Test]
    public void Leaving_an_application_with_no_policy_is_refused_at_any_size()
    {
        var violations = Check(live: ["A"], file: []);

        violations.ShouldHaveSingleItem().Message.ShouldBe("would be left with no policy, and Access then lets no one in");
    }

    [Test]
    public void An_empty_application_can_be_allowed_in_the_config()
    {
        Check(live: ["A"], file: [], options: SafetyOptions.Default with { AllowEmptyApps = true }).ShouldBeEmpty();
    }

    private static IReadOnlyList<SafetyViolation> Check(string[] live, string[] file, string[]? changed = null, SafetyOptions? options = null)
    {
        var app = Some.App("Grafana", [.. live.Select((name, i) => Some.Policy(name, i + 1, extra: "\"session_duration\":\"1h\""))]);
        var policies = file.Select(name => $"  - {{name: {name}, decision: allow, include: [{{group: Developers}}], session_duration: {((changed ?? []).Contains(name) ? "2h" : "1h")}}}\n");
        var yaml = file.Length == 0 ? "app: {name: Grafana}\npolicies: []\n" : "app: {name: Grafana}\npolicies:\n" + string.Concat(policies);
        return SafetyCheck.Evaluate(Some.Plan(Some.Project(yaml), Some.Live(app)), options ?? SafetyOptions.Default);
    }
}
