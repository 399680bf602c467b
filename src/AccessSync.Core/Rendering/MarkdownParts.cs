using AccessSync.Core.Text;

namespace AccessSync.Core.Rendering;

/// <summary>A piece of the Markdown plan that a part break never falls inside.</summary>
/// <param name="Section">
/// The section it shows; null for a piece of the overview before the sections (the totals, the widenings, the
/// table, the notes, the access tests).
/// </param>
internal sealed record MarkdownBlock(string Text, PlanSection? Section = null);

/// <summary>
/// The blocks of the Markdown plan in parts, and what each part holds in words for its heading and for the line
/// that ends the part before it: <c>overview; Deploy API … Grafana (12 applications)</c>. A reviewer looking for one
/// application's changes in a plan of several comments finds the comment from any of them.
/// </summary>
internal static class MarkdownParts
{
    /// <summary>How much of a name a part's heading shows: enough to tell applications apart, short enough for a heading.</summary>
    private const int NameLength = 40;

    /// <summary>
    /// The blocks in order, in parts of at most <paramref name="budget"/> characters: a block goes to the next part
    /// when it would take the current one over, and stands alone in a part when it is larger than one.
    /// </summary>
    public static List<List<MarkdownBlock>> Split(IEnumerable<MarkdownBlock> blocks, int budget)
    {
        var parts = new List<List<MarkdownBlock>> { new() };
        var length = 0L;
        foreach (var block in blocks)
        {
            if (parts[^1].Count > 0 && length + block.Text.Length > budget)
            {
                parts.Add([]);
                length = 0;
            }

            parts[^1].Add(block);
            length += block.Text.Length;
        }

        return parts;
    }

    /// <summary>What a part holds, as Markdown: the overview (continued, after part 1), then its reusable policies and its applications.</summary>
    public static string Holds(IReadOnlyList<MarkdownBlock> part, bool isFirst)
    {
        var sections = part.Select(b => b.Section).OfType<PlanSection>().ToList();
        var apps = sections.Where(s => !s.Target.IsReusablePolicies).Select(s => Shown(s.Target.Name)).ToList();
        return Describe(
            part.Any(b => b.Section is null) ? (isFirst ? "overview" : ContinuedOverview) : null,
            Reusable(sections),
            apps.FirstOrDefault(),
            apps.LastOrDefault(),
            apps.Count);
    }

    /// <summary>A text as long as the longest that <see cref="Holds"/> can say of any part of a plan with these sections.</summary>
    public static string LongestHolds(IReadOnlyList<PlanSection> sections)
    {
        var longest = new string('x', NameLength);
        return Describe(ContinuedOverview, Reusable(sections), longest, longest, sections.Count(s => !s.Target.IsReusablePolicies));
    }

    private const string ContinuedOverview = "overview, continued";

    private static List<string> Reusable(IEnumerable<PlanSection> sections) =>
        [.. sections.Where(s => s.Target.IsReusablePolicies).Select(s => Shown(s.Target.Name)).Distinct(StringComparer.Ordinal)];

    /// <summary><c>overview; Reusable policies, Deploy API … Grafana (12 applications)</c>: one name alone, two side by side, more as a range.</summary>
    private static string Describe(string? overview, List<string> reusable, string? firstApp, string? lastApp, int apps)
    {
        var sections = new List<string>(reusable);
        if (apps > 0)
        {
            sections.Add(apps switch
            {
                1 => firstApp!,
                2 => $"{firstApp}, {lastApp}",
                _ => $"{firstApp} … {lastApp} ({apps} applications)",
            });
        }

        return string.Join("; ", new[] { overview, sections.Count > 0 ? string.Join(", ", sections) : null }.OfType<string>());
    }

    /// <summary>
    /// A name as Markdown shows it as written, cut short to at most <see cref="NameLength"/> characters of Markdown
    /// by leaving out its middle (between the escapes of two characters, never inside one): names of applications
    /// often share a beginning and differ at the end (<c>… staging</c>, <c>… 2</c>).
    /// </summary>
    private static string Shown(string name)
    {
        var escaped = MarkdownPlanRenderer.Escape(name);
        if (escaped.Length <= NameLength)
        {
            return escaped;
        }

        var pieces = DisplayText.Name(name).EnumerateRunes().Select(r => MarkdownPlanRenderer.Escape(r.ToString())).ToList();
        var room = NameLength - "…".Length;
        var head = Fitting(pieces, (room + 1) / 2);
        var tail = Fitting(Enumerable.Reverse(pieces), room - head.Sum(p => p.Length));
        tail.Reverse();
        return WholeWords(head, pieces[head.Count] == " ", fromEnd: false) + "…" + WholeWords(tail, pieces[^(tail.Count + 1)] == " ", fromEnd: true);
    }

    /// <summary>The pieces as text without the part of a word the cut runs through, unless that leaves nothing.</summary>
    private static string WholeWords(List<string> pieces, bool cutAtSpace, bool fromEnd)
    {
        var text = string.Concat(pieces);
        var space = fromEnd ? text.IndexOf(' ', StringComparison.Ordinal) : text.LastIndexOf(' ');
        if (!cutAtSpace && space > 0 && space < text.Length - 1)
        {
            text = fromEnd ? text[(space + 1)..] : text[..space];
        }

        return text.Trim();
    }

    /// <summary>The first pieces whose length together is at most <paramref name="room"/>.</summary>
    private static List<string> Fitting(IEnumerable<string> pieces, int room)
    {
        var fitting = new List<string>();
        foreach (var piece in pieces)
        {
            if (room < piece.Length)
            {
                break;
            }

            fitting.Add(piece);
            room -= piece.Length;
        }

        return fitting;
    }
}
