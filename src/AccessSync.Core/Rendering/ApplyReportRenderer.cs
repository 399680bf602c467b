using System.Text;
using AccessSync.Core.Applying;
using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <summary>
/// What an apply prints: one line per write the moment it ends (so that a run killed at any point has printed an
/// accurate record of what it did), then every item that did not simply end done (failed, unknown, not attempted,
/// or done with a note: re-planned, or confirmed by a read), grouped by application, and a count.
/// </summary>
public static class ApplyReportRenderer
{
    /// <summary>One write as it ended: <c>done     Grafana: update "Engineers" at precedence 2</c>.</summary>
    public static string WriteLine(WriteRecord write)
    {
        var status = write.Outcome switch
        {
            WriteOutcome.Done => "done",
            WriteOutcome.Failed => "FAILED",
            _ => "UNKNOWN",
        };
        var message = (write.Outcome, write.Message) switch
        {
            (_, null) => string.Empty,
            (WriteOutcome.Done, { } note) => $" ({note})",
            (_, { } why) => $": {why}",
        };
        // Names come from files and from live, and a message may quote either: none reaches a terminal unescaped.
        return $"{status,-9}{DisplayText.Name(write.App.Name)}: {DisplayText.Name(write.Change)}{DisplayText.Name(message)}";
    }

    /// <summary>The items that did not simply end done, grouped by application, and the closing count.</summary>
    public static string Render(ApplyReport report)
    {
        var text = new StringBuilder();
        var noted = report.Outcomes.Where(o => o.Status != ItemStatus.Done || o.Message is not null).ToList();
        if (noted.Count > 0)
        {
            text.Append('\n');
        }

        foreach (var app in noted.GroupBy(o => o.Item.App))
        {
            text.Append(DisplayText.Name(app.Key.Name)).Append(" (").Append(app.Key.Scope).Append(')').Append(app.Key.FilePath.Length > 0 ? " " + DisplayText.Name(app.Key.FilePath) : string.Empty).Append('\n');
            foreach (var outcome in app)
            {
                // The item names a policy, from a file or from live; a message may quote either.
                var item = DisplayText.Name(outcome.Item.ToString());
                var message = DisplayText.Name(outcome.Message);
                text.Append(outcome.Status switch
                {
                    ItemStatus.Done => $"  done            {item} ({message})",
                    ItemStatus.Failed => $"  FAILED          {item}: {message}",
                    ItemStatus.Unknown => $"  UNKNOWN         {item}: {message}",
                    _ => $"  not attempted   {item}{(outcome.Message is null ? string.Empty : ": " + message)}",
                }).Append('\n');
            }
        }

        return text.Append('\n').Append(Summary(report)).Append('\n').ToString();
    }

    /// <summary><c>Apply: 13 done, 0 failed, 0 not attempted.</c>, with the unknown ones counted when there are any.</summary>
    public static string Summary(ApplyReport report)
    {
        var unknown = report.Count(ItemStatus.Unknown) is var count and > 0 ? $", {count} unknown" : string.Empty;
        return $"Apply{(report.Stopped ? " stopped" : string.Empty)}: {report.Count(ItemStatus.Done)} done, {report.Count(ItemStatus.Failed)} failed{unknown}, {report.Count(ItemStatus.NotAttempted)} not attempted.";
    }
}
