using System.Text;
using AccessSync.Cli.GitHub;
using AccessSync.Cli.Tests.Support;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;

namespace AccessSync.Cli.Tests;

/// <summary>The step summary keeps to its budget in bytes, whatever the letters of the plan.</summary>
public class StepSummaryTests
{
    private static readonly MarkdownPlanRenderer Renderer = new();

    [Test]
    public void A_plan_that_fits_is_written_whole()
    {
        var review = PlanReviewer.Review(SavedPlans.Creating(applications: 2, policiesEach: 1));

        var (markdown, truncated) = StepSummary.Render(review, Renderer, budgetBytes: 100_000);

        markdown.ShouldBe(Renderer.Render(review));
        truncated.ShouldBeFalse();
    }

    [Test]
    public void A_plan_of_many_byte_letters_is_cut_to_the_budget_in_bytes_and_says_so()
    {
        // Three UTF-8 bytes a letter: cut by characters, the summary would be far over its budget.
        var review = PlanReviewer.Review(SavedPlans.Creating(applications: 60, policiesEach: 2, appName: "アクセス管理アプリケーション"));
        Encoding.UTF8.GetByteCount(Renderer.Render(review)).ShouldBeGreaterThan(20_000);

        var (markdown, truncated) = StepSummary.Render(review, Renderer, budgetBytes: 20_000);

        truncated.ShouldBeTrue();
        Encoding.UTF8.GetByteCount(markdown).ShouldBeLessThanOrEqualTo(20_000);
        markdown.ShouldStartWith(MarkdownPlanOptions.DefaultMarker + "\n### AccessSync plan (part 1 of ");
        markdown.ShouldContain("アクセス管理アプリケーション 0001");
        markdown.ShouldContain("> [!WARNING]\n> **This plan is truncated**: it is larger than the 1 MiB GitHub allows a step summary, so only its first part of ");
        markdown.ShouldEndWith($" is shown. The whole plan is in the job log and in the saved plan file.\n> {review.Plan.Summary}\n");
    }

    [Test]
    public void With_no_room_for_even_a_part_only_the_note_is_written_and_with_none_for_the_note_nothing()
    {
        var review = PlanReviewer.Review(SavedPlans.Creating(applications: 60, policiesEach: 2));

        StepSummary.Render(review, Renderer, budgetBytes: 900).Markdown.ShouldStartWith("\n> [!WARNING]\n> **This plan is truncated**");
        StepSummary.Render(review, Renderer, budgetBytes: 10).ShouldBe((string.Empty, true));
    }
}
