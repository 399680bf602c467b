using System.Collections.Immutable;
using System.Net;
using System.Text;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;
using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <param name="Marker">The first line of every part, by which CI finds the comment it posted before (an HTML comment shows nothing).</param>
public sealed record MarkdownPlanOptions(string Marker = MarkdownPlanOptions.DefaultMarker, string Title = "AccessSync plan")
{
    public const string DefaultMarker = "<!-- accesssync-plan -->";
}

/// <summary>
/// The plan for a pull-request comment or <c>$GITHUB_STEP_SUMMARY</c>, laid out for a reviewer of a long plan: the
/// totals and what widens access, a table of the applications (and of each account's reusable policies) with changes,
/// then one collapsible section per row (open when it widens access). A section shows its change list in a
/// <c>diff</c> fence, written for GitHub's colouring (<see cref="SectionNotation.DiffFence"/>), and folds the full
/// text of its changed policies into a closed section within. No line of a fence is longer than
/// <see cref="SectionText.MaxLineLength"/> but a value no break can shorten. <see cref="RenderParts"/> splits the
/// plan for hosts that limit a comment's size.
/// </summary>
public sealed class MarkdownPlanRenderer(MarkdownPlanOptions options) : IPlanRenderer
{
    /// <summary>Under GitHub's limit of 65,536 characters for a comment, with room to spare.</summary>
    public const int DefaultMaxChars = 65_000;

    public const string Truncated = "… truncated; see the job log or the JSON plan";

    /// <summary>The smallest limit a part can honour: its header, a table row or a cut section, and the summary.</summary>
    private const int MinimumMaxChars = 1_000;

    /// <summary>The least room worth giving a cut full text: below it, a cut section shows its change list only.</summary>
    private const int MinimumCut = 200;

    private static readonly ChangeKind[] CountedKinds = [ChangeKind.Create, ChangeKind.Update, ChangeKind.Delete, ChangeKind.Reorder];

    /// <summary>Attach and detach have columns only in a plan that has some, so a plan without reusable policies reads as it always has.</summary>
    private static readonly ChangeKind[] ReusableKinds = [ChangeKind.Attach, ChangeKind.Detach];

    public MarkdownPlanRenderer()
        : this(new MarkdownPlanOptions())
    {
    }

    /// <summary>The whole plan as one document.</summary>
    public string Render(PlanReview review) => RenderParts(review, int.MaxValue).Single();

    /// <summary>
    /// The plan in parts of at most <paramref name="maxChars"/> characters each, every one starting with the marker.
    /// When there are several, each part's heading says <c>(part i of n)</c> and what it holds (the overview, its
    /// first and last application), and each part but the last ends saying what the next one holds. Part 1 opens
    /// with the totals and the whole list of widenings (cut, and saying so, only when it alone would not fit). A part
    /// break never falls inside a section (an application's, or an account's reusable policies'); a section too
    /// large for a part on its own is cut, and says so.
    /// </summary>
    public IReadOnlyList<string> RenderParts(PlanReview review, int maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, MinimumMaxChars);

        var plan = review.Plan;
        var sections = PlanSections.Of(review);
        var changed = sections.Where(s => s.HasChanges).ToList();
        var summary = plan.Summary;
        ChangeKind[] columns = summary.Attach > 0 || summary.Detach > 0 ? [.. CountedKinds, .. ReusableKinds] : CountedKinds;
        // The totals and the widenings open part 1, whatever the number of parts; the totals close the last too, and
        // every part keeps room for them, so that no part holds them alone. Every part's heading, and its last line
        // naming what the next part holds, are at most as long as these, whatever part they turn out to be and name.
        var closing = summary + "\n";
        var longest = MarkdownParts.LongestHolds(changed);
        var frame = Header(int.MaxValue, int.MaxValue, longest).Length + "\n".Length + Footer(int.MaxValue, longest).Length + closing.Length;
        var budget = maxChars == int.MaxValue ? int.MaxValue : maxChars - frame;
        var blocks = new[] { new MarkdownBlock(Opening(review, budget)) }
            .Concat(Intro(plan, sections, columns, budget).Select(b => new MarkdownBlock(b)))
            .Concat(plan.AccessTests is { } tests ? [new MarkdownBlock(AccessTests(tests))] : [])
            .Concat(changed.Select(s => new MarkdownBlock(Section(s, plan.Names, budget), s)));

        var parts = MarkdownParts.Split(blocks, budget);
        if (parts.Count == 1)
        {
            return [Header(1, 1, string.Empty) + string.Concat(parts[0].Select(b => b.Text)) + closing];
        }

