using System.Text;
using AccessSync.Core.Applying;
using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <summary>The outcome of every item of an apply, grouped by application, and a closing count.</summary>
public static class ApplyReportRenderer
{
    public static string Render(ApplyReport report)
    {
        var text = new StringBuilder();
        foreach (var app in report.Outcomes.GroupBy(o => o.Item.App))
        {
            text.Append(DisplayText.Name(app.Key.Name)).Append(" (").Append(app.Key.Scope).Append(')').Append(app.Key.FilePath.Length > 0 ? " " + DisplayText.Name(app.Key.FilePath) : string.Empty).Append('\n');
            foreach (var outcome in app)
            {
                // The item names a policy, from a file or from live; a message may quote either.
                var item = DisplayText.Name(outcome.Item.ToString());
                var message = DisplayText.Name(outcome.Message);
                text.Append(outcome.Status switch
                {
                    ItemStatus.Done => $"  done            {item}{(outcome.Message is null ? string.Empty : " (" + message + ")")}",
                    ItemStatus.Failed => $"  FAILED          {item}: {message}",
                    _ => $"  not attempted   {item}{(outcome.Message is null ? string.Empty : ": " + message)}",
                }).Append('\n');
            }
        }

        return text.Append(Summary(report)).Append('\n').ToString();
    }

    public static string Summary(ApplyReport report) =>
        $"Apply: {report.Count(ItemStatus.Done)} done, {report.Count(ItemStatus.Failed)} failed, {report.Count(ItemStatus.NotAttempted)} not attempted.";
}
