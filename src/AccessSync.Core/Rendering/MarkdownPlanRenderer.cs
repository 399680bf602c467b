using System.Net;
using System.Text;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Rendering;

/// <param name="Marker">The first line of every part, by which CI finds the comment it posted before (an HTML comment shows nothing).</param>
public sealed record MarkdownPlanOptions(string Marker = MarkdownPlanOptions.DefaultMarker, string Title = "AccessSync plan")
{
    public const string DefaultMarker = "<!-- accesssync-plan -->";
}

/// <summary>
/// The plan for a pull-request comment or <c>$GITHUB_STEP_SUMMARY</c>: a table of the applications with changes,
/// then one collapsible section per application holding its text render in a <c>diff</c> fence (open when it
/// widens access), then the summary line. <see cref="RenderParts"/> splits it for hosts that limit a comment's size.
/// </summary>
public sealed class MarkdownPlanRenderer(MarkdownPlanOptions options) : IPlanRenderer
{
    /// <summary>Under GitHub's limit of 65,536 characters for a comment, with room to spare.</summary>
    public const int DefaultMaxChars = 65_000;

    public const string Truncated = "… truncated; see the job log or the JSON plan";

    /// <summary>The smallest limit a part can honour: its header, a table row or a cut section, and the summary.</summary>
    private const int MinimumMaxChars = 1_000;

    private const string TableHeader = "| application | create | update | delete | reorder | widens |\n|---|--:|--:|--:|--:|--:|\n";

    private readonly TextPlanRenderer text = new(new TextPlanOptions(UseColor: false));

    public MarkdownPlanRenderer()
        : this(new MarkdownPlanOptions())
    {
    }

    /// <summary>The whole plan as one document.</summary>
    public string Render(Plan plan) => RenderParts(plan, int.MaxValue).Single();

    /// <summary>
    /// The plan in parts of at most <paramref name="maxChars"/> characters each, every one starting with the marker
    /// and, when there are several, saying <c>(part i of n)</c>. A part break never falls inside an application's
    /// section; a section too large for a part on its own is cut, and says so.
    /// </summary>
    public IReadOnlyList<string> RenderParts(Plan plan, int maxChars = DefaultMaxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, MinimumMaxChars);

        // Every part's header is at most this long, whatever its number turns out to be.
        var budget = maxChars == int.MaxValue ? int.MaxValue : maxChars - Header(int.MaxValue, int.MaxValue).Length;
        var blocks = Intro(plan, budget)
            .Concat(plan.Applications.Where(a => a.HasChanges).Select(a => Section(a, plan, budget)))
            .Append(plan.Summary + "\n");

        var parts = new List<StringBuilder> { new() };
        foreach (var block in blocks)
        {
            if (parts[^1].Length > 0 && (long)parts[^1].Length + block.Length > budget)
            {
                parts.Add(new StringBuilder());
            }

            parts[^1].Append(block);
        }

        return [.. parts.Select((p, i) => Header(i + 1, parts.Count) + p)];
    }

    private string Header(int part, int count) =>
        $"{options.Marker}\n### {Escape(options.Title)}{(count > 1 ? $" (part {part} of {count})" : string.Empty)}\n\n";

    /// <summary>The table of applications with changes (in as many pieces as the budget needs) and the unchanged ones.</summary>
    private static IEnumerable<string> Intro(Plan plan, int budget)
    {
        var changed = plan.Applications.Where(a => a.HasChanges).ToList();
        var table = new StringBuilder(TableHeader);
        foreach (var app in changed)
        {
            var widens = app.Changes.Sum(c => AccessWidening.Of(plan, app.App, c).Length);
            var row = $"| {Escape(app.App.Name)} <br> `{app.App.FilePath.Replace("`", "'", StringComparison.Ordinal)}` "
                + $"| {app.Count(ChangeKind.Create)} | {app.Count(ChangeKind.Update)} | {app.Count(ChangeKind.Delete)} | {app.Count(ChangeKind.Reorder)} "
                + $"| {(widens > 0 ? $"⚠️ {widens}" : "0")} |\n";
            if (table.Length + row.Length + 1 > budget)
            {
                yield return table.Append('\n').ToString();
                table.Clear().Append(TableHeader);
            }

            table.Append(row);
        }

        if (changed.Count > 0)
        {
            yield return table.Append('\n').ToString();
        }

        var unchanged = plan.Applications.Where(a => !a.HasChanges).ToList();
        if (changed.Count == 0)
        {
            yield return TextPlanRenderer.NoChanges + "\n\n";
        }
        else if (unchanged.Count > 0)
        {
            yield return $"{unchanged.Count} application{(unchanged.Count == 1 ? string.Empty : "s")} unchanged.\n\n";
        }

        // One block a note, so that a long list may run on into the next part.
        var notes = unchanged.SelectMany(a => TextPlanRenderer.Notes(a).Select(n => $"- note: {Escape(a.App.Name)}: {Escape(n)}\n")).ToList();
        foreach (var note in notes)
        {
            yield return note;
        }

        if (notes.Count > 0)
        {
            yield return "\n";
        }
    }

    /// <summary>One application's section; cut to fit <paramref name="budget"/> at a line, inside its fence, when it would not.</summary>
    private string Section(AppPlan app, Plan plan, int budget)
    {
        var widens = app.Changes.Any(c => !AccessWidening.Of(plan, app.App, c).IsEmpty);
        var counts = string.Join(", ", new[] { ChangeKind.Create, ChangeKind.Update, ChangeKind.Delete, ChangeKind.Reorder }
            .Where(k => app.Count(k) > 0)
            .Select(k => $"{app.Count(k)} to {k.ToString().ToLowerInvariant()}"));
        var body = text.RenderApplication(app, plan);
        var fence = Fence(body);
        var head = $"<details{(widens ? " open" : string.Empty)}>\n<summary><strong>{Html(app.App.Name)}</strong> · {Html(app.App.FilePath)} · {counts}{(widens ? " · ⚠️ widens access" : string.Empty)}</summary>\n\n{fence}diff\n";
        var tail = $"{fence}\n\n</details>\n\n";
        if ((long)head.Length + body.Length + tail.Length <= budget)
        {
            return head + body + tail;
        }

        var kept = new StringBuilder();
        foreach (var line in body.Split('\n'))
        {
            if (head.Length + kept.Length + line.Length + 1 + Truncated.Length + 1 + tail.Length > budget)
            {
                break;
            }

            kept.Append(line).Append('\n');
        }

        return head + kept + Truncated + "\n" + tail;
    }

    /// <summary>A code fence longer than any run of backticks in the text, so a policy name cannot close it.</summary>
    private static string Fence(string body)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in body)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }

    private static string Html(string value) => WebUtility.HtmlEncode(value);

    /// <summary>Text that Markdown shows as written: its punctuation escaped, and HTML as text.</summary>
    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' => escaped.Append('\\').Append(c),
                '\n' or '\r' => escaped.Append(' '),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
