using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;

namespace AccessSync.Core.Tests;

/// <summary>A plan rendered as the commands render it: reviewed once, then printed.</summary>
internal static class Reviewed
{
    public static string Render(this IPlanRenderer renderer, Plan plan) => renderer.Render(PlanReviewer.Review(plan));

    public static IReadOnlyList<string> RenderParts(this MarkdownPlanRenderer renderer, Plan plan, int maxChars = MarkdownPlanRenderer.DefaultMaxChars) =>
        renderer.RenderParts(PlanReviewer.Review(plan), maxChars);

    public static IReadOnlyList<Widening> Widenings(Plan plan) => PlanReviewer.Review(plan).Widenings;
}
