using AccessSync.Core.Rendering;
using AccessSync.Core.Review;

namespace AccessSync.Cli.Commands;

/// <summary>A reviewed plan in the format asked for.</summary>
public static class PlanOutput
{
    public static string Render(PlanReview review, PlanFormat format, bool useColor) => format switch
    {
        PlanFormat.Json => new JsonPlanRenderer().Render(review),
        PlanFormat.Markdown => new MarkdownPlanRenderer().Render(review),
        _ => new TextPlanRenderer(new TextPlanOptions(UseColor: useColor)).Render(review),
    };
}