        var holds = parts.Select((p, i) => MarkdownParts.Holds(p, isFirst: i == 0)).ToList();
        return
        [
            .. parts.Select((p, i) =>
            {
                var text = string.Concat(p.Select(b => b.Text));
                if (i + 1 == parts.Count)
                {
                    return Header(i + 1, parts.Count, holds[i]) + text + closing;
                }

                // A blank line before the last line, so that it is a paragraph of its own whatever the part ends in.
                return Header(i + 1, parts.Count, holds[i]) + text + (text.EndsWith("\n\n", StringComparison.Ordinal) ? string.Empty : "\n") + Footer(i + 2, holds[i + 1]);
            }),
        ];
    }

    private string Header(int part, int count, string holds) =>
        $"{options.Marker}\n### {Escape(options.Title)}{(count > 1 ? $" (part {part} of {count}): {holds}" : string.Empty)}\n\n";

    /// <summary>The line that ends a part but the last: what the next part holds.</summary>
    private static string Footer(int next, string holds) => $"Continued in part {next}: {holds}\n";

    /// <summary>
    /// The totals, then the widenings: one bullet per application and policy. One block, so that all of it opens
    /// part 1; a list too long for a part is cut there, and says where the rest is.
    /// </summary>
    private static string Opening(PlanReview review, int budget)
    {
        var opening = new StringBuilder($"**{review.Plan.Summary}**\n\n");
        var lines = WideningList.Of(review);
        if (lines.Count == 0)
        {
            return opening.ToString();
        }

        opening.Append($"**⚠️ {WideningList.Title} ({lines.Count})**\n\n");
        var bullets = lines.Select(line => line.IsReusablePolicy
            ? $"- reusable **{Escape(line.Policy)}** (used by {Escape(line.Apps)}): {Escape(string.Join("; ", line.Reasons))}\n"
            : $"- **{Escape(line.Apps)}** · {Escape(line.Policy)}: {Escape(string.Join("; ", line.Reasons))}\n").ToList();
        for (var i = 0; i < bullets.Count; i++)
        {
            if ((long)opening.Length + bullets[i].Length + MoreWidenings(bullets.Count).Length + 1 > budget && i < bullets.Count - 1
                || (long)opening.Length + bullets[i].Length + 1 > budget)
            {
                return opening.Append(MoreWidenings(bullets.Count - i)).Append('\n').ToString();
            }

            opening.Append(bullets[i]);
        }

        return opening.Append('\n').ToString();
    }

    /// <summary>The line that stands for the widenings a part has no room for.</summary>
    private static string MoreWidenings(int count) =>
        $"- … and {count} more: every one is in the job log, and in the saved plan file under `widening`\n";

    /// <summary>The table of sections with changes (in as many pieces as the budget needs) and the unchanged applications.</summary>
    private static IEnumerable<string> Intro(Plan plan, ImmutableArray<PlanSection> sections, ChangeKind[] columns, int budget)
    {
        var changed = sections.Where(s => s.HasChanges).ToList();
        var tableHeader = $"| application | {string.Join(" | ", columns.Select(ChangeKinds.Verb))} | widens |\n|---|{string.Concat(columns.Select(_ => "--:|"))}--:|\n";
        var table = new StringBuilder(tableHeader);
        foreach (var section in changed)
        {
            var target = section.Target;
            var where = target.IsReusablePolicies ? Escape(target.Scope.ToString()) : $"`{target.FilePath.Replace("`", "'", StringComparison.Ordinal)}`";
            var widens = section.WideningCount;
            var row = $"| {Escape(target.Name)} <br> {where} "
                + string.Concat(columns.Select(k => $"| {section.Count(k)} "))
                + $"| {(widens > 0 ? $"⚠️ {widens}" : "0")} |\n";
            if (table.Length + row.Length + 1 > budget)
            {
                yield return table.Append('\n').ToString();
                table.Clear().Append(tableHeader);
            }

            table.Append(row);
        }

        if (changed.Count > 0)
        {
            yield return table.Append('\n').ToString();
        }

        var unchanged = sections.Where(s => !s.HasChanges).ToList();
        var unchangedApps = unchanged.Count(s => !s.Target.IsReusablePolicies);
        if (!plan.HasChanges)
        {
            yield return TextPlanRenderer.NoChanges + "\n\n";
        }
        else if (unchangedApps > 0)
        {
            yield return $"{unchangedApps} application{(unchangedApps == 1 ? string.Empty : "s")} unchanged.\n\n";
        }

        // One block a note, so that a long list may run on into the next part.
        var notes = unchanged.SelectMany(s => SectionText.Notes(s).Select(n => $"- note: {Escape(TextPlanRenderer.Title(s.Target))}: {Escape(n)}\n")).ToList();
        foreach (var note in notes)
        {
            yield return note;
        }

        if (notes.Count > 0)
        {
            yield return "\n";
        }
    }

    /// <summary>
    /// One section: its change list in view, then the full text of its changed policies in a nested section, closed,
    /// since the change list says what changes and the full text is there to place it. A section too large for
    /// <paramref name="budget"/> is cut at a line, inside a fence, and says so: the full text first, and the change
    /// list only when it alone does not fit (the full text is then left out).
    /// </summary>
    private static string Section(PlanSection section, IReadOnlyDictionary<string, string> names, int budget)
    {
        var target = section.Target;
        var widens = section.WideningCount > 0;
        var counts = string.Join(", ", CountedKinds.Concat(ReusableKinds)
            .Where(k => section.Count(k) > 0)
            .Select(k => $"{section.Count(k)} to {k.Verb()}"));
        if (counts.Length == 0)
        {
            counts = "renumbered, order unchanged"; // its only change keeps the order: no kind counts it
        }

        var where = target.IsReusablePolicies ? target.Scope.ToString() : target.FilePath;
        var summary = $"<strong>{Html(target.Name)}</strong> · {Html(where)} · {counts}{(widens ? " · ⚠️ widens access" : string.Empty)}";
        var changeList = SectionText.DiffFence.ChangeList(section, names);
        var policies = SectionText.DiffFence.FullPolicies(section, names);
        // Every section's change list in view, a widening one marked in its summary; the full text of the policies
        // is what folds away (below).
        var open = Details(summary, isOpen: true);
        var close = "</details>\n\n";
        if (policies.Count == 0)
        {
            return open + DiffBlock(changeList, budget - open.Length - close.Length) + close;
        }

        var full = string.Join("\n", policies);
        var nestedOpen = Details($"Full policies ({policies.Count})", isOpen: false);
        var whole = open + DiffBlock(changeList, int.MaxValue) + nestedOpen + DiffBlock(full, int.MaxValue) + close + close;
        if (whole.Length <= budget)
        {
            return whole;
        }

        var inView = open + DiffBlock(changeList, int.MaxValue);
        var room = budget - inView.Length - nestedOpen.Length - close.Length - close.Length;
        return room >= MinimumCut
            ? inView + nestedOpen + DiffBlock(full, room) + close + close
            : open + DiffBlock(changeList + Truncated + "\n", budget - open.Length - close.Length) + close;
    }

    private static string Details(string summary, bool isOpen) => $"<details{(isOpen ? " open" : string.Empty)}>\n<summary>{summary}</summary>\n\n";

    /// <summary>
    /// Text in a <c>diff</c> fence, with blank lines around it so that GitHub renders it; cut at a line to fit
    /// <paramref name="budget"/> when it would not, and saying so inside the fence.
    /// </summary>
    private static string DiffBlock(string body, int budget)
    {
        var fence = Fence(body);
        var head = $"{fence}diff\n";
        var tail = $"{fence}\n\n";
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

    /// <summary>
    /// The access tests: their summary, then each case the files fail and each case whose decision the plan changes,
    /// before the sections, since they say in a line what a reviewer would otherwise work out from every diff.
    /// </summary>
    private static string AccessTests(PlannedAccessTests tests)
    {
        var block = new StringBuilder().Append(tests.Failed > 0 ? "❌ " : "✅ ").Append(Escape(tests.Summary)).Append("\n\n");
        foreach (var failure in tests.Failures)
        {
            block.Append("- ❌ fails: ").Append(Escape(AccessTestPlanLines.Failure(failure))).Append('\n');
        }

        foreach (var change in tests.Changed)
        {
            block.Append("- ⚠️ changes: ").Append(Escape(AccessTestPlanLines.Change(change))).Append('\n');
        }

        return block.Append(tests.Failed > 0 || tests.Changed.Any() ? "\n" : string.Empty).ToString();
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

    /// <summary>A name as HTML text: first made printable (<see cref="DisplayText.Name"/>), then encoded.</summary>
    private static string Html(string value) => WebUtility.HtmlEncode(DisplayText.Name(value));

    /// <summary>Text that Markdown shows as written: made printable (<see cref="DisplayText.Name"/>), its punctuation escaped, and HTML as text.</summary>
    internal static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in DisplayText.Name(value))
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
