using System.Text.Json;
using AccessSync.Core.Model;
using AccessSync.Core.PlanFiles;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests;

/// <summary>A plan is reviewed once; every render and the plan file print that review and work out nothing of their own.</summary>
public class PlanReviewTests
{
    private const string OnlyTheReviewKnows = "a reason only this review gives";

    [Test]
    public void Every_render_shows_the_widening_the_review_holds_and_no_other()
    {
        var review = PlanReviewer.Review(SamplePlans.WithReusable());
        var reviewed = review.Changes.First(c => !c.Widenings.IsEmpty);
        var widening = reviewed.Widenings[0] with { Reason = OnlyTheReviewKnows };
        var changed = review with { Changes = review.Changes.Replace(reviewed, reviewed with { Widenings = [widening] }) };

        var markdown = new MarkdownPlanRenderer().Render(changed);
        var text = new TextPlanRenderer().Render(changed);
        using var json = JsonDocument.Parse(new JsonPlanRenderer().Render(changed));

        markdown.ShouldContain($"!   widens access: {OnlyTheReviewKnows}");
        text.ShouldContain($"!   widens access: {OnlyTheReviewKnows}");
        json.RootElement.GetProperty("widening").EnumerateArray().Select(w => w.GetProperty("reason").GetString())
            .ShouldBe(changed.Widenings.Select(w => w.Reason));
        json.RootElement.GetProperty("widening")[0].GetProperty("reason").GetString().ShouldBe(OnlyTheReviewKnows);
        text.ShouldNotContain($"!   widens access: {reviewed.Widenings[0].Reason}");
    }

    [Test]
    public void A_change_the_review_finds_no_widening_in_is_shown_as_widening_nothing()
    {
        var review = PlanReviewer.Review(SamplePlans.WithReusable());
        var quiet = review with { Changes = [.. review.Changes.Select(c => c with { Widenings = [] })] };

        new TextPlanRenderer().Render(quiet).ShouldNotContain("widens access");
        new MarkdownPlanRenderer().Render(quiet).ShouldNotContain("⚠️");
        using var json = JsonDocument.Parse(new JsonPlanRenderer().Render(quiet));
        json.RootElement.GetProperty("widening").GetArrayLength().ShouldBe(0);
    }

    [TestCaseSource(nameof(Samples))]
    public void The_review_of_a_plan_read_back_from_its_file_equals_the_review_of_the_plan_saved(Func<Plan> sample)
    {
        var review = PlanReviewer.Review(sample());

        var again = PlanReviewer.Review(PlanFileReader.Read(PlanFileWriter.Write(review)));

        // Records compare their ImmutableArray members by reference, so the comparison is member by member.
        again.ShouldBeEquivalentTo(review);
        again.Widenings.Select(w => (w.App, w.PolicyName, w.Kind, w.Reason, string.Join(", ", w.Apps)))
            .ShouldBe(review.Widenings.Select(w => (w.App, w.PolicyName, w.Kind, w.Reason, string.Join(", ", w.Apps))));
        again.Violations.ShouldBe(review.Violations);
    }

    [TestCaseSource(nameof(Samples))]
    public void The_review_holds_one_entry_a_change_the_reusable_policies_first(Func<Plan> sample)
    {
        var plan = sample();

        var review = PlanReviewer.Review(plan);

        review.Changes.Select(c => c.Change).ShouldBe(
        [
            .. plan.Reusable.Select(r => r.Change).OfType<PolicyChange>(),
            .. plan.Applications.SelectMany(a => a.Changes),
        ]);
        review.Changes.ShouldAllBe(c => review.WideningsOf(c.Change).SequenceEqual(c.Widenings));
        review.Widenings.ShouldBe(review.Changes.SelectMany(c => c.Widenings));
    }

    [Test]
    public void The_review_checks_the_thresholds_it_is_given_and_by_default_those_the_plan_was_made_with()
    {
        var plan = SamplePlans.Realistic();
        var strict = new SafetyOptions(MaxDeletePercent: 0, MaxUpdatePercent: 0, MinPolicies: 1, AllowEmptyApps: false);

        PlanReviewer.Review(plan).Violations.ShouldBe(PlanReviewer.Review(plan, plan.Safety).Violations);
        PlanReviewer.Review(plan, strict).Violations.ShouldNotBeEmpty();
        PlanReviewer.Review(plan with { Safety = strict }).Violations.ShouldBe(PlanReviewer.Review(plan, strict).Violations);
    }

    [Test]
    public void A_change_that_is_not_of_the_reviewed_plan_has_no_review()
    {
        var review = PlanReviewer.Review(SamplePlans.Realistic());
        var other = PlanReviewer.Review(SamplePlans.Realistic()).Changes[0].Change;

        Should.Throw<ArgumentException>(() => review.WideningsOf(other));
    }

    [Test]
    public void Planning_reviewing_and_the_plan_file_do_not_depend_on_rendering()
    {
        var core = Path.Combine(RepositoryPaths.Root, "src", "AccessSync.Core");
        var sources = new[] { "Planning", "Review", "Safety", "PlanFiles" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(core, folder), "*.cs"))
            .ToList();

        sources.ShouldNotBeEmpty();
        sources.Where(path => File.ReadAllText(path).Contains("AccessSync.Core.Rendering", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ShouldBeEmpty();
    }

    private static IEnumerable<TestCaseData> Samples() =>
    [
        new TestCaseData((Func<Plan>)SamplePlans.Realistic).SetArgDisplayNames("realistic"),
        new TestCaseData((Func<Plan>)SamplePlans.WithReusable).SetArgDisplayNames("with reusable policies"),
    ];
}
