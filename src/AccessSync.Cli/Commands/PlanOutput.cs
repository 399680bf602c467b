using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;

namespace AccessSync.Cli.Commands;

/// <summary>A plan in the format asked for.</summary>
public static class PlanOutput
{
    public static string Render(Plan plan, PlanFormat format, bool useColor) => format switch
    {
        PlanFormat.Json => PlanJson.Write(plan),
        PlanFormat.Markdown => new MarkdownPlanRenderer().Render(plan),
        _ => new TextPlanRenderer(new TextPlanOptions(UseColor: useColor)).Render(plan),
    };
}
