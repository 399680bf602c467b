using AccessSync.Core.PlanFiles;
using AccessSync.Core.Review;

namespace AccessSync.Core.Rendering;

/// <summary>The plan for machines (<c>--format json</c>): the saved-plan document itself.</summary>
public sealed class JsonPlanRenderer : IPlanRenderer
{
    public string Render(PlanReview review) => PlanFileWriter.Write(review);
}
