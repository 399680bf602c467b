using AccessSync.Core.Review;

namespace AccessSync.Core.Rendering;

/// <summary>
/// Turns a reviewed plan into text for people or machines. It prints what the plan and its review hold and works
/// out nothing of its own. The same review gives the same text, to the byte, with "\n" line ends.
/// </summary>
public interface IPlanRenderer
{
    string Render(PlanReview review);
}
