using System.Text;
using AccessSync.Core.Applying;

namespace AccessSync.Core.Rendering;

/// <summary>The outcome of every item of an apply, grouped by application, and a closing count.</summary>
public static class ApplyReportRenderer
{
    public static string Render(ApplyReport report)
    {
        var text = new StringBuilder();
        foreach (var app in report.Outcomes.GroupBy(o => o.Item.App))
        {
            text.Append(app.Key.Name).Append(" (").Append(app.Key.Scope).Append(')').Append(app.Key.FilePath.Length > 0 ? " " + app.Key.FilePath : string.Empty).Append('\n');
            foreach (var outcome in app)
            {
                text.Append(outcome.Status switch
                {
                    ItemStatus.Done => $"  done            {outcome.Item}{(outcome.Message is null ? string.Empty : " (" + outcome.Message + ")")}",
                    ItemStatus.Failed => $"  FAILED          {outcome.Item}: {outcome.Message}",
                    _ => $"  not attempted   {outcome.Item}{(outcome.Message is null ? string.Empty : ": " + outcome.Message)}",
                }).Append('\n');
            }
        }

        return text.Append(Summary(report)).Append('\n').ToString();
    }

    public static string Summary(ApplyReport report) =>
        $"Apply: {report.Count(ItemStatus.Done)} done, {report.Count(ItemStatus.Failed)} failed, {report.Count(ItemStatus.NotAttempted)} not attempted.";
}
