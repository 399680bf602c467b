using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Review;
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

    [Test]
    public void Detaching_counts_toward_the_delete_share_as_deleting_does()
    {
        var violations = Check(live: ["A", "B"], file: ["A", "B"], attached: ["X", "Y"]);

        violations.ShouldHaveSingleItem().Message.ShouldBe("detaches 2 of its 4 policies (50 %), more than the limit of 30 %");
    }

    [Test]
    public void Deletes_and_detaches_are_counted_together_and_each_named()
    {
        var violations = Check(live: ["A", "B", "C"], file: ["A", "B"], attached: ["X"]);

        violations.ShouldHaveSingleItem().Message.ShouldBe("deletes 1 and detaches 1 of its 4 policies (50 %), more than the limit of 30 %");
    }

    [Test]
    public void Reusable_policies_kept_attached_count_among_an_application_s_policies()
    {
        var violations = Check(live: ["A", "B", "C"], file: ["A"], attached: ["Shared"], uses: ["Shared"]);

        violations.ShouldHaveSingleItem().Message.ShouldBe("deletes 2 of its 4 policies (50 %), more than the limit of 30 %");
    }

    [Test]
    public void An_application_whose_file_only_uses_reusable_policies_is_not_left_empty()
    {
        Check(live: ["A"], file: [], uses: ["Shared"], unattached: ["Shared"]).ShouldBeEmpty();
        Check(live: ["A"], file: [], attached: ["Shared"], uses: ["Shared"]).ShouldBeEmpty();
    }

    [Test]
    public void Detaching_an_application_s_last_policy_leaves_it_with_none()
    {
        var violations = Check(live: [], file: [], attached: ["X"]);

        violations.ShouldHaveSingleItem().Message.ShouldBe("would be left with no policy, and Access then lets no one in");
    }

    [Test]
    public void Swapping_a_detached_reusable_policy_for_an_attached_one_leaves_a_policy()
    {
        Check(live: [], file: [], attached: ["X"], uses: ["Y"], unattached: ["Y"]).ShouldBeEmpty();
    }

    /// <param name="attached">Reusable policies attached live, after the application's own.</param>
    /// <param name="uses">Reusable policies the file uses, after its own policies.</param>
    /// <param name="unattached">Reusable policies of the account attached to no application.</param>
    private static IReadOnlyList<SafetyViolation> Check(string[] live, string[] file, string[]? changed = null, SafetyOptions? options = null, string[]? attached = null, string[]? uses = null, string[]? unattached = null)
    {
        LivePolicy[] policies =
        [
            .. live.Select((name, i) => Some.Policy(name, i + 1, extra: "\"session_duration\":\"1h\"")),
            .. (attached ?? []).Select((name, i) => Some.Reusable(name, 10 + i)),
        ];
        var lines = file.Select(name => $"  - {{name: {name}, decision: allow, include: [{{group: Developers}}], session_duration: {((changed ?? []).Contains(name) ? "2h" : "1h")}}}\n")
            .Concat((uses ?? []).Select(name => $"  - use: {name}\n"))
            .ToList();
        var yaml = lines.Count == 0 ? "app: {name: Grafana}\npolicies: []\n" : "app: {name: Grafana}\npolicies:\n" + string.Concat(lines);
        var plan = Some.Plan(Some.Project(yaml), Some.Live([.. (unattached ?? []).Select(name => Some.Reusable(name))], Some.App("Grafana", policies)));
        return PlanReviewer.Review(plan, options ?? SafetyOptions.Default).Violations;
    }
}
